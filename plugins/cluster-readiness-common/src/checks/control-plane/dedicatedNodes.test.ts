import { openshiftCluster } from '../../__testUtils__/distributionFactories';
import {
  forbidden,
  kubeadmControlPlane,
  mirrorPod,
  node,
  pod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { managedSnapshot } from '../../__testUtils__/controlPlaneFactories';

const ID = 'control-plane.dedicated-nodes';

function cluster() {
  const { nodes, pods } = kubeadmControlPlane();
  return {
    nodes: [
      ...nodes,
      node('worker-1', { internalIP: '10.0.1.1' }),
      node('worker-2', { internalIP: '10.0.1.2' }),
    ],
    pods: [
      ...pods,
      pod('web-7d9f8-abcde', { node: 'worker-1' }),
      pod('coredns-5d78c9869d-x2k4p', {
        namespace: 'kube-system',
        node: 'cp-1',
        labels: { 'k8s-app': 'kube-dns' },
        owner: { kind: 'ReplicaSet', name: 'coredns-5d78c9869d' },
      }),
      pod('node-exporter-8xk2q', {
        namespace: 'monitoring',
        node: 'cp-2',
        labels: { app: 'node-exporter' },
        owner: { kind: 'DaemonSet', name: 'node-exporter' },
      }),
    ],
  };
}

describe(ID, () => {
  it('passes when control-plane nodes are tainted and run only system and DaemonSet pods', () => {
    const r = resultOf(ID, snapshot(cluster()));
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'Node/cp-1 .spec.taints',
      'Node/cp-2 .spec.taints',
      'Node/cp-3 .spec.taints',
    ]);
  });

  it('fails on a single-node cluster', () => {
    const { nodes, pods } = kubeadmControlPlane({}, { count: 1 });
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('single node (cp-1)');
  });

  it('fails on a single-node cluster even when pods are not readable', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [node('cp-1', { controlPlane: true })],
        pods: forbidden('pods'),
      }),
    );
    expect(r.status).toBe('fail');
  });

  it('fails when a workload pod runs on a control-plane node', () => {
    const c = cluster();
    c.pods.push(pod('billing-api-0', { namespace: 'billing', node: 'cp-2' }));
    const r = resultOf(ID, snapshot(c));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('billing/billing-api-0 on cp-2');
    expect(r.evidence).toContain('Pod/billing/billing-api-0 .spec.nodeName');
  });

  it('ignores finished pods on control-plane nodes', () => {
    const c = cluster();
    c.pods.push(
      pod('migrate-28934', {
        namespace: 'billing',
        node: 'cp-2',
        phase: 'Succeeded',
      }),
    );
    expect(resultOf(ID, snapshot(c)).status).toBe('pass');
  });

  it('counts a node running kube-apiserver as control plane even without the role label', () => {
    const c = cluster();
    c.nodes.push(node('master-x', { taints: [] }));
    c.pods.push(
      mirrorPod('kube-apiserver', 'master-x'),
      pod('web-2', { node: 'master-x' }),
    );
    const r = resultOf(ID, snapshot(c));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('default/web-2 on master-x');
  });

  it('warns when a control-plane node has no NoSchedule/NoExecute role taint', () => {
    const c = cluster();
    c.nodes[2] = node('cp-3', { controlPlane: true, taints: [] });
    const r = resultOf(ID, snapshot(c));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('cp-3');
    expect(r.evidence).toContain('Node/cp-3 .spec.taints');
  });

  it('does not count a PreferNoSchedule role taint', () => {
    const c = cluster();
    c.nodes[0] = node('cp-1', {
      controlPlane: true,
      taints: [
        {
          key: 'node-role.kubernetes.io/control-plane',
          effect: 'PreferNoSchedule',
        },
      ],
    });
    expect(resultOf(ID, snapshot(c)).status).toBe('warn');
  });

  it('accepts the legacy master taint with NoExecute', () => {
    const c = cluster();
    c.nodes[0] = node('cp-1', {
      controlPlane: true,
      taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoExecute' }],
    });
    expect(resultOf(ID, snapshot(c)).status).toBe('pass');
  });

  it('is unknown when pods are denied on a multi-node cluster', () => {
    const c = cluster();
    const r = resultOf(
      ID,
      snapshot({ nodes: c.nodes, pods: forbidden('pods') }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });

  it('is unknown when nodes are denied', () => {
    const c = cluster();
    const r = resultOf(
      ID,
      snapshot({ nodes: forbidden('nodes'), pods: c.pods }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });

  it('is not-applicable on a managed control plane', () => {
    expect(resultOf(ID, managedSnapshot()).status).toBe('not-applicable');
  });
});

describe('control-plane.dedicated-nodes on OpenShift (v2)', () => {
  it('passes when only openshift-* operators and mirror pods run on the masters', () => {
    const snap = openshiftCluster();
    const pods = snap.resources.pods as { items: unknown[] };
    pods.items.push(
      pod('console-operator', {
        namespace: 'openshift-console-operator',
        node: 'master-0',
      }),
      pod('kube-controller-manager-master-0', {
        namespace: 'openshift-kube-controller-manager',
        node: 'master-0',
        owner: { kind: 'Node', name: 'master-0' },
      }),
    );
    const r = resultOf('control-plane.dedicated-nodes', snap);
    expect(r.status).toBe('pass');
  });

  it('says the taints are already there instead of advising to add them', () => {
    const snap = openshiftCluster();
    (snap.resources.pods as { items: unknown[] }).items.push(
      pod('shop-web', { namespace: 'shop', node: 'master-1' }),
    );
    const r = resultOf('control-plane.dedicated-nodes', snap);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('already carry the role taint');
    expect(r.message).not.toContain('taint the control-plane nodes with');
  });
});
