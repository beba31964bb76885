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

const ID = 'access.anonymous-auth';

function selfHosted(flags: Record<string, string>, probe?: number) {
  const { nodes, pods } = kubeadmControlPlane(flags);
  return snapshot(
    { nodes, pods },
    probe === undefined ? {} : { anonymousProbe: { status: probe } },
  );
}

function managed(probe?: number, pods: any = []) {
  return snapshot(
    {
      nodes: [
        node('gke-pool-1-abcd', {
          providerID: 'gce://proj/europe-west1-b/gke-pool-1-abcd',
        }),
      ],
      pods,
    },
    probe === undefined ? {} : { anonymousProbe: { status: probe } },
  );
}

describe(ID, () => {
  it.each([
    [401, 'pass'],
    [403, 'warn'],
    [200, 'fail'],
    [204, 'fail'],
  ])('judges an anonymous probe answered %i as %s', (status, expected) => {
    const r = resultOf(ID, managed(status));
    expect(r.status).toBe(expected);
    expect(r.evidence).toEqual(['ClusterSnapshot .anonymousProbe.status']);
  });

  it('trusts the probe over the flags', () => {
    const r = resultOf(ID, selfHosted({ 'anonymous-auth': 'false' }, 200));
    expect(r.status).toBe('fail');
  });

  it('passes on --anonymous-auth=false without a probe', () => {
    const r = resultOf(ID, selfHosted({ 'anonymous-auth': 'false' }));
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'Pod/kube-system/kube-apiserver-cp-1 --anonymous-auth',
      'Pod/kube-system/kube-apiserver-cp-2 --anonymous-auth',
      'Pod/kube-system/kube-apiserver-cp-3 --anonymous-auth',
    ]);
  });

  it('warns (v2) when anonymous auth is on (the kube-apiserver default) and there is no probe', () => {
    const r = resultOf(ID, selfHosted({}));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('--anonymous-auth not set');
    expect(r.message).toContain('3 of 3 instances');
    expect(r.missingReads).toBeUndefined();
  });

  it('warns when one instance keeps anonymous auth on', () => {
    const { nodes, pods } = kubeadmControlPlane({ 'anonymous-auth': 'false' });
    const open = mirrorPod('kube-apiserver', 'cp-3', {
      'anonymous-auth': 'true',
    });
    const r = resultOf(
      ID,
      snapshot({
        nodes,
        pods: pods.map(p =>
          p.metadata?.name === 'kube-apiserver-cp-3' ? open : p,
        ),
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('--anonymous-auth=true on 1 of 3 instances');
  });

  it('falls back to the flags when the probe status says nothing about authentication', () => {
    expect(
      resultOf(ID, selfHosted({ 'anonymous-auth': 'false' }, 503)).status,
    ).toBe('pass');
    const r = resultOf(ID, managed(503));
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('returned 503');
  });

  it('is unknown on a managed control plane without a probe', () => {
    const r = resultOf(ID, managed());
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('no anonymous probe was captured');
    expect(r.missingReads).toBeUndefined();
  });

  it('names list pods when pods were denied and there is no probe', () => {
    const r = resultOf(ID, managed(undefined, forbidden('pods')));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });
});

describe('access.anonymous-auth per distribution (v2)', () => {
  it('k3s and RKE2: the defaults table says false, so pass; an explicit true warns', () => {
    const k3s = resultOf(ID, k3sCluster());
    expect(k3s.status).toBe('pass');
    expect(k3s.evidence[0]).toMatch(/^k3s default for --anonymous-auth: false/);
    expect(resultOf(ID, rke2Cluster()).status).toBe('pass');
    expect(
      resultOf(ID, k3sCluster(['--kube-apiserver-arg', 'anonymous-auth=true']))
        .status,
    ).toBe('warn');
  });

  it('OpenShift: its config does not show the flag, so unknown without a probe', () => {
    const r = resultOf(ID, openshiftCluster());
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('--anonymous-auth');
    expect(
      resultOf(ID, { ...openshiftCluster(), anonymousProbe: { status: 401 } })
        .status,
    ).toBe('pass');
  });
});
