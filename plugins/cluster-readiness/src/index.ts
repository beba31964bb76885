/**
 * Kubernetes cluster production-readiness scorecards for Backstage (legacy frontend
 * system; the new frontend system uses `./alpha`).
 *
 * @packageDocumentation
 */
export { clusterReadinessPlugin, ClusterReadinessPage } from './plugin';
export { rootRouteRef } from './routes';
