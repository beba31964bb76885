/**
 * The four groups of checks, in the order the Kubernetes production guide treats them.
 * @public
 */
export const CATEGORIES = [
  'control-plane',
  'nodes',
  'access',
  'resource-limits',
] as const;

/** @public */
export type Category = (typeof CATEGORIES)[number];

/** Human titles of the categories. @public */
export const CATEGORY_TITLES: Record<Category, string> = {
  'control-plane': 'Control plane',
  nodes: 'Worker nodes',
  access: 'Access',
  'resource-limits': 'Resource limits',
};

/** @public */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** @public */
export type Severity = (typeof SEVERITIES)[number];

/** Weight of a severity in the score (checks.md, Scoring). @public */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
};

/** @public */
export const STATUSES = [
  'fail',
  'warn',
  'unknown',
  'pass',
  'not-applicable',
] as const;

/**
 * Result of one check (checks.md, Statuses). `STATUSES` lists them worst first.
 * @public
 */
export type CheckStatus = (typeof STATUSES)[number];

/** @public */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/**
 * Distributions the engine recognises (checks.md v2, Definitions: Distribution), in
 * the order they are tried.
 * @public
 */
export const DISTRIBUTIONS = [
  'k3s',
  'rke2',
  'openshift',
  'kind',
  'kubeadm',
  'eks',
  'gke',
  'aks',
  'unknown',
] as const;

/** @public */
export type DistributionName = (typeof DISTRIBUTIONS)[number];

/**
 * The distribution a report was evaluated as, with what decided it
 * (e.g. `serverVersion.gitVersion v1.31.4+k3s1`).
 * @public
 */
export interface DetectedDistribution {
  name: DistributionName;
  evidence: string[];
}

/**
 * Why a grade is lower than the score alone would give, or withheld (checks.md v2,
 * Scoring): `coverage` (too little was seen: at most B from 0.75, C from 0.5, no
 * grade below) or `critical-fail` (a failing critical check caps it at D).
 * @public
 */
export interface GradeCap {
  by: 'coverage' | 'critical-fail';
  /** The coverage (0–1) the cap was decided on. */
  coverage: number | null;
  /** The grade the score alone would give. */
  uncapped: Grade | null;
}

/**
 * A waiver accepts a finding for a while: the report keeps the underlying status and
 * marks the result waived until `expires`.
 * @public
 */
export interface Waiver {
  /** Check id the waiver applies to. */
  check: string;
  /** Cluster name; absent means every cluster. */
  cluster?: string;
  reason: string;
  owner: string;
  /** ISO date (`2027-01-31`) or date-time; the waiver lapses after it. */
  expires: string;
}

/** A waiver as it stands on a result. @public */
export interface AppliedWaiver extends Waiver {
  /** True when `expires` is before the reference time: it no longer applies. */
  expired: boolean;
}

/** @public */
export interface CheckResult {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  status: CheckStatus;
  /** One line a person can act on. */
  message: string;
  /** Objects and fields looked at, e.g. `Node/cp-1 .spec.taints`. */
  evidence: string[];
  /** Kubernetes documentation page that explains the fix. */
  remediation: string;
  /** The RBAC grants whose absence made the result `unknown`, e.g. `list nodes`. */
  missingReads?: string[];
  /** Present when a waiver matches the check; see `AppliedWaiver.expired`. */
  waiver?: AppliedWaiver;
}

/** Counts of results by status; waived results are counted under `waived` only. @public */
export type StatusCounts = Record<CheckStatus, number> & { waived: number };

/** @public */
export interface CategoryReport {
  id: Category;
  title: string;
  /** 0–100, or null when no result counts toward it. */
  score: number | null;
  grade: Grade | null;
  /** Present when the grade is capped or withheld; null or absent otherwise. */
  gradeCap?: GradeCap | null;
  coverage: number | null;
  counts: StatusCounts;
}

/** @public */
export interface ClusterReport {
  apiVersion: 'cluster-readiness/v1alpha1';
  kind: 'ClusterReport';
  cluster: {
    name: string;
    server?: string;
    controlPlane: 'managed' | 'self-hosted' | 'unknown';
    version?: string;
  };
  /** The snapshot's `collectedAt`: the reference time of every rule. */
  collectedAt: string;
  score: number | null;
  grade: Grade | null;
  /** Present when the grade is capped or withheld; null or absent otherwise. */
  gradeCap?: GradeCap | null;
  /** The detected distribution (absent in reports made before checks v2). */
  distribution?: DetectedDistribution;
  /** 0–1: weight of observed results ÷ weight of applicable ones. */
  coverage: number | null;
  counts: StatusCounts;
  categories: CategoryReport[];
  checks: CheckResult[];
}
