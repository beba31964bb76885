import type { ClusterSnapshot } from '../snapshot/ClusterSnapshot';
import { requiredGrant, resourceType } from '../snapshot/resources';
import type { CheckResult, ClusterReport, Waiver } from '../types';
import type {
  CheckOutcome,
  ReadinessCheck,
  ResolvedCheckOptions,
} from '../checks/ReadinessCheck';
import { BUILTIN_CHECKS } from '../checks';
import {
  describeUnreadable,
  unreadableKeys,
  unreadableOutcome,
} from '../checks/shared/unreadable';
import { SnapshotIndex } from './SnapshotIndex';
import { KUBERNETES_END_OF_LIFE } from './versionEndOfLife';
import { findWaiver } from '../report/waivers';
import {
  categoryReports,
  countStatuses,
  coverageOf,
  gradeWithCap,
  scoreOf,
} from '../report/scoring';

/** @public */
export interface EvaluateOptions {
  /** Namespaces treated as system namespaces besides kube-system, kube-public, kube-node-lease and openshift-*; a name ending in `*` is a prefix (`cattle-*`). */
  extraSystemNamespaces?: string[];
  /** Ready, schedulable workers needed to pass `nodes.worker-count` (default 3). */
  minWorkerNodes?: number;
  /** Remaining cluster-admin subjects above which `access.cluster-admin-bindings` warns (default 3). */
  clusterAdminSubjectLimit?: number;
  /** Rows that replace or extend the built-in end-of-life table (`"1.31": "2025-10-28"`). */
  versionEndOfLife?: Record<string, string>;
  /** Overrides what the snapshot says about the control plane. */
  controlPlane?: 'managed' | 'self-hosted';
  waivers?: Waiver[];
  /** Checks to run besides the built-in ones (custom checks from backend modules). */
  additionalChecks?: ReadinessCheck[];
}

/** `list pods failed (403 Forbidden)` or `pods not collected`, as the checks word it. */
function describeMissing(index: SnapshotIndex, key: string): string {
  return describeUnreadable(index, key);
}

/**
 * The outcome of a check that threw: `unknown`, naming the check, never the
 * exception's text.
 * @public
 */
export function engineFault(checkId: string): CheckOutcome {
  return {
    status: 'unknown',
    message: `engine fault in ${checkId}: please report it`,
  };
}

function runCheck(
  check: ReadinessCheck,
  index: SnapshotIndex,
  options: ResolvedCheckOptions,
  referenceTime: number,
): CheckOutcome {
  if (check.controlPlane) {
    const cp = index.controlPlane;
    if (cp.mode === 'managed') {
      return {
        status: 'not-applicable',
        message: `The control plane is managed by the provider (${cp.reason}).`,
      };
    }
    if (cp.mode === 'unknown') {
      const unread = unreadableKeys(index, ['nodes', 'pods']);
      return {
        status: 'unknown',
        message: unread.length
          ? `Cannot see the control plane: ${unread
              .map(k => describeMissing(index, k))
              .join('; ')}.`
          : `The control plane is not visible (${cp.reason}) and the cluster is not declared managed; set controlPlane: managed if the provider runs it.`,
        missingReads: unread.map(requiredGrant),
      };
    }
  }
  const missing = unreadableKeys(index, check.reads);
  if (missing.length) return unreadableOutcome(index, missing);
  return check.evaluate({ index, options, referenceTime });
}

/**
 * Evidence for a result whose check pointed at no object: what was read (and found
 * empty or unmatched), what was missing, or why the check does not apply.
 */
function fallbackEvidence(
  check: ReadinessCheck,
  index: SnapshotIndex,
  outcome: CheckOutcome,
): string[] {
  if (outcome.status === 'not-applicable' && check.controlPlane) {
    return [
      `control plane: ${index.controlPlane.mode} (${index.controlPlane.reason})`,
    ];
  }
  if (outcome.missingReads?.length) {
    return outcome.missingReads.map(grant => `missing read: ${grant}`);
  }
  const keys = [...new Set([...check.reads, ...(check.looksAt ?? [])])];
  return keys.flatMap(key => {
    const state = index.state(key);
    const kind = resourceType(key)?.kind ?? key;
    if (state === 'collected') {
      const n = index.items(key).length;
      return [`${kind}: ${n} object(s) examined (list ${key})`];
    }
    if (state === 'failed') return [`${kind}: ${describeMissing(index, key)}`];
    return [];
  });
}

/**
 * Evaluates every check against a snapshot: a pure function of the snapshot and the
 * options (the reference time is `collectedAt`, never the clock).
 * @public
 */
export function evaluate(
  snapshot: ClusterSnapshot,
  options: EvaluateOptions = {},
): ClusterReport {
  const referenceTime = Date.parse(snapshot.collectedAt);
  const index = new SnapshotIndex(snapshot, {
    extraSystemNamespaces: options.extraSystemNamespaces,
    controlPlane: options.controlPlane,
  });
  const resolved: ResolvedCheckOptions = {
    minWorkerNodes: options.minWorkerNodes ?? 3,
    clusterAdminSubjectLimit: options.clusterAdminSubjectLimit ?? 3,
    versionEndOfLife: {
      ...KUBERNETES_END_OF_LIFE,
      ...options.versionEndOfLife,
    },
  };
  const checks = [...BUILTIN_CHECKS, ...(options.additionalChecks ?? [])];
  const results: CheckResult[] = checks.map(check => {
    let outcome: CheckOutcome;
    let evidence: string[];
    try {
      outcome = runCheck(check, index, resolved, referenceTime);
      evidence = outcome.evidence?.length
        ? outcome.evidence
        : fallbackEvidence(check, index, outcome);
    } catch {
      // The exception's own text is internal (and may quote the input): never shown.
      outcome = engineFault(check.id);
      evidence = [];
    }
    const result: CheckResult = {
      id: check.id,
      title: check.title,
      category: check.category,
      severity: check.severity,
      status: outcome.status,
      message: outcome.message,
      evidence,
      remediation: check.remediation,
    };
    if (outcome.missingReads?.length)
      result.missingReads = outcome.missingReads;
    const waiver = findWaiver(
      options.waivers ?? [],
      check.id,
      snapshot.cluster.name,
      referenceTime,
    );
    if (waiver) result.waiver = waiver;
    return result;
  });
  const score = scoreOf(results);
  const { grade, gradeCap } = gradeWithCap(score, results);
  const cp = index.controlPlane;
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterReport',
    cluster: {
      name: snapshot.cluster.name,
      server: snapshot.cluster.server,
      controlPlane: cp.mode,
      version: snapshot.serverVersion?.gitVersion,
    },
    collectedAt: snapshot.collectedAt,
    score,
    grade,
    gradeCap,
    distribution: index.distribution,
    coverage: coverageOf(results),
    counts: countStatuses(results),
    categories: categoryReports(results),
    checks: results,
  };
}
