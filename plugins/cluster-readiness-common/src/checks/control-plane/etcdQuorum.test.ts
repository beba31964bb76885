import {
  k3sCluster,
  openshiftCluster,
  rke2Cluster,
} from '../../__testUtils__/distributionFactories';
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

describe('control-plane.etcd-quorum per distribution (v2)', () => {
  it('k3s without --cluster-init or --server: embedded SQLite, 0 members, fail', () => {
    const r = resultOf(ID, k3sCluster());
    expect(r.status).toBe('fail');
    expect(r.message).toContain('embedded SQLite cannot be replicated');
    expect(r.message).not.toContain('etcdctl');
    expect(r.evidence).toEqual([
      'Node/server-1 annotation k3s.io/node-args (no --cluster-init, no --server)',
    ]);
  });

  it('k3s with embedded etcd: counts etcd-role nodes', () => {
    expect(
      resultOf(ID, k3sCluster(['--cluster-init'], { servers: 3, etcd: true }))
        .status,
    ).toBe('pass');
    const two = resultOf(
      ID,
      k3sCluster(['--cluster-init'], { servers: 2, etcd: true }),
    );
    expect(two.status).toBe('fail');
    expect(two.message).toContain('2 etcd member(s) (nodes with role etcd');
    // --cluster-init without etcd-role labels visible: not SQLite, members unknown.
    expect(resultOf(ID, k3sCluster(['--cluster-init'])).status).toBe('unknown');
  });

  it('k3s with --datastore-endpoint: unknown, naming it without credentials', () => {
    const r = resultOf(
      ID,
      k3sCluster([
        '--datastore-endpoint',
        'postgres://k3s:s3cret@db.example.com:5432/k3s',
      ]),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'external datastore (postgres://db.example.com:5432)',
    );
    expect(JSON.stringify(r)).not.toContain('s3cret');
    const mysql = resultOf(
      ID,
      k3sCluster(['--datastore-endpoint=mysql://k3s:s3cret@tcp(db:3306)/k3s']),
    );
    expect(mysql.message).toContain('mysql://tcp(db:3306)/k3s');
    expect(JSON.stringify(mysql)).not.toContain('s3cret');
  });

  it('RKE2 always runs etcd: three etcd-role servers pass', () => {
    expect(resultOf(ID, rke2Cluster()).status).toBe('pass');
  });

  it('OpenShift: counts openshift-etcd pods', () => {
    const r = resultOf(ID, openshiftCluster());
    expect(r.status).toBe('pass');
    expect(r.message).toContain('3 etcd member(s) (openshift-etcd pods)');
  });
});
