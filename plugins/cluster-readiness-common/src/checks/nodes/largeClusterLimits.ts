import type { ReadinessCheck } from '../ReadinessCheck';
import { isPodTerminated } from '../../engine/SnapshotIndex';
import type { NodeObject } from '../../snapshot/kube';
import { bounded, nameFew } from '../shared/evidence';
import { nodeName, nodeRef } from './nodeHelpers';

/** The tested limits of "Considerations for large clusters". */
const LIMITS = {
  podsPerNode: 110,
  nodes: 5000,
  pods: 150_000,
  containers: 300_000,
} as const;
const WARN_SHARE = 0.8;

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * `status.capacity.pods` of a node, else `status.allocatable.pods` (the kubelet sets
 * both from maxPods; readers that trim objects keep only allocatable).
 */
function podCapacity(node: NodeObject): string | undefined {
  const status = node.status as
    | {
        capacity?: Record<string, string>;
        allocatable?: Record<string, string>;
      }
    | undefined;
  return status?.capacity?.pods ?? status?.allocatable?.pods;
}

/** `nodes.large-cluster-limits` @public */
export const largeClusterLimits: ReadinessCheck = {
  id: 'nodes.large-cluster-limits',
  title: 'Within the tested limits for large clusters',
  category: 'nodes',
  severity: 'medium',
  description:
    'Kubernetes is tested up to 110 pods per node, 5,000 nodes, 150,000 pods and 300,000 containers ("Considerations for large clusters"); past them the API server, etcd and the scheduler run outside what the project validates. Pods are the non-terminated ones (phase not Succeeded or Failed), bound to a node or not; containers are their spec.containers (init containers end before the pod runs). Pods per node counts the non-terminated pods bound to each node (spec.nodeName). A node whose status.capacity.pods (else status.allocatable.pods, which the kubelet sets to the same maxPods) is above 110 is configured past the tested limit even while it runs fewer. Exactly 80 % of a limit warns; exactly the limit passes its fail bound. The message gives each figure against its limit.',
  rule: 'fail: more than 5,000 nodes, 150,000 pods or 300,000 containers, or a node running more than 110 pods. warn: any total ≥ 80 % of its limit, or a node with status.capacity.pods above 110. pass: otherwise.',
  remediation: 'https://kubernetes.io/docs/setup/best-practices/cluster-large/',
  reads: ['nodes', 'pods'],
  evaluate({ index }) {
    let pods = 0;
    let containers = 0;
    const perNode = new Map<string, number>();
    for (const pod of index.pods) {
      if (isPodTerminated(pod)) continue;
      pods++;
      containers += pod.spec?.containers?.length ?? 0;
      const node = pod.spec?.nodeName;
      if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    const nodes = index.nodes.length;
    const crowded = [...perNode]
      .filter(([, n]) => n > LIMITS.podsPerNode)
      .sort((a, b) => b[1] - a[1]);
    const overCapacity = index.nodes.filter(
      n => Number(podCapacity(n) ?? 0) > LIMITS.podsPerNode,
    );
    const busiest = Math.max(0, ...perNode.values());

    const totals: Array<[string, number, number]> = [
      ['nodes', nodes, LIMITS.nodes],
      ['pods', pods, LIMITS.pods],
      ['containers', containers, LIMITS.containers],
    ];
    const figures = [
      ...totals.map(([what, n, limit]) => `${what} ${fmt(n)} of ${fmt(limit)}`),
      `pods per node at most ${fmt(busiest)} of ${LIMITS.podsPerNode}`,
    ].join(', ');
    const evidence = bounded([
      `Node: ${fmt(nodes)} object(s) (list nodes)`,
      `Pod: ${fmt(pods)} non-terminated, ${fmt(
        containers,
      )} containers (list pods)`,
      ...crowded.map(
        ([name, n]) => `Node/${name}: ${n} pods bound (.spec.nodeName)`,
      ),
      ...overCapacity.map(
        n => `${nodeRef(n)} .status.capacity.pods ${podCapacity(n)}`,
      ),
    ]);

    const over = totals.filter(([, n, limit]) => n > limit);
    if (over.length || crowded.length) {
      const problems = [
        ...over.map(([what]) => `${what} over the tested limit`),
        ...(crowded.length
          ? [
              `more than ${LIMITS.podsPerNode} pods on ${nameFew(
                crowded.map(([n]) => n),
              )}`,
            ]
          : []),
      ];
      return {
        status: 'fail',
        message: `Past the tested limits (${problems.join(
          '; ',
        )}): ${figures}; split the cluster or spread the pods.`,
        evidence,
      };
    }
    const near = totals.filter(([, n, limit]) => n >= WARN_SHARE * limit);
    if (near.length || overCapacity.length) {
      const problems = [
        ...near.map(([what]) => `${what} at 80 % or more of the tested limit`),
        ...(overCapacity.length
          ? [
              `${nameFew(
                overCapacity.map(nodeName),
              )} configured for more than ${
                LIMITS.podsPerNode
              } pods (status.capacity.pods)`,
            ]
          : []),
      ];
      return {
        status: 'warn',
        message: `Close to or configured past the tested limits (${problems.join(
          '; ',
        )}): ${figures}.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `Within the tested limits: ${figures}.`,
      evidence,
    };
  },
};
