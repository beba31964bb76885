import type { Category, CheckStatus, Severity } from '../types';
import type { SnapshotIndex } from '../engine/SnapshotIndex';

/** Options every check may read, resolved with their defaults. @public */
export interface ResolvedCheckOptions {
  /** Ready, schedulable workers needed for `nodes.worker-count` to pass (3). */
  minWorkerNodes: number;
  /** Remaining cluster-admin subjects above which `access.cluster-admin-bindings` warns (3). */
  clusterAdminSubjectLimit: number;
  /** Kubernetes minor (`"1.31"`) → end-of-life date (`"2025-10-28"`). */
  versionEndOfLife: Readonly<Record<string, string>>;
}

/** What a check sees. @public */
export interface CheckContext {
  index: SnapshotIndex;
  options: ResolvedCheckOptions;
  /** The snapshot's `collectedAt` in epoch milliseconds; no rule reads the clock. */
  referenceTime: number;
}

/** What a check returns; the engine adds its metadata. @public */
export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  evidence?: string[];
  /** RBAC grants whose absence made the result unknown. */
  missingReads?: string[];
}

/**
 * A readiness check: its metadata (from which the catalog, docs and UI derive) and its
 * rule as a pure function of the snapshot.
 * @public
 */
export interface ReadinessCheck {
  /** Stable id, `<category>.<name>`. */
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  /** What the check looks at and why it matters, with the details its rule settles. */
  description: string;
  /** When each status is given. */
  rule: string;
  /** Kubernetes documentation page explaining the fix. */
  remediation: string;
  /**
   * Marked (cp) in checks.md: not-applicable on a managed control plane, unknown when
   * the control plane is neither visible nor managed.
   */
  controlPlane?: boolean;
  /**
   * Resource keys the rule cannot do without: if one was not collected or its read
   * failed, the engine reports `unknown` naming the missing grant, without calling
   * `evaluate`.
   */
  reads: readonly string[];
  /**
   * Further resource keys the rule examines when they were collected (alternative
   * sources). With `reads`, they name the evidence of a result that found nothing to
   * point at (e.g. "CronJob: 12 read, none matched").
   */
  looksAt?: readonly string[];
  evaluate(context: CheckContext): CheckOutcome;
}

/** Metadata of a check, as served to the UI and in exports. @public */
export type CheckMetadata = Omit<ReadinessCheck, 'evaluate'>;

/** @public */
export function checkMetadata(check: ReadinessCheck): CheckMetadata {
  const { evaluate: _ignored, ...meta } = check;
  return meta;
}
