import { objectRef, selectorMatches } from '../../engine/labels';
import type {
  KubeObject,
  LabelSelector,
  WorkloadObject,
} from '../../snapshot/kube';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew, plural, verb } from '../shared/evidence';

const PDBS = 'poddisruptionbudgets.policy';

interface PdbObject extends KubeObject {
  spec?: {
    selector?: LabelSelector;
    minAvailable?: number | string;
    maxUnavailable?: number | string;
  };
  status?: {
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
  };
}

/**
 * An int-or-percent scaled against `replicas`, rounded up as the disruption
 * controller does for both minAvailable and maxUnavailable; undefined when unset or
 * malformed.
 */
function scaled(
  value: number | string | undefined,
  replicas: number,
): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const pct = /^(\d+)%$/.exec(value.trim());
  if (pct) return Math.ceil((Number(pct[1]) * replicas) / 100);
  return /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** Why a covering PDB lets no pod of a workload with `replicas` be evicted, if it does. */
function zeroDisruptionReason(
  pdb: PdbObject,
  replicas: number,
): string | undefined {
  const spec = pdb.spec ?? {};
  if (
    spec.maxUnavailable !== undefined &&
    scaled(spec.maxUnavailable, replicas) === 0
  ) {
    return `.spec.maxUnavailable ${spec.maxUnavailable}`;
  }
  const min = scaled(spec.minAvailable, replicas);
  if (spec.minAvailable !== undefined && min !== undefined && min >= replicas) {
    return `.spec.minAvailable ${spec.minAvailable} ≥ ${replicas} replicas`;
  }
  const s = pdb.status ?? {};
  if (
    s.disruptionsAllowed === 0 &&
    (s.expectedPods ?? 0) > 0 &&
    (s.currentHealthy ?? 0) >= (s.expectedPods ?? 0)
  ) {
    return `.status.disruptionsAllowed 0 with ${s.currentHealthy}/${s.expectedPods} pods healthy`;
  }
  return undefined;
}

/** `nodes.disruption-budgets` @public */
export const disruptionBudgets: ReadinessCheck = {
  id: 'nodes.disruption-budgets',
  title: 'Replicated workloads have disruption budgets',
  category: 'nodes',
  severity: 'medium',
  description:
    "PodDisruptionBudgets keep node drains (upgrades, autoscaler scale-down) from evicting too many replicas at once, and a budget that allows no disruption blocks drains altogether. Replicated workloads are Deployments and StatefulSets outside system namespaces with spec.replicas ≥ 2 (an unset spec.replicas means 1). A workload is covered by a PodDisruptionBudget in its namespace whose spec.selector matches its pod template labels (an empty selector matches every pod, a missing one none). A covering budget allows no disruption when maxUnavailable is 0 or 0 %, when minAvailable (a percentage rounded up, as the disruption controller does) is at least the workload's replicas, or when status.disruptionsAllowed is 0 although all its pods are healthy (status.currentHealthy ≥ status.expectedPods > 0); a budget at 0 only because pods are unhealthy is not counted. Exactly 50 % coverage warns.",
  rule: 'Coverage of replicated workloads: 100 % pass, ≥ 50 % warn, < 50 % fail; a covering budget that allows 0 disruptions makes it at least warn. No replicated workloads: not-applicable.',
  remediation:
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  reads: ['deployments.apps', 'statefulsets.apps', PDBS],
  evaluate({ index }) {
    const pdbsByNs = index.byNamespace<PdbObject>(PDBS);
    const uncovered: string[] = [];
    const uncoveredEvidence: string[] = [];
    const coveredEvidence: string[] = [];
    const blocking = new Set<string>();
    const blockingEvidence: string[] = [];
    let total = 0;
    for (const [key, kind] of [
      ['deployments.apps', 'Deployment'],
      ['statefulsets.apps', 'StatefulSet'],
    ] as const) {
      for (const w of index.items<WorkloadObject>(key)) {
        const ns = w.metadata?.namespace;
        const replicas = w.spec?.replicas ?? 1;
        if (!ns || index.isSystemNamespace(ns) || replicas < 2) continue;
        total++;
        const ref = objectRef(w, kind);
        const labels = w.spec?.template?.metadata?.labels;
        const covering = (pdbsByNs.get(ns) ?? []).filter(p =>
          selectorMatches(p.spec?.selector, labels),
        );
        if (covering.length === 0) {
          uncovered.push(ref);
          uncoveredEvidence.push(
            `${ref} .spec.template.metadata.labels: no matching PodDisruptionBudget (.spec.replicas ${replicas})`,
          );
          continue;
        }
        coveredEvidence.push(
          `${ref} covered by ${covering
            .map(p => objectRef(p, 'PodDisruptionBudget'))
            .join(', ')} .spec.selector`,
        );
        for (const p of covering) {
          const reason = zeroDisruptionReason(p, replicas);
          if (!reason) continue;
          const pdbRef = objectRef(p, 'PodDisruptionBudget');
          blocking.add(pdbRef);
          blockingEvidence.push(`${pdbRef} ${reason} (covers ${ref})`);
        }
      }
    }
    if (total === 0) {
      return {
        status: 'not-applicable',
        message:
          'No Deployment or StatefulSet with 2 or more replicas outside system namespaces.',
      };
    }
    const covered = total - uncovered.length;
    const evidence = bounded([
      ...uncoveredEvidence,
      ...blockingEvidence,
      ...coveredEvidence,
    ]);
    const coverage = `${covered} of ${total} replicated workloads (${
      Math.floor((covered * 1000) / total) / 10
    } %) have a PodDisruptionBudget`;
    const blockingNote = blocking.size
      ? `; ${plural(blocking.size, 'budget')} ${verb(
          blocking.size,
          'allow',
          'allows',
        )} no disruption and ${verb(
          blocking.size,
          'block',
          'blocks',
        )} node drains (${nameFew([...blocking])})`
      : '';
    if (covered * 2 < total) {
      return {
        status: 'fail',
        message: `${coverage}: add budgets for ${nameFew(
          uncovered,
        )}${blockingNote}.`,
        evidence,
      };
    }
    if (uncovered.length) {
      return {
        status: 'warn',
        message: `${coverage}: add budgets for ${nameFew(
          uncovered,
        )}${blockingNote}.`,
        evidence,
      };
    }
    if (blocking.size) {
      return {
        status: 'warn',
        message: `${coverage}, but ${plural(blocking.size, 'budget')} ${verb(
          blocking.size,
          'allow',
          'allows',
        )} no disruption and ${verb(
          blocking.size,
          'block',
          'blocks',
        )} node drains: ${nameFew([
          ...blocking,
        ])}; allow at least one pod to be evicted.`,
        evidence,
      };
    }
    return { status: 'pass', message: `${coverage}.`, evidence };
  },
};
