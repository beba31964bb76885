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
import {
  managedSnapshot,
  withoutComponents,
} from '../../__testUtils__/controlPlaneFactories';

const ID = 'control-plane.etcd-topology';

function withEtcdServers(servers: string) {
  const { nodes, pods } = kubeadmControlPlane({ 'etcd-servers': servers });
  return snapshot({ nodes, pods: withoutComponents(pods, 'etcd') });
}

describe(ID, () => {
  it('warns on stacked etcd (etcd mirror pods on control-plane nodes)', () => {
    const { nodes, pods } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('cp-1, cp-2, cp-3');
    expect(r.evidence).toContain('Pod/kube-system/etcd-cp-1 .spec.nodeName');
  });

  it('passes when etcd mirror pods run only on dedicated etcd nodes', () => {
    const { nodes, pods } = kubeadmControlPlane({
      'etcd-servers':
        'https://10.0.2.1:2379,https://10.0.2.2:2379,https://10.0.2.3:2379',
    });
    const etcdNodes = [1, 2, 3].map(i =>
      node(`etcd-${i}`, { internalIP: `10.0.2.${i}` }),
    );
    const r = resultOf(
      ID,
      snapshot({
        nodes: [...nodes, ...etcdNodes],
        pods: [
          ...withoutComponents(pods, 'etcd'),
          ...etcdNodes.map(n => mirrorPod('etcd', String(n.metadata?.name))),
        ],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('etcd-1, etcd-2, etcd-3');
  });

  it('passes on external etcd reached by DNS names', () => {
    const r = resultOf(
      ID,
      withEtcdServers(
        'https://etcd-1.internal.example.com:2379,https://etcd-2.internal.example.com:2379,https://etcd-3.internal.example.com:2379',
      ),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('External etcd');
  });

  it('passes on external etcd reached by IP addresses off the control-plane nodes', () => {
    expect(
      resultOf(
        ID,
        withEtcdServers('https://10.0.2.1:2379,https://10.0.2.2:2379'),
      ).status,
    ).toBe('pass');
  });

  it('warns when --etcd-servers is loopback without etcd mirror pods (etcd outside kubelet)', () => {
    const r = resultOf(ID, withEtcdServers('https://127.0.0.1:2379'));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('https://127.0.0.1:2379');
  });

  it('warns when --etcd-servers points at control-plane node IPs', () => {
    const r = resultOf(
      ID,
      withEtcdServers(
        'https://10.0.0.1:2379,https://10.0.0.2:2379,https://10.0.0.3:2379',
      ),
    );
    expect(r.status).toBe('warn');
    expect(r.evidence).toContain('Node/cp-2 .status.addresses');
  });

  it('warns when --etcd-servers names a control-plane node', () => {
    expect(resultOf(ID, withEtcdServers('https://cp-1:2379')).status).toBe(
      'warn',
    );
  });

  it('uses --advertise-address when nodes are not readable', () => {
    const { pods } = kubeadmControlPlane({
      'etcd-servers': 'https://10.0.0.3:2379',
    });
    const r = resultOf(
      ID,
      snapshot({
        nodes: forbidden('nodes'),
        pods: withoutComponents(pods, 'etcd'),
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.evidence).toContain(
      'Pod/kube-system/kube-apiserver-cp-3 --advertise-address',
    );
  });

  it('is unknown when neither etcd pods nor --etcd-servers are visible', () => {
    const { nodes } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods: [] }));
    expect(r.status).toBe('unknown');
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

describe('control-plane.etcd-topology per distribution (v2)', () => {
  it('is not-applicable without etcd (k3s SQLite or external datastore)', () => {
    expect(resultOf(ID, k3sCluster()).status).toBe('not-applicable');
    const r = resultOf(
      ID,
      k3sCluster(['--datastore-endpoint', 'postgres://u:p@db:5432/k3s']),
    );
    expect(r.status).toBe('not-applicable');
    expect(r.message).toContain('postgres://db:5432');
  });

  it('warns on stacked embedded etcd and OpenShift etcd pods', () => {
    expect(
      resultOf(ID, k3sCluster(['--cluster-init'], { servers: 3, etcd: true }))
        .status,
    ).toBe('warn');
    expect(resultOf(ID, rke2Cluster()).status).toBe('warn');
    const os = resultOf(ID, openshiftCluster());
    expect(os.status).toBe('warn');
    expect(os.evidence).toContain(
      'Pod/openshift-etcd/etcd-master-0 .spec.nodeName',
    );
  });
});
