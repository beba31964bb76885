/**
 * The signals channel on which the backend announces every finished refresh of a
 * cluster (`@backstage/plugin-signals`), so open pages reload it.
 * @public
 */
export const CLUSTER_READINESS_SIGNAL_CHANNEL = 'cluster-readiness';

/**
 * A finished refresh: which cluster and how it ended. Broadcast, so it carries no
 * readiness data; pages reload through the permission-checked API.
 * @public
 */
export type ClusterRefreshedSignal = {
  cluster: string;
  entityRef: string | null;
  state: string;
  refreshedAt: string | null;
};
