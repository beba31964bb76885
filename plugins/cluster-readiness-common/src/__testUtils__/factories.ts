/*
 * Test-only builders of realistic Kubernetes objects and snapshots. Objects follow the
 * official schemas (fixtures.test.ts validates what these produce).
 */
import type {
  ClusterSnapshot,
  ResourceList,
} from '../snapshot/ClusterSnapshot';
import type { KubeObject } from '../snapshot/kube';
import { evaluate, EvaluateOptions } from '../engine/evaluate';
import type { CheckResult } from '../types';

export const COLLECTED_AT = '2026-11-20T10:00:00Z';

/** Minutes/hours/days before COLLECTED_AT, as an ISO string. */
export function ago(ms: number, from = COLLECTED_AT): string {
  return new Date(Date.parse(from) - ms).toISOString().replace('.000Z', 'Z');
}
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface NodeOptions {
  controlPlane?: boolean;
  zone?: string;
  ready?: boolean;
  unschedulable?: boolean;
  taints?: Array<{ key: string; effect: string; value?: string }>;
  kubelet?: string;
  runtime?: string;
  conditions?: Record<string, string>;
  cpu?: string;
  memory?: string;
  internalIP?: string;
  providerID?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** `status.capacity.pods` (and allocatable), default 110. */
  podCapacity?: string;
}

export function node(name: string, o: NodeOptions = {}): KubeObject {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}),
    ...(o.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
    ...o.labels,
  };
  const taints =
    o.taints ??
    (o.controlPlane
      ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
      : undefined);
  const conditions = {
    MemoryPressure: 'False',
    DiskPressure: 'False',
    PIDPressure: 'False',
    Ready: o.ready === false ? 'False' : 'True',
    ...o.conditions,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      ...(o.annotations ? { annotations: o.annotations } : {}),
      creationTimestamp: '2026-01-10T08:00:00Z',
    },
    spec: {
      ...(taints ? { taints } : {}),
      ...(o.unschedulable ? { unschedulable: true } : {}),
      ...(o.providerID ? { providerID: o.providerID } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: o.internalIP ?? '10.0.0.10' },
        { type: 'Hostname', address: name },
      ],
      allocatable: {
        cpu: o.cpu ?? '4',
        memory: o.memory ?? '16Gi',
        pods: o.podCapacity ?? '110',
      },
      capacity: {
        cpu: o.cpu ?? '4',
        memory: o.memory ?? '16Gi',
        pods: o.podCapacity ?? '110',
      },
      conditions: Object.entries(conditions).map(([type, status]) => ({
        type,
        status,
        reason: type === 'Ready' ? 'KubeletReady' : `Kubelet${type}`,
        lastHeartbeatTime: ago(MINUTE),
        lastTransitionTime: '2026-11-01T00:00:00Z',
      })),
      nodeInfo: {
        kubeletVersion: o.kubelet ?? 'v1.34.2',
        kubeProxyVersion: o.kubelet ?? 'v1.34.2',
        containerRuntimeVersion: o.runtime ?? 'containerd://1.7.27',
        architecture: 'amd64',
        bootID: `${name}-boot`,
        kernelVersion: '6.1.0-25-amd64',
        machineID: `${name}-machine`,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: `${name}-uuid`,
      },
    },
  };
}

export interface ContainerOptions {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export function container(o: ContainerOptions = {}) {
  const resources: Record<string, Record<string, string>> = {};
  if (o.requests) resources.requests = o.requests;
  if (o.limits) resources.limits = o.limits;
  return {
    name: o.name ?? 'app',
    image: o.image ?? 'registry.example.com/app:1.0.0',
    ...(o.command ? { command: o.command } : {}),
    ...(o.args ? { args: o.args } : {}),
    resources,
  };
}

export const SIZED = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { memory: '256Mi' },
};

export interface PodOptions {
  namespace?: string;
  node?: string;
  labels?: Record<string, string>;
  containers?: ContainerOptions[];
  serviceAccountName?: string;
  phase?: string;
  owner?: { kind: string; name: string };
  unschedulable?: boolean;
}

export function pod(name: string, o: PodOptions = {}): KubeObject {
  const phase = o.phase ?? (o.unschedulable ? 'Pending' : 'Running');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      labels: o.labels ?? { app: name },
      creationTimestamp: '2026-11-01T00:00:00Z',
      ...(o.owner
        ? {
            ownerReferences: [
              {
                apiVersion: o.owner.kind === 'Node' ? 'v1' : 'apps/v1',
                kind: o.owner.kind,
                name: o.owner.name,
                uid: `${o.owner.name}-uid`,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      ...(o.node && !o.unschedulable ? { nodeName: o.node } : {}),
      serviceAccountName: o.serviceAccountName ?? 'app',
      containers: (o.containers ?? [SIZED]).map(container),
    },
    status: {
      phase,
      conditions: o.unschedulable
        ? [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              lastTransitionTime: ago(10 * MINUTE),
            },
          ]
        : [
            {
              type: 'PodScheduled',
              status: 'True',
              lastTransitionTime: '2026-11-01T00:00:00Z',
            },
          ],
    },
  };
}

/** A kubeadm static (mirror) pod of a control-plane component on a node. */
export function mirrorPod(
  component: string,
  nodeName: string,
  flags: Record<string, string> = {},
): KubeObject {
  return pod(`${component}-${nodeName}`, {
    namespace: 'kube-system',
    node: nodeName,
    labels: { component, tier: 'control-plane' },
    serviceAccountName: 'default',
    owner: { kind: 'Node', name: nodeName },
    containers: [
      {
        name: component,
        image: `registry.k8s.io/${component}:v1.34.2`,
        command: [
          component,
          ...Object.entries(flags).map(([k, v]) => `--${k}=${v}`),
        ],
        requests: { cpu: '250m' },
      },
    ],
  });
}

export function namespace(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function lease(
  name: string,
  o: {
    holder?: string;
    renewTime?: string;
    leaseDurationSeconds?: number;
    labels?: Record<string, string>;
  } = {},
): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: 'kube-system',
      ...(o.labels ? { labels: o.labels } : {}),
    },
    spec: {
      ...(o.holder !== undefined ? { holderIdentity: o.holder } : {}),
      leaseDurationSeconds: o.leaseDurationSeconds ?? 15,
      ...(o.renewTime !== undefined
        ? { renewTime: o.renewTime.replace('Z', '.000000Z') }
        : {}),
    },
  };
}

