import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ClusterReadinessClient, clusterReadinessApiRef } from './api';
import { checkRouteRef, rootRouteRef } from './routes';

/**
 * The Cluster Readiness frontend plugin for the legacy frontend system.
 * @public
 */
export const clusterReadinessPlugin = createPlugin({
  id: 'cluster-readiness',
  apis: [
    createApiFactory({
      api: clusterReadinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ClusterReadinessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, check: checkRouteRef },
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

/**
 * The "Readiness" tab of a cluster entity (Resource of type kubernetes-cluster);
 * mount it under `EntityLayout.Route path="/readiness"`.
 * @public
 */
export const EntityClusterReadinessContent = clusterReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityClusterReadinessContent',
    component: {
      lazy: () =>
        import('./components/ClusterReadinessContent').then(
          m => m.ClusterReadinessContent,
        ),
    },
  }),
);

/**
 * The "Cluster readiness" tab of a Component; mount it under
 * `EntityLayout.Route path="/cluster-readiness"`.
 * @public
 */
export const EntityComponentReadinessContent = clusterReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityComponentReadinessContent',
    component: {
      lazy: () =>
        import('./components/ComponentReadinessContent').then(
          m => m.ComponentReadinessContent,
        ),
    },
  }),
);

/**
 * Overview card of a cluster entity.
 * @public
 */
export const EntityClusterReadinessCard = clusterReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityClusterReadinessCard',
    component: {
      lazy: () =>
        import('./components/ClusterReadinessCard').then(
          m => m.ClusterReadinessCard,
        ),
    },
  }),
);

/**
 * Overview card of a Component: the clusters it runs on.
 * @public
 */
export const EntityComponentReadinessCard = clusterReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityComponentReadinessCard',
    component: {
      lazy: () =>
        import('./components/ComponentReadinessCard').then(
          m => m.ComponentReadinessCard,
        ),
    },
  }),
);

/**
 * Overview card of a Group: its clusters rolled up.
 * @public
 */
export const EntityGroupReadinessCard = clusterReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupReadinessCard',
    component: {
      lazy: () =>
        import('./components/GroupReadinessCard').then(
          m => m.GroupReadinessCard,
        ),
    },
  }),
);
