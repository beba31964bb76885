import {
  forbidden,
  kubeadmControlPlane,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  managedSnapshot,
  withoutComponents,
} from '../../__testUtils__/controlPlaneFactories';

const ID = 'control-plane.etcd-quorum';

function external(urls: string[]) {
  const { nodes, pods } = kubeadmControlPlane({
    'etcd-servers': urls.join(','),
  });
  return snapshot({ nodes, pods: withoutComponents(pods, 'etcd') });
}

const etcdUrls = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `https://etcd-${i + 1}.internal.example.com:2379`,
  );

describe(ID, () => {
  it.each([
    [1, 'fail'],
    [2, 'fail'],
    [3, 'pass'],
    [4, 'warn'],
    [5, 'pass'],
    [6, 'warn'],
  ])('%i etcd mirror pods: %s', (count, status) => {
    const { nodes, pods } = kubeadmControlPlane({}, { count });
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe(status);
    expect(r.message).toContain(`${count} etcd member(s) (etcd mirror pods)`);
    expect(r.evidence).toContain(
      'Pod/kube-system/etcd-cp-1 .metadata.labels.component',
    );
  });

  it.each([
    [1, 'fail'],
    [2, 'fail'],
    [3, 'pass'],
    [4, 'warn'],
  ])(
    'without etcd mirror pods, %i --etcd-servers URLs: %s',
    (count, status) => {
      const r = resultOf(ID, external(etcdUrls(count)));
      expect(r.status).toBe(status);
      expect(r.message).toContain('kube-apiserver --etcd-servers');
      expect(r.evidence).toContain(
        'Pod/kube-system/kube-apiserver-cp-1 --etcd-servers',
      );
    },
  );

  it('is unknown when kube-apiserver reaches etcd only on loopback', () => {
    const r = resultOf(ID, external(['https://127.0.0.1:2379']));
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('loopback');
  });

  it('is unknown when neither etcd pods nor --etcd-servers are visible', () => {
    const { nodes } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods: [] }));
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('etcdctl member list');
  });

  it('is unknown when pods are denied', () => {
    const { nodes } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods: forbidden('pods') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });

  it('is not-applicable on a managed control plane', () => {
    expect(resultOf(ID, managedSnapshot()).status).toBe('not-applicable');
  });
});
