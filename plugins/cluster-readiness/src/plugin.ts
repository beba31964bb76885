import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/**
 * The Cluster Readiness frontend plugin for the legacy frontend system.
 * @public
 */
export const clusterReadinessPlugin = createPlugin({
  id: 'cluster-readiness',
  routes: { root: rootRouteRef },
});

/**
 * The organisation page; mount it at `/cluster-readiness`.
 * @public
 */
export const ClusterReadinessPage = clusterReadinessPlugin.provide(
  createRoutableExtension({
    name: 'ClusterReadinessPage',
    component: () =>
      import('./components/ClusterReadinessPage').then(
        m => m.ClusterReadinessPage,
      ),
    mountPoint: rootRouteRef,
  }),
);
