import { evaluate } from '../engine/evaluate';
import {
  kubeadmControlPlane,
  node,
  snapshot,
} from '../__testUtils__/factories';
import {
  k3sCluster,
  rke2Cluster,
} from '../__testUtils__/distributionFactories';
import { trimObject } from './trimObject';
import type { ClusterSnapshot } from './ClusterSnapshot';

function trimmed(snap: ClusterSnapshot): ClusterSnapshot {
  const resources: ClusterSnapshot['resources'] = {};
  for (const [key, list] of Object.entries(snap.resources)) {
    resources[key] = list.items
      ? { items: list.items.map(o => trimObject(key, o)) }
      : list;
  }
  return { ...snap, resources };
}

describe('trimObject', () => {
  it('keeps what etcd-topology reads from API server pods without etcd mirror pods', () => {
    const cp = kubeadmControlPlane({ 'etcd-servers': 'https://10.9.9.9:2379' });
    const pods = cp.pods
      .filter(p => p.metadata?.labels?.component !== 'etcd')
      .map(p => ({ ...p, status: { ...p.status, hostIP: '10.9.9.9' } }));
    const snap = snapshot({ nodes: [...cp.nodes, node('w-1')], pods });
    const trimmedPod = trimObject('pods', pods[0]);
    expect(trimmedPod.status?.hostIP).toBe('10.9.9.9');
    const full = evaluate(snap);
    // etcd runs on the API server's host (its pod hostIP): stacked.
    expect(
      full.checks.find(c => c.id === 'control-plane.etcd-topology')?.status,
    ).toBe('warn');
    expect(evaluate(trimmed(snap))).toEqual(full);
  });

  it('drops managedFields, annotations and unread pod fields', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        labels: { app: 'web' },
        annotations: { big: 'x'.repeat(1000) },
        managedFields: [{ manager: 'kubelet' }],
      },
      spec: {
        nodeName: 'w-1',
        containers: [
          {
            name: 'web',
            image: 'web:1',
            args: ['--secret-flag'],
            env: [{ name: 'A', value: 'b' }],
          },
        ],
        volumes: [{ name: 'v' }],
      },
      status: { phase: 'Running', hostIP: '10.0.0.1', podIP: '100.64.0.1' },
    };
    const out = trimObject('pods', pod);
    expect(out.metadata).toEqual({
      name: 'web-1',
      namespace: 'shop',
      labels: { app: 'web' },
    });
    expect(out.spec.containers).toEqual([{ name: 'web' }]);
    expect(out.spec).not.toHaveProperty('volumes');
    expect(out.status).toEqual({ phase: 'Running', conditions: [] });
  });

  it.each([
    [
      'k3s with embedded SQLite',
      k3sCluster(['server', '--kube-apiserver-arg', 'anonymous-auth=false']),
    ],
    ['RKE2', rke2Cluster(['server', '--secrets-encryption'])],
  ])(
    'keeps the node-args annotations the v2 rules read (%s): trimmed evaluates the same',
    (_name, snap) => {
      const full = evaluate(snap);
      expect(full.distribution?.name).toMatch(/^(k3s|rke2)$/);
      expect(evaluate(trimmed(snap))).toEqual(full);
    },
  );

  it("keeps only the annotations some rule reads, and a node's pod capacity", () => {
    const out = trimObject('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'server-1',
        annotations: {
          'k3s.io/node-args': '["server"]',
          'flannel.alpha.coreos.com/public-ip': '10.0.0.1',
        },
      },
      status: { capacity: { pods: '250', cpu: '4' } },
    });
    expect(out.metadata?.annotations).toEqual({
      'k3s.io/node-args': '["server"]',
    });
    expect(out.status.capacity).toEqual({ pods: '250' });
  });
});
