import type { Entity } from '@backstage/catalog-model';

/** `spec.type` of the catalog Resources that are Kubernetes clusters. @public */
export const KUBERNETES_CLUSTER_TYPE = 'kubernetes-cluster';

/**
 * True for a Resource of `spec.type: kubernetes-cluster`: the entities that get the
 * "Readiness" tab and card. Use it with `EntitySwitch.Case if={...}` in a legacy app.
 * @public
 */
export function isKubernetesClusterEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    typeof entity.spec?.type === 'string' &&
    entity.spec.type.toLocaleLowerCase('en-US') === KUBERNETES_CLUSTER_TYPE
  );
}
