import type {
  AppliedWaiver,
  Category,
  CheckStatus,
  Grade,
  Severity,
  StatusCounts,
} from '../types';
import type { ClusterState, ClusterSummary } from './types';

/**
 * Sort keys of `GET /clusters` (`sort=`), each with `order=asc|desc`. Ties are broken
 * by cluster name so a cursor is stable.
 * @public
 */
export const CLUSTER_SORT_KEYS = [
  'name',
  'score',
  'coverage',
  'owner',
  'system',
  'evaluatedAt',
] as const;

/** @public */
export type ClusterSortKey = (typeof CLUSTER_SORT_KEYS)[number];

/**
 * Filters shared by `GET /clusters`, `GET /fleet` and `GET /checks/:id/clusters`.
 * Every field is optional; list fields match any of their values; `q` matches a
 * case-insensitive substring of the cluster's name, owner or system.
 * @public
 */
export interface FleetFilter {
  /** Owner entity refs, e.g. `group:default/platform-team`. */
  owner?: string[];
  /** System entity refs. */
  system?: string[];
  /** Grades; `none` matches a withheld or missing grade. */
  grade?: Array<Grade | 'none'>;
  state?: ClusterState[];
  stale?: boolean;
  q?: string;
}

/** A rollup row of `GET /fleet` (by owner or by system). @public */
export interface FleetRollup {
  /** The owner or system entity ref; null for clusters without one. */
  key: string | null;
  clusters: number;
  /** Mean score of the scored clusters, or null when none is scored. */
  averageScore: number | null;
  grades: Record<Grade | 'none', number>;
  stale: number;
  /** Clusters pending, failed to read or needing user credentials. */
  unread: number;
}

/** One check in `GET /fleet`'s most-failed list. @public */
export interface FleetCheckCount {
  checkId: string;
  title: string;
  category: Category;
  severity: Severity;
  /** Clusters whose result is `fail` (not waived). */
  failing: number;
  /** Clusters whose result is `warn` (not waived). */
  warning: number;
  /** Clusters where a waiver in force covers the result. */
  waived: number;
}

/**
 * `GET /fleet`: aggregates over **every** cluster the caller may read that matches
 * the filter, computed by the store (never from a sample).
 * @public
 */
export interface FleetAggregates {
  totalClusters: number;
  averageScore: number | null;
  grades: Record<Grade | 'none', number>;
  states: Record<ClusterState, number>;
  stale: number;
  /** Clusters whose grade is capped or withheld by coverage. */
  capped: number;
  owners: FleetRollup[];
  systems: FleetRollup[];
  /** Checks by clusters failing (then warning), worst first; `checks=` sets how many (default 10). */
  mostFailedChecks: FleetCheckCount[];
}

/** One cluster's result for one check, in `GET /checks/:id/clusters`. @public */
export interface CheckClusterResult {
  cluster: ClusterSummary;
  status: CheckStatus;
  message: string;
  waiver?: AppliedWaiver;
}

/**
 * `GET /checks/:id/clusters`: the readable clusters' results for one check, worst
 * status first, a page at a time (`status=`, the fleet filters, `limit`, `cursor`).
 * @public
 */
export interface CheckClusterList {
  checkId: string;
  /** Counts over every readable cluster matching the filter (not only this page). */
  counts: StatusCounts;
  items: CheckClusterResult[];
  totalItems: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}
