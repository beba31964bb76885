import {
  deployment,
  forbidden,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  coreDns,
  daemonSet,
  horizontalPodAutoscaler,
} from '../../__testUtils__/resourceLimitFactories';

const ID = 'resource-limits.dns-autoscaling';
const HPAS = 'horizontalpodautoscalers.autoscaling';
const DEPLOYMENTS = 'deployments.apps';
const DAEMONSETS = 'daemonsets.apps';

const dns = coreDns().deployment;
const autoscaler = deployment('kube-dns-autoscaler', {
  namespace: 'kube-system',
  replicas: 1,
  labels: { 'k8s-app': 'kube-dns-autoscaler' },
  podLabels: { 'k8s-app': 'kube-dns-autoscaler' },
});
const dnsHpa = horizontalPodAutoscaler('coredns', 'kube-system', {
  kind: 'Deployment',
  name: 'coredns',
});
const nodeLocalDns = daemonSet('node-local-dns', 'kube-system');
const kubeProxy = daemonSet('kube-proxy', 'kube-system', {
  image: 'registry.k8s.io/kube-proxy:v1.34.2',
});

describe(ID, () => {
  it('passes with a dns-autoscaler Deployment in kube-system', () => {
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: [dns, autoscaler],
        [HPAS]: [],
        [DAEMONSETS]: [],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'The cluster DNS scales with the cluster: Deployment/kube-system/kube-dns-autoscaler.',
    );
    expect(r.evidence).toEqual([
      'Deployment/kube-system/kube-dns-autoscaler .metadata.name',
    ]);
  });

  it('passes with an HPA targeting the DNS Deployment', () => {
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: [dns],
        [HPAS]: [dnsHpa],
        [DAEMONSETS]: [kubeProxy],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'HorizontalPodAutoscaler/kube-system/coredns .spec.scaleTargetRef = Deployment/coredns',
    ]);
  });

  it('passes with a node-local-dns DaemonSet', () => {
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: [dns],
        [HPAS]: [],
        [DAEMONSETS]: [kubeProxy, nodeLocalDns],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'DaemonSet/kube-system/node-local-dns .metadata.name',
    ]);
  });

  it('warns when none of the three is present', () => {
    const otherHpa = horizontalPodAutoscaler('web', 'shop', {
      kind: 'Deployment',
      name: 'web',
    });
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: [dns],
        [HPAS]: [otherHpa],
        [DAEMONSETS]: [kubeProxy],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      'No DNS autoscaling: no dns-autoscaler Deployment, no HPA on the DNS Deployment (coredns), no node-local-dns DaemonSet; deploy the DNS horizontal autoscaler.',
    );
    expect(r.evidence).toEqual([
      'Deployment/kube-system/* .metadata.name',
      'HorizontalPodAutoscaler/kube-system/* .spec.scaleTargetRef',
      'DaemonSet/*/node-local-dns',
    ]);
  });

  it('does not count look-alikes outside the rule', () => {
    const autoscalerElsewhere = deployment('dns-autoscaler', {
      namespace: 'tools',
    });
    const hpaElsewhere = horizontalPodAutoscaler('coredns', 'tools', {
      kind: 'Deployment',
      name: 'coredns',
    });
    const hpaOnOtherKind = horizontalPodAutoscaler('coredns', 'kube-system', {
      kind: 'StatefulSet',
      name: 'coredns',
    });
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: [dns, autoscalerElsewhere],
        [HPAS]: [hpaElsewhere, hpaOnOtherKind],
        [DAEMONSETS]: [daemonSet('node-local-dns-cache', 'kube-system')],
      }),
    );
    expect(r.status).toBe('warn');
  });

  it('warns, saying so, when there is no DNS Deployment to target', () => {
    const r = resultOf(
      ID,
      snapshot({ [DEPLOYMENTS]: [], [HPAS]: [dnsHpa], [DAEMONSETS]: [] }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'no HPA on a DNS Deployment (none labelled k8s-app=kube-dns)',
    );
  });

  it('passes on evidence from one source while another is denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: [dns, autoscaler],
        [HPAS]: forbidden(HPAS),
        [DAEMONSETS]: forbidden(DAEMONSETS),
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.missingReads).toBeUndefined();
  });

  it('infers the DNS Deployment from its conventional name when Deployments are denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: forbidden(DEPLOYMENTS),
        [HPAS]: [dnsHpa],
        [DAEMONSETS]: [],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toContain('(DNS Deployment inferred from its name)');
  });

  it('is unknown when nothing is seen and a source is denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        [DEPLOYMENTS]: [dns],
        [HPAS]: [],
        [DAEMONSETS]: forbidden(DAEMONSETS),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list daemonsets.apps']);
    expect(r.message).toBe(
      'No DNS autoscaling seen in what was readable, but list daemonsets.apps failed (403 Forbidden).',
    );
  });

  it('is unknown naming every source that was not collected', () => {
    const r = resultOf(ID, snapshot({ [HPAS]: [] }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'list deployments.apps',
      'list daemonsets.apps',
    ]);
  });
});
