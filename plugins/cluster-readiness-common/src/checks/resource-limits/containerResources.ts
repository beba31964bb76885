import { isPodTerminated } from '../../engine/SnapshotIndex';
import { parseQuantity } from '../../engine/quantity';
import type { Container, PodObject } from '../../snapshot/kube';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew } from '../shared/evidence';
import { ofTotal } from './helpers';

const REQUIRED: ReadonlyArray<[string, (c: Container) => unknown]> = [
  ['requests.cpu', c => c.resources?.requests?.cpu],
  ['requests.memory', c => c.resources?.requests?.memory],
  ['limits.memory', c => c.resources?.limits?.memory],
];

/**
 * The workload a pod belongs to, for grouping: the Deployment behind a ReplicaSet
 * (its name less the `pod-template-hash` suffix), else the controller, else the pod.
 */
function workloadOf(pod: PodObject): string {
  const m = pod.metadata ?? {};
  const owner = m.ownerReferences?.[0];
  if (!owner?.kind || !owner.name) return `Pod/${m.namespace}/${m.name}`;
  const hash = m.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return `Deployment/${m.namespace}/${owner.name.slice(0, -hash.length - 1)}`;
  }
  return `${owner.kind}/${m.namespace}/${owner.name}`;
}

interface Gap {
  workload: string;
  container: string;
  firstPod: string;
  missing: string[];
  pods: number;
}

/** `resource-limits.container-resources` @public */
export const containerResources: ReadinessCheck = {
  id: 'resource-limits.container-resources',
  title: 'Containers set CPU and memory requests and a memory limit',
  category: 'resource-limits',
  severity: 'high',
  description:
    'Requests let the scheduler place pods on real numbers and protect them from eviction; a memory limit stops one container from exhausting a node. Counted: the containers (not init containers) of workload pods (in non-system namespaces, including openshift-* and configured prefixes, and neither mirror pods nor DaemonSet pods) that are not Succeeded or Failed. A container is sized when `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` are all set to a quantity (defaults a LimitRange applied at admission count, as they are in the pod). The share is exact: 80 % itself warns. Findings are grouped by workload (a Deployment, other controller, or bare pod) and container name.',
  rule: 'Sized containers: 100 % pass; ≥ 80 % warn; < 80 % fail. No such containers: not-applicable.',
  remediation:
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  reads: ['pods'],
  evaluate({ index }) {
    let total = 0;
    let sized = 0;
    const gaps = new Map<string, Gap>();
    for (const pod of index.workloadPods) {
      const ns = pod.metadata?.namespace;
      if (isPodTerminated(pod)) continue;
      for (const c of pod.spec?.containers ?? []) {
        total++;
        const missing = REQUIRED.filter(
          ([, get]) => parseQuantity(get(c)) === undefined,
        ).map(([name]) => name);
        if (missing.length === 0) {
          sized++;
          continue;
        }
        const workload = workloadOf(pod);
        const key = `${workload}\u0000${c.name}`;
        const gap = gaps.get(key);
        if (gap) gap.pods++;
        else {
          gaps.set(key, {
            workload,
            container: c.name ?? '',
            firstPod: `Pod/${ns}/${pod.metadata?.name}`,
            missing,
            pods: 1,
          });
        }
      }
    }
    if (total === 0) {
      return {
        status: 'not-applicable',
        message: 'No running or pending pods in non-system namespaces.',
      };
    }
    if (sized === total) {
      return {
        status: 'pass',
        message: `All ${total} container(s) in non-system namespaces set a CPU request, a memory request and a memory limit.`,
        evidence: [
          `Pod/*/* .spec.containers[].resources (${total} container(s) in non-system namespaces)`,
        ],
      };
    }
    // Largest workloads first: fixing one template fixes all its pods.
    const list = [...gaps.values()].sort((a, b) => b.pods - a.pods);
    const evidence = list.map(g => {
      const more =
        g.pods > 1 ? ` (and ${g.pods - 1} more pod(s) of ${g.workload})` : '';
      return `${g.firstPod} .spec.containers[${
        g.container
      }].resources: no ${g.missing.join(', ')}${more}`;
    });
    const names = list.map(g => `${g.workload} (${g.container})`);
    return {
      status: sized * 5 >= total * 4 ? 'warn' : 'fail',
      message: `${ofTotal(
        sized,
        total,
      )} containers set CPU and memory requests and a memory limit; size ${nameFew(
        names,
      )}.`,
      evidence: bounded(evidence),
    };
  },
};
