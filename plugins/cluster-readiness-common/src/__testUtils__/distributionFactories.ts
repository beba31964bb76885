/*
 * Test-only builders of the objects by which k3s, RKE2 and OpenShift show their
 * control plane, in the shapes those distributions write.
 */
import type { ClusterSnapshot } from '../snapshot/ClusterSnapshot';
import type { KubeObject } from '../snapshot/kube';
import { node, NodeOptions, pod, Resources, snapshot } from './factories';

/**
 * A k3s server node: roles control-plane and master (and etcd with embedded etcd),
 * annotation `k3s.io/node-args` holding the JSON array k3s writes, e.g.
 * `["server","--cluster-init","--kube-apiserver-arg","anonymous-auth=false"]`.
 */
export function k3sServer(
  name: string,
  args: string[] = [],
  o: NodeOptions & { etcd?: boolean } = {},
): KubeObject {
  return node(name, {
    controlPlane: true,
    taints: [],
    kubelet: 'v1.31.4+k3s1',
    runtime: 'containerd://1.7.23-k3s2',
    ...o,
    labels: {
      'node-role.kubernetes.io/master': 'true',
      'node-role.kubernetes.io/control-plane': 'true',
      ...(o.etcd ? { 'node-role.kubernetes.io/etcd': 'true' } : {}),
      'node.kubernetes.io/instance-type': 'k3s',
      ...o.labels,
    },
    annotations: {
      'k3s.io/node-args': JSON.stringify(['server', ...args]),
      'k3s.io/hostname': name,
      ...o.annotations,
    },
  });
}

/** A k3s agent (worker) node. */
export function k3sAgent(name: string, o: NodeOptions = {}): KubeObject {
  return node(name, {
    kubelet: 'v1.31.4+k3s1',
    runtime: 'containerd://1.7.23-k3s2',
    ...o,
    annotations: {
      'k3s.io/node-args': JSON.stringify([
        'agent',
        '--server',
        'https://10.0.0.1:6443',
      ]),
      ...o.annotations,
    },
  });
}

/** An RKE2 server node: control-plane, etcd and master roles, `rke2.io/node-args`. */
export function rke2Server(
  name: string,
  args: string[] = [],
  o: NodeOptions = {},
): KubeObject {
  return node(name, {
    controlPlane: true,
    kubelet: 'v1.31.4+rke2r1',
    runtime: 'containerd://1.7.23-k3s2',
    ...o,
    labels: {
      'node-role.kubernetes.io/master': 'true',
      'node-role.kubernetes.io/control-plane': 'true',
      'node-role.kubernetes.io/etcd': 'true',
      ...o.labels,
    },
    annotations: {
      'rke2.io/node-args': JSON.stringify(['server', ...args]),
      ...o.annotations,
    },
  });
}

/** Server versions as the distributions report them. */
export const K3S_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4+k3s1',
};
export const RKE2_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4+rke2r1',
};
export const OPENSHIFT_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.6',
};

/** An OpenShift kube-apiserver pod (openshift-kube-apiserver, app=openshift-kube-apiserver). */
export function openshiftApiserverPod(nodeName: string): KubeObject {
  return pod(`kube-apiserver-${nodeName}`, {
    namespace: 'openshift-kube-apiserver',
    node: nodeName,
    labels: { app: 'openshift-kube-apiserver', apiserver: 'true' },
    owner: { kind: 'Node', name: nodeName },
    containers: [
      {
        name: 'kube-apiserver',
        image: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:0',
        command: ['/bin/bash', '-ec'],
        args: ['exec hyperkube kube-apiserver --openshift-config=/etc/config'],
        requests: { cpu: '265m', memory: '1Gi' },
      },
    ],
  });
}

