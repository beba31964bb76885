import type {
  CheckStatus,
  ClusterSortKey,
  ClusterState,
  FleetFilter,
  ClusterReport,
  DistributionName,
  DriftEntry,
  GradeCap,
  HistoryEntry,
  ReportSource,
  StatusCounts,
  WorkloadReport,
  AppliedWaiver,
} from '@cluster-readiness/backstage-plugin-common';
import type { EntityRefDecision } from '../permissions/EntityRefAuthorizer';

/** A cluster as stored: its last good report and the state of its last refresh. @public */
export interface StoredCluster {
  clusterName: string;
  entityRef?: string;
  /** The catalog owner entity ref, as the cluster sources said at the last refresh or sync. */
  owner?: string;
  /** The catalog system entity ref. */
  system?: string;
  source: ReportSource;
  score: number | null;
  grade: string | null;
  coverage: number | null;
  summary?: {
    categories: Array<{ id: string; score: number | null; grade: string | null; gradeCap?: GradeCap | null }>;
    counts: StatusCounts;
    /** Absent in rows stored before checks v2. */
    gradeCap?: GradeCap | null;
    distribution?: DistributionName;
  };
  evaluatedAt?: string;
  refreshedAt?: string;
  stale: boolean;
  state: ClusterState;
  error?: string;
}

/** @public */
export interface SaveEvaluationInput {
  clusterName: string;
  entityRef?: string;
  owner?: string;
  system?: string;
  source: ReportSource;
  report: ClusterReport;
  workloads: Record<string, WorkloadReport>;
  refreshedAt: string;
}

/** @public */
export interface MarkFailedInput {
  clusterName: string;
  entityRef?: string;
  owner?: string;
  system?: string;
  source: ReportSource;
  error: string;
  refreshedAt: string;
  /** `needs-user-credentials` for clusters whose auth needs a signed-in user; default `error`. */
  reason?: 'error' | 'needs-user-credentials';
}

/** @public */
export interface ClaimRefreshInput {
  clusterName: string;
  /** Unique per replica and refresh. */
  holder: string;
  /** Epoch milliseconds, from the caller's clock. */
  now: number;
  /** How long the claim holds if its holder never releases it. */
  ttlMs: number;
}

/** @public */
export interface ClaimDueRefreshesInput {
  /** The clusters to look at; ones without a due time yet are due from `firstDueAt`. */
  clusterNames: readonly string[];
  /** Take clusters due at or before this time (epoch ms). */
  dueBy: number;
  /** Due time of a cluster seen for the first time (epoch ms). */
  firstDueAt: number;
  /** The next due time of every cluster taken (epoch ms): now and one interval. */
  nextDueAt: number;
  /** Unique per claim; recorded on the clusters taken. */
  holder: string;
  /** Take at most this many. */
  limit: number;
}

/** @public */
export interface ReplicaHeartbeatInput {
  replicaId: string;
  /** Epoch ms, from the caller's clock. */
  now: number;
  /** Replicas not seen since this time (epoch ms) are gone and forgotten. */
  aliveSince: number;
}

/** A cluster a source knows, as `syncKnownClusters` records it. @public */
export interface KnownCluster {
  clusterName: string;
  entityRef?: string;
  owner?: string;
  system?: string;
  /** Where its report will come from (for a placeholder row). */
  source: ReportSource;
}

/** Where a keyset page starts: after the row with this sort value and name. @public */
export interface KeysetPosition {
  value: string | number | null;
  name: string;
}

/**
 * A page of `GET /clusters`: the fleet filters, the caller's permission decision
 * (applied in the query), a sort and a keyset position or (deprecated) an offset.
 * @public
 */
export interface ClusterQuery {
  filter: FleetFilter;
  readable: EntityRefDecision;
  sort: ClusterSortKey;
  order: 'asc' | 'desc';
  limit: number;
  after?: KeysetPosition;
  offset?: number;
}

/** @public */
export interface ClusterPage {
  items: StoredCluster[];
  totalItems: number;
  /** Where the next page starts; absent on the last page. */
  next?: KeysetPosition;
}

/** Counts over the readable, filtered clusters, as `GET /fleet` needs them. @public */
export interface FleetCounts {
  /** One row per (grade, state, stale, capped) combination. */
  totals: Array<{ grade: string | null; state: ClusterState; stale: boolean; capped: boolean; clusters: number; scoreSum: number; scored: number }>;
  /** One row per (owner, grade) combination. */
  owners: FleetGroupCount[];
  /** One row per (system, grade) combination. */
  systems: FleetGroupCount[];
  /** Checks with failing or warning results, worst first. */
  checks: Array<{ checkId: string; failing: number; warning: number; waived: number }>;
}

