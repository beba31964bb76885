/*
 * Test-only builders for the nodes checks: realistic objects that follow the official
 * Kubernetes schemas (checked against the kubernetes-models validators; the Karpenter
 * NodePool follows the karpenter.sh/v1 CRD).
 */
import type { KubeObject } from '../snapshot/kube';
import { container, SIZED } from './factories';

export function daemonSet(
  name: string,
  o: {
    namespace?: string;
    labels?: Record<string, string>;
    podLabels?: Record<string, string>;
    desired?: number;
    ready?: number;
  } = {},
): KubeObject {
  const podLabels = o.podLabels ?? { 'app.kubernetes.io/name': name };
  const desired = o.desired ?? 3;
  const ready = o.ready ?? desired;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: o.namespace ?? 'kube-system',
      labels: o.labels ?? { 'app.kubernetes.io/name': name },
    },
    spec: {
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels },
        spec: {
          containers: [
            container({
              name,
              image: `registry.k8s.io/${name}:v1.0.0`,
              ...SIZED,
            }),
          ],
        },
      },
    },
    status: {
      currentNumberScheduled: desired,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: desired,
    },
  };
}

/** node-problem-detector as its Helm chart deploys it. */
export function npdDaemonSet(
  o: { desired?: number; ready?: number } = {},
): KubeObject {
  return daemonSet('node-problem-detector', {
    labels: { app: 'node-problem-detector' },
    podLabels: { app: 'node-problem-detector' },
    ...o,
  });
}

export function statefulSet(
  name: string,
  o: {
    namespace?: string;
    replicas?: number;
    podLabels?: Record<string, string>;
  } = {},
): KubeObject {
  const podLabels = o.podLabels ?? { app: name };
  const replicas = o.replicas ?? 3;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      labels: { app: name },
    },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels },
        spec: { containers: [container(SIZED)] },
      },
    },
    status: {
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      currentReplicas: replicas,
      updatedReplicas: replicas,
    },
  };
}

export interface PdbOptions {
  namespace?: string;
  /** `spec.selector`; default `{ matchLabels: { app: <name> } }`. */
  selector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: Array<{
      key: string;
      operator: string;
      values?: string[];
    }>;
  };
  minAvailable?: number | string;
  /** Default 1 when neither minAvailable nor maxUnavailable is given. */
  maxUnavailable?: number | string;
  expectedPods?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  disruptionsAllowed?: number;
}

/** An int-or-percent scaled against `total`, rounded up as the disruption controller does. */
function intOrPercent(
  value: number | string | undefined,
  total: number,
): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    return Math.ceil((Number(value.slice(0, -1)) * total) / 100);
  }
  return Number(value ?? 0);
}

/**
 * A policy/v1 PodDisruptionBudget. Status defaults to what the disruption controller
 * reports for `expectedPods` healthy pods under the budget.
 */
export function pdb(name: string, o: PdbOptions = {}): KubeObject {
  const expectedPods = o.expectedPods ?? 3;
  const currentHealthy = o.currentHealthy ?? expectedPods;
  const budget =
    o.minAvailable !== undefined || o.maxUnavailable !== undefined
      ? {
          ...(o.minAvailable !== undefined
            ? { minAvailable: o.minAvailable }
            : {}),
          ...(o.maxUnavailable !== undefined
            ? { maxUnavailable: o.maxUnavailable }
            : {}),
        }
      : { maxUnavailable: 1 };
  const desiredHealthy =
    o.desiredHealthy ??
    ('minAvailable' in budget
      ? intOrPercent(budget.minAvailable, expectedPods)
      : Math.max(
          0,
          expectedPods - intOrPercent(budget.maxUnavailable, expectedPods),
        ));
  const disruptionsAllowed =
    o.disruptionsAllowed ?? Math.max(0, currentHealthy - desiredHealthy);
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: {
      selector: o.selector ?? { matchLabels: { app: name } },
      ...budget,
    },
    status: {
      observedGeneration: 1,
      expectedPods,
      currentHealthy,
      desiredHealthy,
      disruptionsAllowed,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: disruptionsAllowed > 0 ? 'True' : 'False',
          reason:
            disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration: 1,
          lastTransitionTime: '2026-11-01T00:00:00Z',
        },
      ],
    },
  };
}

/**
 * An aggregated APIService. `available` undefined gives an APIService that has no
 * status yet.
 */
export function apiService(
  name: string,
  o: { available?: 'True' | 'False' | 'Unknown'; reason?: string } = {},
): KubeObject {
  const dot = name.indexOf('.');
  const version = name.slice(0, dot);
  const group = name.slice(dot + 1);
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name, labels: { 'k8s-app': 'metrics-server' } },
    spec: {
      group,
      version,
      groupPriorityMinimum: 100,
      versionPriority: 100,
      insecureSkipTLSVerify: true,
      service: { name: 'metrics-server', namespace: 'kube-system', port: 443 },
    },
    status:
      o.available === undefined
        ? {}
        : {
            conditions: [
              {
                type: 'Available',
                status: o.available,
                reason:
                  o.reason ??
                  (o.available === 'True' ? 'Passed' : 'FailedDiscoveryCheck'),
                message:
                  o.available === 'True'
                    ? 'all checks passed'
                    : 'failing or missing response from https://10.96.0.20:443/apis/metrics.k8s.io/v1beta1',
                lastTransitionTime: '2026-11-01T00:00:00Z',
              },
            ],
          },
  };
}

/** The metrics-server APIService. */
export function metricsApiService(
  available?: 'True' | 'False' | 'Unknown',
): KubeObject {
  return apiService('v1beta1.metrics.k8s.io', { available });
}

export function configMap(
  name: string,
  namespaceName: string,
  data: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: namespaceName },
    data,
  };
}

/** The status ConfigMap the Cluster Autoscaler writes in kube-system. */
export function clusterAutoscalerStatus(): KubeObject {
  return configMap('cluster-autoscaler-status', 'kube-system', {
    status:
      'time: 2026-11-20 09:59:50.123456789 +0000 UTC\nautoscalerStatus: Running\nclusterWide:\n  health:\n    status: Healthy\n',
  });
}

/** A Karpenter v1 NodePool (karpenter.sh/v1), cluster-scoped. */
export function nodePool(name: string): KubeObject {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name },
    spec: {
      template: {
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          requirements: [
            { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'In',
              values: ['on-demand'],
            },
          ],
          expireAfter: '720h',
        },
      },
      limits: { cpu: '1000' },
      disruption: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '1m',
      },
    },
  };
}

/** A 404 as the API server reports it for a resource type that is not installed. */
export function notFound(key: string) {
  return {
    error: {
      code: 404,
      reason: 'NotFound',
      message: `the server could not find the requested resource (get ${key})`,
    },
  };
}
