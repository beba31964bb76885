import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read a cluster's readiness report. A catalog-entity resource permission, so the
 * catalog's conditional rules (e.g. owner) apply to the cluster's entity.
 * @public
 */
export const clusterReadinessReadPermission = createPermission({
  name: 'cluster-readiness.cluster.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Trigger a refresh of a cluster's report.
 * @public
 */
export const clusterReadinessRefreshPermission = createPermission({
  name: 'cluster-readiness.cluster.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const clusterReadinessPermissions = [
  clusterReadinessReadPermission,
  clusterReadinessRefreshPermission,
];