/** @public */
export interface FleetGroupCount {
  key: string | null;
  grade: string | null;
  clusters: number;
  scoreSum: number;
  scored: number;
  stale: number;
  unread: number;
}

/** A page of one check's results over the readable, filtered clusters. @public */
export interface CheckResultQuery {
  checkId: string;
  filter: FleetFilter;
  readable: EntityRefDecision;
  /** Only these statuses (all when absent). */
  statuses?: CheckStatus[];
  limit: number;
  /** After this (status, cluster name). */
  after?: { status: CheckStatus; name: string };
}

/** @public */
export interface CheckResultPage {
  items: Array<{ cluster: StoredCluster; status: CheckStatus; message: string; waiver?: AppliedWaiver }>;
  totalItems: number;
  /** By status, waived results counted under `waived` only; ignores `statuses`. */
  counts: StatusCounts;
  next?: { status: CheckStatus; name: string };
}

/**
 * Reports, history and drift of every cluster.
 * @public
 */
export interface ReadinessStore {
  /** Stores a new good report: current row, a history row and the drift since the previous one. */
  saveEvaluation(input: SaveEvaluationInput): Promise<void>;
  /** Records a failed refresh: the last good report stays, marked stale with the error. */
  markFailed(input: MarkFailedInput): Promise<void>;
  /** Every cluster with a stored refresh (placeholders of clusters not read yet left out). */
  listClusters(): Promise<StoredCluster[]>;
  /** One cluster with a stored refresh (placeholders left out). */
  getCluster(clusterName: string): Promise<StoredCluster | undefined>;
  /**
   * Records what the sources say now: catalog fields (entity ref, owner, system) of
   * every known cluster, a `pending` placeholder for each one not stored yet, and
   * removes placeholders of clusters no source knows any more. Conflict-free.
   */
  syncKnownClusters(clusters: readonly KnownCluster[]): Promise<void>;
  /** The catalog entity refs of every stored cluster (placeholders included). */
  listEntityRefs(): Promise<string[]>;
  /** One cluster by name, placeholders (`pending`) included. */
  findCluster(clusterName: string): Promise<StoredCluster | undefined>;
  /** A page of clusters, filtered, permission-scoped and sorted by the database. */
  queryClusters(query: ClusterQuery): Promise<ClusterPage>;
  /** Aggregates over the readable, filtered clusters; `checkIds` limits and `checks` counts the most-failed list. */
  fleetCounts(options: { filter: FleetFilter; readable: EntityRefDecision; checkIds: readonly string[]; checks: number }): Promise<FleetCounts>;
  /** One check's results over the readable, filtered clusters, worst status first. */
  queryCheckResults(query: CheckResultQuery): Promise<CheckResultPage>;
  getReport(clusterName: string): Promise<ClusterReport | undefined>;
  getWorkloads(clusterName: string): Promise<Record<string, WorkloadReport> | undefined>;
  /**
   * One workload key's findings in each of these clusters, in one query: by cluster
   * name, only clusters that have findings for that key.
   */
  getWorkloadsFor(clusterNames: readonly string[], workloadKey: string): Promise<Map<string, WorkloadReport>>;
  /** The stored reports of these clusters (one query), in the order given; missing ones are left out. */
  getReports(clusterNames: readonly string[]): Promise<ClusterReport[]>;
  getHistory(clusterName: string, options?: { limit?: number }): Promise<HistoryEntry[]>;
  getDrift(clusterName: string, options?: { limit?: number }): Promise<DriftEntry[]>;
  /** Deletes history and drift older than the given time; returns rows deleted. */
  pruneHistory(olderThan: string): Promise<number>;
  /**
   * Claims the refresh of one cluster for `holder`, across every replica on this
   * database: true when it is now the holder's (no claim, or an expired one).
   */
  claimRefresh(input: ClaimRefreshInput): Promise<boolean>;
  /** Releases the holder's claim (nothing when another holder has it now). */
  releaseRefresh(clusterName: string, holder: string): Promise<void>;
  /** The current claim on a cluster's refresh, if any. */
  getRefreshClaim(clusterName: string): Promise<{ holder: string; expiresAt: number } | undefined>;
  /**
   * Takes clusters whose scheduled refresh is due, across every replica on this
   * database: each due cluster is taken by one caller, which moves its due time to
   * `nextDueAt`. Answers the names taken, most overdue first.
   */
  claimDueRefreshes(input: ClaimDueRefreshesInput): Promise<string[]>;
  /** Records this replica alive; answers the ids of every replica alive, sorted. */
  heartbeat(input: ReplicaHeartbeatInput): Promise<string[]>;
  /** Forgets a replica (it is shutting down). */
  leaveReplicas(replicaId: string): Promise<void>;
}
