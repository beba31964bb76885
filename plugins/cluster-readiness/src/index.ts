/**
 * Kubernetes cluster production-readiness scorecards for Backstage (legacy frontend
 * system; the new frontend system uses `./alpha`).
 *
 * @packageDocumentation
 */
export {
  clusterReadinessPlugin,
  ClusterReadinessPage,
  EntityClusterReadinessCard,
  EntityClusterReadinessContent,
  EntityComponentReadinessCard,
  EntityComponentReadinessContent,
  EntityGroupReadinessCard,
} from './plugin';
export { checkRouteRef, rootRouteRef } from './routes';
export {
  isKubernetesClusterEntity,
  KUBERNETES_CLUSTER_TYPE,
} from './isKubernetesClusterEntity';
export { ClusterReadinessClient, clusterReadinessApiRef } from './api';
export type {
  ClusterReadinessApi,
  ListCheckClustersRequest,
  ListClustersRequest,
  ReadinessExport,
  ReadinessExportFormat,
} from './api';