export function deployment(
  name: string,
  o: {
    namespace?: string;
    replicas?: number;
    readyReplicas?: number;
    labels?: Record<string, string>;
    podLabels?: Record<string, string>;
    containers?: ContainerOptions[];
  } = {},
): KubeObject {
  const podLabels = o.podLabels ?? { app: name };
  const replicas = o.replicas ?? 2;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      labels: o.labels ?? { app: name },
    },
    spec: {
      replicas,
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels },
        spec: { containers: (o.containers ?? [SIZED]).map(container) },
      },
    },
    status: {
      replicas,
      readyReplicas: o.readyReplicas ?? replicas,
      availableReplicas: o.readyReplicas ?? replicas,
      updatedReplicas: replicas,
    },
  };
}

export function clusterRoleBinding(
  name: string,
  role: string,
  subjects: Array<{ kind: string; name: string; namespace?: string }>,
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role,
    },
    subjects: subjects.map(s =>
      s.kind === 'ServiceAccount'
        ? { kind: s.kind, name: s.name, namespace: s.namespace ?? 'default' }
        : { apiGroup: 'rbac.authorization.k8s.io', ...s },
    ),
  };
}

export function roleBinding(
  name: string,
  namespaceName: string,
  role: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: Array<{ kind: string; name: string; namespace?: string }>,
): KubeObject {
  return {
    ...clusterRoleBinding(name, role.name, subjects),
    kind: 'RoleBinding',
    metadata: { name, namespace: namespaceName },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...role },
  };
}

export function clusterRole(
  name: string,
  rules: Array<{
    apiGroups?: string[];
    resources?: string[];
    verbs: string[];
    nonResourceURLs?: string[];
  }>,
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name },
    rules,
  };
}

export type Resources = Record<
  string,
  KubeObject[] | { error: { code: number; reason: string; message: string } }
>;

/** A 403 as the API server reports it, for `resources`. */
export function forbidden(key: string) {
  return {
    error: {
      code: 403,
      reason: 'Forbidden',
      message: `${key} is forbidden: User "system:serviceaccount:readiness:reader" cannot list resource "${
        key.split('.')[0]
      }" at the cluster scope`,
    },
  };
}

/**
 * A snapshot with the given resources; every other resource key listed in `collect`
 * (default: all keys in `resources`) is present as an empty list.
 */
export function snapshot(
  resources: Resources,
  header: Partial<Omit<ClusterSnapshot, 'resources'>> = {},
): ClusterSnapshot {
  const out: Record<string, ResourceList> = {};
  for (const [key, value] of Object.entries(resources)) {
    out[key] = Array.isArray(value) ? { items: value } : value;
  }
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: COLLECTED_AT,
    cluster: { name: 'test-cluster' },
    serverVersion: { major: '1', minor: '34', gitVersion: 'v1.34.2' },
    ...header,
    resources: out,
  } as ClusterSnapshot;
}

/** Evaluates a snapshot and returns the result of one check. */
export function resultOf(
  checkId: string,
  snap: ClusterSnapshot,
  options: EvaluateOptions = {},
): CheckResult {
  const result = evaluate(snap, options).checks.find(c => c.id === checkId);
  if (!result) throw new Error(`no check ${checkId}`);
  return result;
}

/** Three tainted control-plane nodes in three zones, each with kubeadm mirror pods. */
export function kubeadmControlPlane(
  apiserverFlags: Record<string, string> = {},
  o: { count?: number; zones?: string[] } = {},
): { nodes: KubeObject[]; pods: KubeObject[] } {
  const count = o.count ?? 3;
  const zones = o.zones ?? ['eu-1a', 'eu-1b', 'eu-1c'];
  const nodes: KubeObject[] = [];
  const pods: KubeObject[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `cp-${i}`;
    nodes.push(
      node(name, {
        controlPlane: true,
        zone: zones[(i - 1) % zones.length],
        internalIP: `10.0.0.${i}`,
      }),
    );
    pods.push(
      mirrorPod('kube-apiserver', name, {
        'advertise-address': `10.0.0.${i}`,
        'authorization-mode': 'Node,RBAC',
        'enable-admission-plugins': 'NodeRestriction',
        'etcd-servers': 'https://127.0.0.1:2379',
        ...apiserverFlags,
      }),
      mirrorPod('etcd', name, { 'data-dir': '/var/lib/etcd' }),
      mirrorPod('kube-scheduler', name, { 'leader-elect': 'true' }),
      mirrorPod('kube-controller-manager', name, { 'leader-elect': 'true' }),
    );
  }
  return { nodes, pods };
}
