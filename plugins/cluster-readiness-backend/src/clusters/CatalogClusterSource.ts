import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseWaiversText } from '@cluster-readiness/backstage-plugin-node';
import type { ClusterDescriptor, ClusterSource } from './ClusterSource';

/** Annotation with a YAML/JSON list of waivers on a cluster entity. @public */
export const WAIVERS_ANNOTATION = 'cluster-readiness.io/waivers';
/** Annotation declaring the control plane `managed` or `self-hosted`. @public */
export const CONTROL_PLANE_ANNOTATION = 'cluster-readiness.io/control-plane';

/**
 * The catalog's `Resource` entities with `spec.type: kubernetes-cluster`. The catalog
 * names clusters and owners; it never supplies connection details or credentials
 * (those stay with the Kubernetes plugin's configuration), so an entity cannot point a
 * configured credential at another host.
 * @public
 */
export class CatalogClusterSource implements ClusterSource {
  readonly id = 'catalog';

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  async listClusters(): Promise<ClusterDescriptor[]> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' } },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items.map(entity => this.toDescriptor(entity));
  }

  private toDescriptor(entity: Entity): ClusterDescriptor {
    const ref = getCompoundEntityRef(entity);
    const annotations = entity.metadata.annotations ?? {};
    const owner = entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef
      ?? (typeof entity.spec?.owner === 'string'
        ? stringifyEntityRef(parseEntityRef(entity.spec.owner, { defaultKind: 'group', defaultNamespace: ref.namespace }))
        : undefined);
    const system = typeof entity.spec?.system === 'string'
      ? stringifyEntityRef(parseEntityRef(entity.spec.system, { defaultKind: 'system', defaultNamespace: ref.namespace }))
      : undefined;
    const descriptor: ClusterDescriptor = {
      name: entity.metadata.name,
      entityRef: stringifyEntityRef(entity),
      owner,
      system,
    };
    const cp = annotations[CONTROL_PLANE_ANNOTATION];
    if (cp === 'managed' || cp === 'self-hosted') descriptor.controlPlane = cp;
    const waivers = annotations[WAIVERS_ANNOTATION];
    if (waivers) {
      try {
        descriptor.waivers = parseWaiversText(waivers, `${descriptor.entityRef} annotation ${WAIVERS_ANNOTATION}`);
      } catch (e) {
        this.logger.warn(`Ignoring waivers: ${(e as Error).message}`);
      }
    }
    return descriptor;
  }
}
