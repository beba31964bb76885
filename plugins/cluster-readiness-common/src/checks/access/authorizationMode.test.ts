import {
  k3sCluster,
  openshiftCluster,
  rke2Cluster,
} from '../../__testUtils__/distributionFactories';
import {
  forbidden,
  kubeadmControlPlane,
  mirrorPod,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';

const ID = 'access.authorization-mode';
const RBAC = 'rbac.authorization.k8s.io/v1';

function selfHosted(flags: Record<string, string>) {
  const { nodes, pods } = kubeadmControlPlane(flags);
  return snapshot({ nodes, pods });
}

/** An EKS-like cluster: workers only, no control-plane pods. */
function managed(apiGroupVersions?: string[], pods: any = []) {
  return snapshot(
    {
      nodes: [node('ip-10-0-1-5', { providerID: 'aws:///eu-west-1a/i-0abc' })],
      pods,
    },
    {
      serverVersion: {
        major: '1',
        minor: '34',
        gitVersion: 'v1.34.2-eks-113cf36',
      },
      ...(apiGroupVersions ? { apiGroupVersions } : {}),
    },
  );
}

describe(ID, () => {
  it('passes kubeadm defaults: Node,RBAC with NodeRestriction', () => {
    const r = resultOf(ID, selfHosted({}));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('--authorization-mode=Node,RBAC');
    expect(r.evidence).toContain(
      'Pod/kube-system/kube-apiserver-cp-1 --authorization-mode',
    );
    expect(r.evidence).toContain(
      'Pod/kube-system/kube-apiserver-cp-3 --enable-admission-plugins',
    );
  });

  it.each([
    ['AlwaysAllow', 'every request is allowed'],
    ['Node,RBAC,AlwaysAllow', 'every request is allowed'],
    ['Node,Webhook', 'lacks RBAC'],
    ['ABAC', 'lacks RBAC'],
  ])('fails --authorization-mode=%s', (mode, text) => {
    const r = resultOf(ID, selfHosted({ 'authorization-mode': mode }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(text);
    expect(r.evidence).toEqual([
      'Pod/kube-system/kube-apiserver-cp-1 --authorization-mode',
      'Pod/kube-system/kube-apiserver-cp-2 --authorization-mode',
      'Pod/kube-system/kube-apiserver-cp-3 --authorization-mode',
    ]);
  });

  it('fails when --authorization-mode is unset (AlwaysAllow by default)', () => {
    const pods = [
      mirrorPod('kube-apiserver', 'cp-1', {
        'enable-admission-plugins': 'NodeRestriction',
      }),
    ];
    const r = resultOf(
      ID,
      snapshot({ nodes: [node('cp-1', { controlPlane: true })], pods }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('not set (default AlwaysAllow)');
  });

  it.each([
    [{ 'authorization-mode': 'RBAC' }, 'add the Node authorizer'],
    [
      { 'enable-admission-plugins': 'NamespaceLifecycle,LimitRanger' },
      'enable the NodeRestriction admission plugin',
    ],
    [
      { 'disable-admission-plugins': 'NodeRestriction' },
      'enable the NodeRestriction admission plugin',
    ],
    [{ 'authorization-mode': 'Node,RBAC,ABAC' }, 'remove ABAC'],
  ])('warns on %o', (flags, text) => {
    const r = resultOf(ID, selfHosted(flags));
    expect(r.status).toBe('warn');
    expect(r.message).toContain(text);
  });

  it('accepts NodeRestriction from the deprecated --admission-control', () => {
    const r = resultOf(
      ID,
      selfHosted({
        'enable-admission-plugins': 'NamespaceLifecycle',
        'admission-control': 'NamespaceLifecycle,NodeRestriction',
      }),
    );
    expect(r.status).toBe('pass');
  });

  it('passes a structured --authorization-config', () => {
    const pods = [
      mirrorPod('kube-apiserver', 'cp-1', {
        'authorization-config': '/etc/kubernetes/authz.yaml',
      }),
    ];
    const r = resultOf(
      ID,
      snapshot({ nodes: [node('cp-1', { controlPlane: true })], pods }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'Pod/kube-system/kube-apiserver-cp-1 --authorization-config',
    ]);
  });

  it('reports the worst instance when the instances disagree', () => {
    const { nodes, pods } = kubeadmControlPlane();
    const bad = mirrorPod('kube-apiserver', 'cp-2', {
      'authorization-mode': 'AlwaysAllow',
    });
    const mixed = pods.map(p =>
      p.metadata?.name === 'kube-apiserver-cp-2' ? bad : p,
    );
    const r = resultOf(ID, snapshot({ nodes, pods: mixed }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('(1 of 3 kube-apiserver instances)');
    expect(r.evidence).toEqual([
      'Pod/kube-system/kube-apiserver-cp-2 --authorization-mode',
    ]);
  });

  it('infers RBAC from discovery on a managed control plane', () => {
    const r = resultOf(ID, managed(['v1', 'apps/v1', RBAC]));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('inferred');
    expect(r.message).toContain('managed');
    expect(r.evidence).toEqual(['ClusterSnapshot .apiGroupVersions']);
  });

  it('fails when discovery lacks rbac.authorization.k8s.io/v1', () => {
    const r = resultOf(ID, managed(['v1', 'apps/v1']));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(RBAC);
  });

  it('uses discovery when pods cannot be listed on a self-hosted cluster', () => {
    const r = resultOf(
      ID,
      snapshot(
        {
          nodes: [node('cp-1', { controlPlane: true })],
          pods: forbidden('pods'),
        },
        { apiGroupVersions: ['v1', RBAC] },
      ),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('pods could not be listed');
  });

  it('is unknown without flags or discovery, naming the missing reads', () => {
    const r = resultOf(ID, managed(undefined, forbidden('pods')));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods', 'get /apis (discovery)']);
  });

  it('is unknown on a managed control plane without discovery', () => {
    const r = resultOf(ID, managed());
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['get /apis (discovery)']);
  });
});

describe('access.authorization-mode per distribution (v2)', () => {
  it('k3s and RKE2: pass on the documented Node,RBAC + NodeRestriction defaults', () => {
    const r = resultOf(ID, k3sCluster());
    expect(r.status).toBe('pass');
    expect(r.message).toContain('from k3s server server-1 (node-args)');
    expect(resultOf(ID, rke2Cluster()).status).toBe('pass');
    expect(
      resultOf(
        ID,
        k3sCluster(['--kube-apiserver-arg', 'authorization-mode=AlwaysAllow']),
      ).status,
    ).toBe('fail');
  });

  it('OpenShift: the config does not carry the mode, so discovery decides', () => {
    const r = resultOf(ID, openshiftCluster());
    expect(r.status).toBe('pass');
    expect(r.message).toContain('inferred from discovery');
  });
});
