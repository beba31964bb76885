import type {
  ClusterState,
  ClusterReport,
  DistributionName,
  DriftEntry,
  GradeCap,
  HistoryEntry,
  ReportSource,
  StatusCounts,
  WorkloadReport,
} from '@cluster-readiness/backstage-plugin-common';

/** A cluster as stored: its last good report and the state of its last refresh. @public */
export interface StoredCluster {
  clusterName: string;
  entityRef?: string;
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
  source: ReportSource;
  report: ClusterReport;
  workloads: Record<string, WorkloadReport>;
  refreshedAt: string;
}

/** @public */
export interface MarkFailedInput {
  clusterName: string;
  entityRef?: string;
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

/**
 * Reports, history and drift of every cluster.
 * @public
 */
export interface ReadinessStore {
  /** Stores a new good report: current row, a history row and the drift since the previous one. */
  saveEvaluation(input: SaveEvaluationInput): Promise<void>;
  /** Records a failed refresh: the last good report stays, marked stale with the error. */
  markFailed(input: MarkFailedInput): Promise<void>;
  listClusters(): Promise<StoredCluster[]>;
  getCluster(clusterName: string): Promise<StoredCluster | undefined>;
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
