import { createRouteRef } from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'cluster-readiness' });

/** Path of the "Readiness" tab on cluster entity pages, relative to the entity page. */
export const CLUSTER_TAB_PATH = 'readiness';

/** Path of the "Cluster readiness" tab on component entity pages. */
export const COMPONENT_TAB_PATH = 'cluster-readiness';
