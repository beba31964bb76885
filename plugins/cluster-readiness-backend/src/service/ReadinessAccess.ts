import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  ClusterSummary,
  clusterReadinessReadPermission,
  clusterReadinessRefreshPermission,
  ComponentCluster,
  EntityReadiness,
  Grade,
  KUBERNETES_ID_LABEL,
} from '@cluster-readiness/backstage-plugin-common';
import type { ReadinessStore } from '../database/ReadinessStore';
import {
  EntityRefAuthorizer,
  EntityRefDecision,
} from '../permissions/EntityRefAuthorizer';
import type { ReadinessService } from './ReadinessService';
import { toSummary } from './ReadinessService';

/**
 * What a caller may see and do, decided with the caller's own credentials: the same
 * rules as the REST API (`cluster-readiness.cluster.read` / `.refresh` on the
 * cluster's catalog entity; clusters without an entity need an unconditional allow).
 * Used by the actions so that an agent sees exactly what its user would.
 * @public
 */
export class ReadinessAccess {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      catalog: CatalogService;
      service: ReadinessService;
      store: ReadinessStore;
      /** Our own service credentials, to resolve permission conditions in the catalog. */
      auth: AuthService;
      logger?: LoggerService;
    },
  ) {
    this.authorizer = new EntityRefAuthorizer(options);
  }

  private readonly authorizer: EntityRefAuthorizer;

  /**
   * Which of these clusters the caller has the permission for: one conditional
   * decision (its conditions resolved in the catalog, or in batches), never one
   * request with every ref in it. Single clusters take the same path, so a policy's
   * conditions mean the same on every route.
   */
  async allowed(
    credentials: BackstageCredentials,
    clusters: ClusterSummary[],
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<ClusterSummary[]> {
    const refs = clusters.flatMap(c => (c.entityRef ? [c.entityRef] : []));
    const decision = await this.authorizer.decide(
      credentials,
      permission,
      refs,
    );
    if (decision.all) return clusters;
    // Clusters without a catalog entity: only an unconditional allow lets them through.
    return clusters.filter(
      c =>
        c.entityRef &&
        decision.refs.has(c.entityRef.toLocaleLowerCase('en-US')),
    );
  }

  /** Every cluster the caller may read. */
  async readableSummaries(
    credentials: BackstageCredentials,
  ): Promise<ClusterSummary[]> {
    return this.allowed(
      credentials,
      await this.options.service.summaries(),
      clusterReadinessReadPermission,
    );
  }

  /**
   * The caller's decision on the whole fleet, for the store to apply in its queries:
   * every cluster, or the clusters of these catalog entity refs.
   */
  async readableScope(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'> = clusterReadinessReadPermission,
  ): Promise<EntityRefDecision> {
    const { service, store } = this.options;
    // Clusters the sources know are recorded in the store (placeholders until read).
    await service.clusters();
    return this.authorizer.decide(credentials, permission, () =>
      store.listEntityRefs(),
    );
  }

  /** One stored (or pending) cluster by name, read by key. */
  private async findSummary(name: string): Promise<ClusterSummary | undefined> {
    const { service, store } = this.options;
    let row = await store.findCluster(name);
    if (!row) {
      // A source may know it and not have been recorded yet.
      await service.clusters();
      row = await store.findCluster(name);
    }
    return row ? toSummary(row) : undefined;
  }

  /**
   * The cluster of a catalog entity, if the caller may read it. When no known cluster
   * has the entity and it is a `kubernetes-cluster` Resource, the sources are read
   * again first: the catalog may have ingested it after the cluster list was cached.
   */
  async readableClusterOfEntity(
    credentials: BackstageCredentials,
    entity: Entity,
  ): Promise<ClusterSummary | undefined> {
    const { service } = this.options;
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const find = (summaries: ClusterSummary[]) =>
      summaries.find(
        c => c.entityRef?.toLocaleLowerCase('en-US') === entityRef,
      );
    let summary = find(await service.summaries());
    if (
      !summary &&
      entity.spec?.type === 'kubernetes-cluster' &&
      (await service.reloadClusters())
    ) {
      summary = find(await service.summaries());
    }
    if (!summary) return undefined;
    const [readable] = await this.allowed(
      credentials,
      [summary],
      clusterReadinessReadPermission,
    );
    return readable;
  }

  /** One cluster the caller may read; NotFoundError / NotAllowedError otherwise. */
  async readableCluster(
    credentials: BackstageCredentials,
    name: string,
  ): Promise<ClusterSummary> {
    const summary = await this.findSummary(name);
    if (!summary) throw new NotFoundError(`No cluster named '${name}'`);
    const [visible] = await this.allowed(
      credentials,
      [summary],
      clusterReadinessReadPermission,
    );
    if (!visible)
      throw new NotAllowedError(`Not allowed to read cluster '${name}'`);
    return summary;
  }

  /** Refreshes a cluster the caller may read and refresh, like `POST /clusters/:name/refresh`. */
  async refresh(
    credentials: BackstageCredentials,
    name: string,
  ): Promise<ClusterSummary> {
    const summary = await this.readableCluster(credentials, name);
    const [permitted] = await this.allowed(
      credentials,
      [summary],
      clusterReadinessRefreshPermission,
    );
    if (!permitted)
      throw new NotAllowedError(`Not allowed to refresh cluster '${name}'`);
    const refreshed = await this.options.service.refreshCluster(name);
    if (!refreshed)
      throw new NotFoundError(`No source knows cluster '${name}' any more`);
    const after = await this.options.store.findCluster(name);
    return after ? toSummary(after) : summary;
  }

  /** The readiness of a catalog entity, like `GET /entities/:kind/:namespace/:name`. */
  async entityReadiness(
    credentials: BackstageCredentials,
    ref: { kind: string; namespace: string; name: string },
  ): Promise<EntityReadiness> {
    const { catalog, store } = this.options;
    const entityRef = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (kind === 'resource') {
      const summary = await this.readableClusterOfEntity(credentials, entity);
      return {
        kind: 'cluster',
        entityRef,
        cluster: summary
          ? { ...summary, report: await store.getReport(summary.name) }
          : null,
      };
    }
    const readable = await this.readableSummaries(credentials);
    if (kind === 'group') {
      const clusters = readable.filter(c => c.owner === entityRef);
      const scored = clusters.filter(c => c.score !== null);
      const grades: Partial<Record<Grade, number>> = {};
      for (const c of clusters)
        if (c.grade) grades[c.grade] = (grades[c.grade] ?? 0) + 1;
      return {
        kind: 'group',
        entityRef,
        clusters,
        rollup: {
          clusters: clusters.length,
          averageScore: scored.length
            ? Math.round(
                scored.reduce((s, c) => s + c.score!, 0) / scored.length,
              )
            : null,
          grades,
          stale: clusters.filter(c => c.stale).length,
        },
      };
    }
    return this.componentReadiness(entity, entityRef, readable);
  }

  private async componentReadiness(
    entity: Entity,
    entityRef: string,
    readable: ClusterSummary[],
  ): Promise<EntityReadiness> {
    const kubernetesId = entity.metadata.annotations?.[KUBERNETES_ID_LABEL];
    const dependsOn = new Set(
      (entity.relations ?? [])
        .filter(r => r.type === RELATION_DEPENDS_ON)
        .map(r => r.targetRef),
    );
    const clusters: ComponentCluster[] = [];
    for (const summary of readable) {
      const via: ComponentCluster['via'] = [];
      if (summary.entityRef && dependsOn.has(summary.entityRef))
        via.push('dependsOn');
      const workloads = kubernetesId
        ? (await this.options.store.getWorkloads(summary.name))?.[kubernetesId]
        : undefined;
      if (workloads) via.push('pods');
      if (via.length) clusters.push({ cluster: summary, via, workloads });
    }
    return { kind: 'component', entityRef, kubernetesId, clusters };
  }
}
