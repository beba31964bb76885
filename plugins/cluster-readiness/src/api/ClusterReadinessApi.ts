import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  CheckMetadata,
  ClusterDetails,
  ClusterList,
  ClusterSummary,
  DriftEntry,
  EntityReadiness,
  Grade,
  HistoryEntry,
} from '@cluster-readiness/backstage-plugin-common';

/**
 * Query of `GET /clusters`. Every filter is optional; `grade` matches any of the
 * listed grades.
 * @public
 */
export interface ListClustersRequest {
  /** Owner entity ref, e.g. `group:default/platform-team`. */
  owner?: string;
  grade?: Grade[];
  stale?: boolean;
  offset?: number;
  /** 1–1000; the backend's default is 100. */
  limit?: number;
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
  /** `GET /export?format=`: every readable cluster as one file. */
  exportReadiness(format: ReadinessExportFormat): Promise<ReadinessExport>;
}

/** @public */
export const clusterReadinessApiRef = createApiRef<ClusterReadinessApi>().with({
  id: 'plugin.cluster-readiness.service',
  pluginId: 'cluster-readiness',
});
