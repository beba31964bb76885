import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  CheckClusterList,
  CheckMetadata,
  CheckStatus,
  ClusterDetails,
  ClusterList,
  ClusterSortKey,
  ClusterState,
  ClusterSummary,
  DriftEntry,
  EntityReadiness,
  FleetAggregates,
  FleetFilter,
  Grade,
  HistoryEntry,
} from '@cluster-readiness/backstage-plugin-common';

/**
 * Query of `GET /clusters`: the fleet filters ({@link @cluster-readiness/backstage-plugin-common#FleetFilter}),
 * a sort and a page. Every field is optional; list fields match any of their values
 * and are sent as repeated query parameters.
 * @public
 */
export interface ListClustersRequest {
  /** Owner entity refs, e.g. `group:default/platform-team` (one ref or several). */
  owner?: string | string[];
  /** System entity refs. */
  system?: string[];
  /** Grades; `none` matches clusters without a grade. */
  grade?: Array<Grade | 'none'>;
  state?: ClusterState[];
  stale?: boolean;
  /** Case-insensitive substring of the name, owner or system. */
  q?: string;
  sort?: ClusterSortKey;
  order?: 'asc' | 'desc';
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Offset paging (kept for older callers; prefer `cursor`). */
  offset?: number;
  /** 1–1000; the backend's default is 100. */
  limit?: number;
}

/**
 * Options of `GET /checks/:id/clusters`.
 * @public
 */
export interface ListCheckClustersRequest {
  /** Only results of these statuses. */
  status?: CheckStatus[];
  filter?: FleetFilter;
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** Formats of `GET /export`. @public */
export type ReadinessExportFormat = 'json' | 'csv' | 'sarif';

/** A downloaded export. @public */
export interface ReadinessExport {
  blob: Blob;
  /** A file name for saving it, e.g. `cluster-readiness-2025-01-31.csv`. */
  filename: string;
}

/**
 * The Cluster Readiness backend API: one method per endpoint of
 * `/api/cluster-readiness`.
 * @public
 */
export interface ClusterReadinessApi {
  /** `GET /clusters`: one page of the clusters the caller may read. */
  listClusters(request?: ListClustersRequest): Promise<ClusterList>;
  /** `GET /clusters/:name`: the summary and the last good report. */
  getCluster(name: string): Promise<ClusterDetails>;
  /** `GET /clusters/:name/history`: evaluations, oldest first. */
  getHistory(
    name: string,
    options?: { limit?: number },
  ): Promise<{ items: HistoryEntry[] }>;
  /** `GET /clusters/:name/drift`: checks whose status moved, newest first. */
  getDrift(
    name: string,
    options?: { limit?: number },
  ): Promise<{ items: DriftEntry[] }>;
  /** `POST /clusters/:name/refresh`: re-evaluates now; rejects with 403 when not permitted. */
  refreshCluster(name: string): Promise<ClusterSummary>;
  /** `GET /entities/:kind/:namespace/:name`: readiness of a cluster, component or group entity. */
  getEntityReadiness(entityRef: CompoundEntityRef): Promise<EntityReadiness>;
  /** `GET /checks`: the checks the backend runs, built-in and custom. */
  listChecks(): Promise<{ items: CheckMetadata[] }>;
  /** `GET /fleet`: counters, grade distribution, rollups and most-failed checks over every readable cluster matching the filter. */
  getFleet(
    filter?: FleetFilter,
    options?: { checks?: number },
  ): Promise<FleetAggregates>;
  /** `GET /checks/:id/clusters`: every readable cluster's result for one check, a page at a time. */
  listCheckClusters(
    checkId: string,
    request?: ListCheckClustersRequest,
  ): Promise<CheckClusterList>;
  /** `GET /export?format=`: every readable cluster as one file. */
  exportReadiness(format: ReadinessExportFormat): Promise<ReadinessExport>;
}

/** @public */
export const clusterReadinessApiRef = createApiRef<ClusterReadinessApi>().with({
  id: 'plugin.cluster-readiness.service',
  pluginId: 'cluster-readiness',
});
