import type {
  Category,
  CheckStatus,
  ClusterReport,
  DistributionName,
  Grade,
  GradeCap,
  StatusCounts,
} from '../types';
import type { WorkloadReport } from '../workloads/workloadFindings';

/**
 * The state of a cluster's last refresh: `ok`; `stale` (it failed, the last good
 * report is kept); `error` (it failed and there is no report yet);
 * `needs-user-credentials` (its auth provider needs a signed-in user's token, so the
 * backend cannot read it on a schedule); `pending` (known, not read yet).
 * @public
 */
export type ClusterState =
  | 'ok'
  | 'stale'
  | 'error'
  | 'needs-user-credentials'
  | 'pending';

/** Where a cluster's report comes from. @public */
export type ReportSource = 'live' | 'pushed' | 'file';

/** One row of `GET /clusters`. @public */
export interface ClusterSummary {
  name: string;
  /** `resource:<namespace>/<name>` when the catalog has the cluster. */
  entityRef?: string;
  owner?: string;
  system?: string;
  source: ReportSource;
  score: number | null;
  grade: Grade | null;
  /** Why the grade is capped or withheld (checks.md v2); null or absent otherwise. */
  gradeCap?: GradeCap | null;
  /** The distribution the last report detected. */
  distribution?: DistributionName;
  coverage: number | null;
  categories: Array<{
    id: Category;
    score: number | null;
    grade: Grade | null;
    gradeCap?: GradeCap | null;
  }>;
  counts: StatusCounts | null;
  /** `collectedAt` of the last good report. */
  evaluatedAt?: string;
  /** When the last refresh attempt ended. */
  refreshedAt?: string;
  /** True when the last refresh failed and the report is older than it. */
  stale: boolean;
  state: ClusterState;
  error?: string;
}

/** `GET /clusters/:name`: the summary and the full last good report. @public */
export interface ClusterDetails extends ClusterSummary {
  report?: ClusterReport;
}

/** One evaluation in `GET /clusters/:name/history`. @public */
export interface HistoryEntry {
  evaluatedAt: string;
  score: number | null;
  grade: Grade | null;
  coverage: number | null;
  categories: Partial<Record<Category, number | null>>;
  counts: StatusCounts;
}

/** A check whose status moved between two consecutive evaluations. @public */
export interface DriftEntry {
  evaluatedAt: string;
  checkId: string;
  from: CheckStatus | null;
  to: CheckStatus | null;
}

/** A cluster a component runs on, with the component's own workloads there. @public */
export interface ComponentCluster {
  cluster: ClusterSummary;
  /** dependsOn the cluster entity, pods labelled with the component's kubernetes-id, or both. */
  via: Array<'dependsOn' | 'pods'>;
  workloads?: WorkloadReport;
}

/** `GET /entities/:kind/:namespace/:name`. @public */
export type EntityReadiness =
  | { kind: 'cluster'; entityRef: string; cluster: ClusterDetails | null }
  | {
      kind: 'component';
      entityRef: string;
      kubernetesId?: string;
      clusters: ComponentCluster[];
    }
  | {
      kind: 'group';
      entityRef: string;
      clusters: ClusterSummary[];
      rollup: {
        clusters: number;
        averageScore: number | null;
        grades: Partial<Record<Grade, number>>;
        stale: number;
      };
    };

/** `GET /clusters` page. @public */
export interface ClusterList {
  items: ClusterSummary[];
  /** Clusters matching the filter, over every page. */
  totalItems: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}
