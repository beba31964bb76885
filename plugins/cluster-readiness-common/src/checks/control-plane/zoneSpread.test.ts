import {
  forbidden,
  kubeadmControlPlane,
  mirrorPod,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { managedSnapshot } from '../../__testUtils__/controlPlaneFactories';

const ID = 'control-plane.zone-spread';

describe(ID, () => {
  it.each([
    [['eu-1a', 'eu-1b', 'eu-1c'], 'pass'],
    [['eu-1a', 'eu-1b'], 'warn'],
    [['eu-1a'], 'fail'],
  ])('control-plane nodes in zones %j: %s', (zones, status) => {
    const { nodes, pods } = kubeadmControlPlane({}, { zones });
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe(status);
    expect(r.evidence).toContain(
      'Node/cp-1 .metadata.labels[topology.kubernetes.io/zone]',
    );
  });

  it('ignores workers when counting zones', () => {
    const { nodes, pods } = kubeadmControlPlane({}, { zones: ['eu-1a'] });
    nodes.push(node('w-1', { zone: 'eu-1b' }), node('w-2', { zone: 'eu-1c' }));
    expect(resultOf(ID, snapshot({ nodes, pods })).status).toBe('fail');
  });

  it('reads the deprecated failure-domain zone label', () => {
    const nodes = ['a', 'b', 'c'].map((z, i) =>
      node(`cp-${i + 1}`, {
        controlPlane: true,
        labels: { 'failure-domain.beta.kubernetes.io/zone': `eu-1${z}` },
      }),
    );
    expect(resultOf(ID, snapshot({ nodes, pods: [] })).status).toBe('pass');
  });

  it('fails when control-plane nodes carry no zone label', () => {
    const nodes = [1, 2, 3].map(i => node(`cp-${i}`, { controlPlane: true }));
    const r = resultOf(ID, snapshot({ nodes, pods: [] }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('topology.kubernetes.io/zone');
  });

  it('mentions nodes without a zone when one zone is represented', () => {
    const nodes = [
      node('cp-1', { controlPlane: true, zone: 'eu-1a' }),
      node('cp-2', { controlPlane: true }),
    ];
    const r = resultOf(ID, snapshot({ nodes, pods: [] }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('no zone label: cp-2');
  });

  it('counts an unlabelled node running kube-apiserver', () => {
    const { nodes, pods } = kubeadmControlPlane(
      {},
      { count: 2, zones: ['eu-1a', 'eu-1b'] },
    );
    nodes.push(node('apiserver-3', { zone: 'eu-1c' }));
    pods.push(mirrorPod('kube-apiserver', 'apiserver-3'));
    expect(resultOf(ID, snapshot({ nodes, pods })).status).toBe('pass');
  });

  it('is unknown when nodes are denied', () => {
    const { pods } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes: forbidden('nodes'), pods }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });

  it('is not-applicable on a managed control plane', () => {
    expect(resultOf(ID, managedSnapshot()).status).toBe('not-applicable');
  });
});
