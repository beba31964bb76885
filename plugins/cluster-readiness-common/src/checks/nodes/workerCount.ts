import { isNodeReady, isNodeSchedulable } from '../../engine/SnapshotIndex';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew, plural } from '../shared/evidence';
import { nodeName, nodeRef } from './nodeHelpers';

const DEFAULT_MIN_WORKERS = 3;

/** The pass threshold: the configured minimum, never below 2 (one worker is no redundancy). */
function effectiveMinimum(configured: number | undefined): number {
  if (configured === undefined || !Number.isFinite(configured)) {
    return DEFAULT_MIN_WORKERS;
  }
  return Math.max(2, Math.ceil(configured));
}

/** `nodes.worker-count` @public */
export const workerCount: ReadinessCheck = {
  id: 'nodes.worker-count',
  title: 'Enough ready worker nodes',
  category: 'nodes',
  severity: 'critical',
  description:
    'Workloads need several worker nodes so that a node failure, upgrade or drain does not take them down. Counted are worker nodes (nodes without the node-role.kubernetes.io/control-plane or /master label) whose Ready condition is True and that are not cordoned (spec.unschedulable). The pass threshold is the minWorkerNodes option (default 3); a value below 2 is treated as 2, because a single worker is never enough: exactly one ready worker, or none, always fails.',
  rule: 'Ready, schedulable workers ≥ minimum (default 3): pass; at least 2 but below the minimum: warn; 1 or 0: fail.',
  remediation:
    'https://kubernetes.io/docs/setup/production-environment/#production-worker-nodes',
  reads: ['nodes'],
  evaluate({ index, options }) {
    const min = effectiveMinimum(options.minWorkerNodes);
    const counted: string[] = [];
    const excluded: string[] = [];
    const excludedNames: string[] = [];
    for (const n of index.workerNodes) {
      const ready = isNodeReady(n);
      const schedulable = isNodeSchedulable(n);
      if (ready && schedulable) {
        counted.push(
          `${nodeRef(n)} .status.conditions[Ready] True, schedulable`,
        );
      } else {
        excludedNames.push(nodeName(n));
        excluded.push(
          ready
            ? `${nodeRef(n)} .spec.unschedulable true (cordoned)`
            : `${nodeRef(n)} .status.conditions[Ready] not True`,
        );
      }
    }
    const count = counted.length;
    const total = index.workerNodes.length;
    const evidence = bounded([...excluded, ...counted]);
    const cp = index.controlPlaneNodes.length;
    const notCounted = excludedNames.length
      ? `; not counted (not Ready or cordoned): ${nameFew(excludedNames)}`
      : '';
    const what = `${plural(
      count,
      'ready, schedulable worker node',
    )} of ${total}`;
    if (count >= min) {
      return {
        status: 'pass',
        message: `${what} (minimum ${min})${notCounted}.`,
        evidence,
      };
    }
    if (count >= 2) {
      return {
        status: 'warn',
        message: `${what}, below the minimum of ${min}: add workers so that losing one still leaves room for its pods${notCounted}.`,
        evidence,
      };
    }
    const cpNote =
      total === 0 && cp > 0
        ? ` (only ${plural(cp, 'control-plane node')}, which ${
            cp === 1 ? 'does' : 'do'
          } not count)`
        : '';
    return {
      status: 'fail',
      message: `${what}${cpNote}: one node failure stops every workload; run at least ${min} workers${notCounted}.`,
      evidence,
    };
  },
};
