import {
  forbidden,
  namespace,
  pod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { validatingWebhookConfiguration } from '../../__testUtils__/accessFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'access.pod-security';
const VWC = 'validatingwebhookconfigurations.admissionregistration.k8s.io';
const ENFORCE = 'pod-security.kubernetes.io/enforce';

const systemNamespaces = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'default',
].map(n => namespace(n));
const coredns = pod('coredns-7db6d8ff4d-abcde', {
  namespace: 'kube-system',
  labels: { 'k8s-app': 'kube-dns' },
});

/** Workload namespaces with the given enforce level (undefined: no label), one pod each. */
function cluster(
  levels: Record<string, string | undefined>,
  webhooks: KubeObject[] | ReturnType<typeof forbidden> = [],
) {
  const namespaces = [
    ...systemNamespaces,
    ...Object.entries(levels).map(([name, level]) =>
      namespace(name, level ? { [ENFORCE]: level } : {}),
    ),
  ];
  const pods = [
    coredns,
    ...Object.keys(levels).map(ns => pod(`app-${ns}`, { namespace: ns })),
  ];
  return snapshot({ namespaces, pods, [VWC]: webhooks });
}

describe(ID, () => {
  it('passes when every workload namespace enforces baseline or restricted', () => {
    const r = resultOf(
      ID,
      cluster({ 'team-a': 'baseline', 'team-b': 'restricted' }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      `Namespace/team-a .metadata.labels["${ENFORCE}"]`,
      `Namespace/team-b .metadata.labels["${ENFORCE}"]`,
    ]);
  });

  it('warns when only some do; privileged does not count', () => {
    const r = resultOf(
      ID,
      cluster({
        'team-a': 'baseline',
        'team-b': 'privileged',
        'team-c': undefined,
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('2 of 3 workload namespaces');
    expect(r.message).toContain('team-b, team-c');
    expect(r.evidence).toEqual([
      `Namespace/team-b .metadata.labels["${ENFORCE}"]`,
      `Namespace/team-c .metadata.labels["${ENFORCE}"]`,
    ]);
  });

  it('fails when none does', () => {
    const r = resultOf(
      ID,
      cluster({ 'team-a': undefined, 'team-b': 'privileged' }),
    );
    expect(r.status).toBe('fail');
  });

  it('counts default as a workload namespace when it holds pods', () => {
    const r = resultOf(
      ID,
      snapshot({
        namespaces: systemNamespaces,
        pods: [coredns, pod('nginx', { namespace: 'default' })],
        [VWC]: [],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('(default)');
  });

  it.each([
    'kyverno-resource-validating-webhook-cfg',
    'gatekeeper-validating-webhook-configuration',
  ])('passes with a policy engine (%s)', name => {
    const r = resultOf(
      ID,
      cluster({ 'team-a': undefined }, [validatingWebhookConfiguration(name)]),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([`ValidatingWebhookConfiguration/${name}`]);
  });

  it('ignores unrelated webhook configurations', () => {
    const r = resultOf(
      ID,
      cluster({ 'team-a': undefined }, [
        validatingWebhookConfiguration('cert-manager-webhook'),
      ]),
    );
    expect(r.status).toBe('fail');
  });

  it('is not-applicable without workload namespaces', () => {
    const r = resultOf(ID, cluster({}));
    expect(r.status).toBe('not-applicable');
  });

  it('treats configured extra system namespaces as system', () => {
    const r = resultOf(ID, cluster({ monitoring: undefined }), {
      extraSystemNamespaces: ['monitoring'],
    });
    expect(r.status).toBe('not-applicable');
  });

  it('passes on namespace labels alone when webhooks are denied', () => {
    const r = resultOf(ID, cluster({ 'team-a': 'restricted' }, forbidden(VWC)));
    expect(r.status).toBe('pass');
  });

  it('is unknown when webhooks are denied and a namespace does not enforce', () => {
    const r = resultOf(
      ID,
      cluster({ 'team-a': 'restricted', 'team-b': undefined }, forbidden(VWC)),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('1 of 2 workload namespaces');
    expect(r.missingReads).toEqual([`list ${VWC}`]);
  });

  it('is unknown when namespaces are denied and there is no policy engine', () => {
    const s = cluster({ 'team-a': 'restricted' });
    s.resources.namespaces = forbidden('namespaces');
    const r = resultOf(ID, s);
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list namespaces']);
  });

  it('passes with a policy engine even when pods were not collected', () => {
    const r = resultOf(
      ID,
      snapshot({
        [VWC]: [
          validatingWebhookConfiguration(
            'kyverno-policy-validating-webhook-cfg',
          ),
        ],
      }),
    );
    expect(r.status).toBe('pass');
  });

  it('names every missing read when nothing was collected', () => {
    const r = resultOf(ID, snapshot({}));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'list pods',
      'list namespaces',
      `list ${VWC}`,
    ]);
  });
});
