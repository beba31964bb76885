/*
 * Test-only builders for the resource-limits checks: quotas, limit ranges, HPAs, PDBs,
 * DaemonSets and the cluster DNS. What they build is valid against the official
 * Kubernetes schemas (checked with kubernetes-models' validate()).
 */
import type { KubeObject } from '../snapshot/kube';
import { deployment, pod, SIZED } from './factories';

/** A ResourceQuota; `used` defaults to nothing used of each `hard` resource. */
export function resourceQuota(
  name: string,
  namespaceName: string,
  o: {
    hard: Record<string, string>;
    used?: Record<string, string>;
    /** Omit `status`, as before the quota controller has synced the quota. */
    unreported?: boolean;
  },
): KubeObject {
  const used =
    o.used ?? Object.fromEntries(Object.keys(o.hard).map(k => [k, '0']));
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: namespaceName },
    spec: { hard: o.hard },
    ...(o.unreported ? {} : { status: { hard: o.hard, used } }),
  };
}

/** The usual compute quota: requests and limits of CPU and memory, and pods. */
export function computeQuota(
  namespaceName: string,
  name = 'compute',
): KubeObject {
  return resourceQuota(name, namespaceName, {
    hard: {
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      'limits.memory': '16Gi',
      pods: '50',
    },
    used: {
      'requests.cpu': '1500m',
      'requests.memory': '3Gi',
      'limits.memory': '6Gi',
      pods: '12',
    },
  });
}

export interface LimitRangeItem {
  type: 'Container' | 'Pod' | 'PersistentVolumeClaim';
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  max?: Record<string, string>;
  min?: Record<string, string>;
}

export function limitRange(
  name: string,
  namespaceName: string,
  limits: LimitRangeItem[],
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name, namespace: namespaceName },
    spec: { limits },
  };
}

/** The usual LimitRange: container defaults for CPU and memory. */
export function containerDefaults(
  namespaceName: string,
  name = 'defaults',
): KubeObject {
  return limitRange(name, namespaceName, [
    {
      type: 'Container',
      default: { cpu: '500m', memory: '512Mi' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
    },
  ]);
}

/** An autoscaling/v2 HPA on CPU utilisation. */
export function horizontalPodAutoscaler(
  name: string,
  namespaceName: string,
  target: { kind: string; name: string; apiVersion?: string },
): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: namespaceName },
    spec: {
      scaleTargetRef: { apiVersion: target.apiVersion ?? 'apps/v1', ...target },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
    status: { currentReplicas: 2, desiredReplicas: 2 },
  };
}

/** A policy/v1 PodDisruptionBudget with `maxUnavailable: 1` unless `minAvailable` is given. */
export function podDisruptionBudget(
  name: string,
  namespaceName: string,
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: Array<{
      key: string;
      operator: string;
      values?: string[];
    }>;
  },
  o: { minAvailable?: number | string; healthy?: number } = {},
): KubeObject {
  const healthy = o.healthy ?? 2;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: namespaceName },
    spec: {
      selector,
      ...(o.minAvailable !== undefined
        ? { minAvailable: o.minAvailable }
        : { maxUnavailable: 1 }),
    },
    status: {
      currentHealthy: healthy,
      desiredHealthy: Math.max(healthy - 1, 0),
      disruptionsAllowed: healthy > 0 ? 1 : 0,
      expectedPods: healthy,
      observedGeneration: 1,
    },
  };
}

export function daemonSet(
  name: string,
  namespaceName: string,
  o: {
    podLabels?: Record<string, string>;
    image?: string;
    desired?: number;
    ready?: number;
  } = {},
): KubeObject {
  const podLabels = o.podLabels ?? { 'k8s-app': name };
  const desired = o.desired ?? 3;
  const ready = o.ready ?? desired;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: namespaceName, labels: podLabels },
    spec: {
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels },
        spec: {
          containers: [
            {
              name,
              image: o.image ?? 'registry.k8s.io/dns/k8s-dns-node-cache:1.23.1',
              resources: SIZED,
            },
          ],
        },
      },
    },
    status: {
      currentNumberScheduled: desired,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
    },
  };
}

export const DNS_LABELS = { 'k8s-app': 'kube-dns' };
const DNS_HASH = '7c65d6cfc9';

/**
 * kubeadm's CoreDNS: the Deployment in kube-system and one pod per entry of `nodes`
 * (ready pods as the Deployment reports them).
 */
export function coreDns(
  o: { nodes?: string[]; readyReplicas?: number; name?: string } = {},
): { deployment: KubeObject; pods: KubeObject[] } {
  const name = o.name ?? 'coredns';
  const nodes = o.nodes ?? ['worker-1', 'worker-2'];
  const dnsContainer = {
    name: 'coredns',
    image: 'registry.k8s.io/coredns/coredns:v1.12.1',
    requests: { cpu: '100m', memory: '70Mi' },
    limits: { memory: '170Mi' },
  };
  return {
    deployment: deployment(name, {
      namespace: 'kube-system',
      replicas: nodes.length,
      readyReplicas: o.readyReplicas ?? nodes.length,
      labels: DNS_LABELS,
      podLabels: DNS_LABELS,
      containers: [dnsContainer],
    }),
    pods: nodes.map((nodeName, i) =>
      pod(`${name}-${DNS_HASH}-${String.fromCharCode(97 + i)}x${i}zq`, {
        namespace: 'kube-system',
        node: nodeName,
        labels: { ...DNS_LABELS, 'pod-template-hash': DNS_HASH },
        serviceAccountName: 'coredns',
        owner: { kind: 'ReplicaSet', name: `${name}-${DNS_HASH}` },
        containers: [dnsContainer],
      }),
    ),
  };
}
