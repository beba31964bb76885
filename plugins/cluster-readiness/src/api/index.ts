export { clusterReadinessApiRef } from './ClusterReadinessApi';
export type {
  ClusterReadinessApi,
  ListClustersRequest,
  ReadinessExport,
  ReadinessExportFormat,
} from './ClusterReadinessApi';
export { ClusterReadinessClient } from './ClusterReadinessClient';
