import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'cluster-readiness' });

/**
 * The page of one check: `/checks/:checkId` under the plugin's page.
 * @public
 */
export const checkRouteRef = createSubRouteRef({
  id: 'cluster-readiness/check',
  parent: rootRouteRef,
  path: '/checks/:checkId',
});

/** Path of the "Readiness" tab on cluster entity pages, relative to the entity page. */
export const CLUSTER_TAB_PATH = 'readiness';

/** Path of the "Cluster readiness" tab on component entity pages. */
export const COMPONENT_TAB_PATH = 'cluster-readiness';