/** An OpenShift etcd pod (openshift-etcd, app=etcd). */
export function openshiftEtcdPod(nodeName: string): KubeObject {
  return pod(`etcd-${nodeName}`, {
    namespace: 'openshift-etcd',
    node: nodeName,
    labels: { app: 'etcd', etcd: 'true', k8s: 'etcd' },
    owner: { kind: 'Node', name: nodeName },
    containers: [{ name: 'etcd', requests: { cpu: '300m', memory: '600Mi' } }],
  });
}

/** `apiservers.config.openshift.io/cluster`. */
export function openshiftApiServerConfig(
  spec: { encryption?: { type: string }; audit?: { profile: string } } = {},
): KubeObject {
  return {
    apiVersion: 'config.openshift.io/v1',
    kind: 'APIServer',
    metadata: { name: 'cluster' },
    spec: { audit: { profile: 'Default' }, ...spec },
  };
}

/** `authentications.config.openshift.io/cluster`; `type` '' or IntegratedOAuth is OAuth. */
export function openshiftAuthentication(type: string): KubeObject {
  return {
    apiVersion: 'config.openshift.io/v1',
    kind: 'Authentication',
    metadata: { name: 'cluster' },
    spec: { type },
  };
}

/** OpenShift control-plane nodes with label master and control-plane, tainted. */
export function openshiftMasters(count = 3): KubeObject[] {
  return Array.from({ length: count }, (_, i) =>
    node(`master-${i}`, {
      controlPlane: true,
      zone: `us-east-1${'abc'[i % 3]}`,
      taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
      runtime: 'cri-o://1.31.5-3.rhaos4.18.gitdad78d5.el9',
      kubelet: 'v1.31.6',
      labels: { 'node-role.kubernetes.io/master': '' },
    }),
  );
}

/**
 * A k3s cluster: `servers` server nodes sharing the node-args `args`, two agents,
 * no mirror pods (k3s runs the control plane in its own process).
 */
export function k3sCluster(
  args: string[] = [],
  o: { servers?: number; etcd?: boolean; resources?: Resources } = {},
): ClusterSnapshot {
  const servers = Array.from({ length: o.servers ?? 1 }, (_, i) =>
    k3sServer(`server-${i + 1}`, args, {
      etcd: o.etcd,
      internalIP: `10.0.0.${i + 1}`,
    }),
  );
  return snapshot(
    {
      nodes: [...servers, k3sAgent('agent-1'), k3sAgent('agent-2')],
      pods: [],
      ...o.resources,
    },
    { serverVersion: K3S_VERSION },
  );
}

/** An RKE2 cluster: three servers (etcd role) with node-args `args`, no mirror pods visible. */
export function rke2Cluster(
  args: string[] = [],
  o: { resources?: Resources } = {},
): ClusterSnapshot {
  return snapshot(
    {
      nodes: [1, 2, 3].map(i =>
        rke2Server(`rke2-server-${i}`, args, { internalIP: `10.0.1.${i}` }),
      ),
      pods: [],
      ...o.resources,
    },
    { serverVersion: RKE2_VERSION },
  );
}

/** An OpenShift cluster: three masters, apiserver and etcd pods, and its config objects. */
export function openshiftCluster(
  o: {
    apiServer?: KubeObject | null;
    authentication?: KubeObject | null;
    resources?: Resources;
  } = {},
): ClusterSnapshot {
  const masters = openshiftMasters();
  const names = masters.map(m => m.metadata?.name ?? '');
  return snapshot(
    {
      nodes: masters,
      pods: [
        ...names.map(openshiftApiserverPod),
        ...names.map(openshiftEtcdPod),
      ],
      'apiservers.config.openshift.io':
        o.apiServer === null ? [] : [o.apiServer ?? openshiftApiServerConfig()],
      'authentications.config.openshift.io':
        o.authentication === null
          ? []
          : [o.authentication ?? openshiftAuthentication('IntegratedOAuth')],
      ...o.resources,
    },
    {
      serverVersion: OPENSHIFT_VERSION,
      apiGroupVersions: [
        'v1',
        'config.openshift.io/v1',
        'rbac.authorization.k8s.io/v1',
      ],
    },
  );
}
