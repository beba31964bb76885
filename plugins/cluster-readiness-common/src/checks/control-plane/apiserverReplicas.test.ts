import {
  kubeadmControlPlane,
  lease,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';

const ID = 'control-plane.apiserver-replicas';

describe(ID, () => {
  it.each([
    [3, 'pass'],
    [2, 'warn'],
    [1, 'fail'],
  ])('counts %i kube-apiserver mirror pods as %s', (count, status) => {
    const { nodes, pods } = kubeadmControlPlane({}, { count });
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe(status);
    expect(r.evidence).toHaveLength(count);
  });

  it('uses identity leases when they outnumber mirror pods', () => {
    const { nodes, pods } = kubeadmControlPlane({}, { count: 1 });
    const leases = ['a', 'b', 'c'].map(s =>
      lease(`apiserver-${s}`, {
        holder: `apiserver-${s}`,
        labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver' },
      }),
    );
    const r = resultOf(
      ID,
      snapshot({ nodes, pods, 'leases.coordination.k8s.io': leases }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('identity leases');
  });

  it('falls back to control-plane nodes when pods are denied', () => {
    const nodes = [1, 2].map(i => node(`cp-${i}`, { controlPlane: true }));
    const r = resultOf(
      ID,
      snapshot({
        nodes,
        pods: { error: { code: 403, reason: 'Forbidden', message: 'denied' } },
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('control-plane nodes');
  });

  it('is not-applicable on a managed control plane', () => {
    const r = resultOf(
      ID,
      snapshot(
        { nodes: [node('w-1')], pods: [] },
        { cluster: { name: 'eks', controlPlane: 'managed' } },
      ),
    );
    expect(r.status).toBe('not-applicable');
  });

  it('is unknown when the control plane is neither visible nor managed', () => {
    const r = resultOf(ID, snapshot({ nodes: [node('w-1')], pods: [] }));
    expect(r.status).toBe('unknown');
  });
});
