export { clusterReadinessApiRef } from './ClusterReadinessApi';
export type {
  ClusterReadinessApi,
  ListCheckClustersRequest,
  ListClustersRequest,
  ReadinessExport,
  ReadinessExportFormat,
} from './ClusterReadinessApi';
export { ClusterReadinessClient } from './ClusterReadinessClient';
