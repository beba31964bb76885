import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CheckClusterList,
  checkMetadata,
  ClusterList,
  clusterNameProblem,
  ClusterSummary,
  clusterReadinessRefreshPermission,
  ComponentCluster,
  csvField,
  EntityReadiness,
  Grade,
  gradeLabel,
  KUBERNETES_ID_LABEL,
  parseClusterSnapshot,
  ReadinessCheck,
  SnapshotValidationError,
  SNAPSHOT_API_VERSION,
  toSarif,
} from '@cluster-readiness/backstage-plugin-common';
import { readSnapshot } from '@cluster-readiness/backstage-plugin-node';
import express from 'express';
import Router from 'express-promise-router';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { ClusterReadinessConfig } from '../config';
import type { ReadinessStore } from '../database/ReadinessStore';
import { ReadinessAccess } from './ReadinessAccess';
import type { ReadinessService } from './ReadinessService';
import { toSummary } from './ReadinessService';
import { jsonBody } from './jsonBody';
import { fleetAggregates } from './fleetAggregates';
import {
  checkClustersQuery,
  checkCursorAfter,
  checkCursorPosition,
  clusterCursorAfter,
  clusterCursorPosition,
  clusterListQuery,
  fleetFilter,
  fleetQuery,
} from './fleetQuery';

/** @public */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Our own service credentials, to resolve permission conditions in the catalog. */
  auth: AuthService;
  logger?: LoggerService;
  permissions: PermissionsService;
  catalog: CatalogService;
  service: ReadinessService;
  store: ReadinessStore;
  config: ClusterReadinessConfig;
  checks: () => readonly ReadinessCheck[];
  /** Clusters per page of an export (default 100). */
  exportPageSize?: number;
}

const EXPORT_PAGE_SIZE = 100;

const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });
const exportQuery = z.object({ format: z.enum(['json', 'csv', 'sarif']).default('json') });
const clusterName = z.string().superRefine((name, ctx) => {
  const problem = clusterNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const entityParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(`Invalid ${what}${issue.path.length ? ` '${issue.path.join('.')}'` : ''}: ${issue.message}`);
  }
  return result.data;
}

/**
 * The REST API under `/api/cluster-readiness`. Every route but `/health` needs
 * Backstage credentials; reads are filtered by `cluster-readiness.cluster.read` on the
 * cluster's catalog entity.
 * @public
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, catalog, service, store, config } = options;
  const router = Router();

  const access = new ReadinessAccess({
    permissions,
    catalog,
    service,
    store,
    auth: options.auth,
    logger: options.logger,
  });
  const allowed = access.allowed.bind(access);
  const readableSummaries = access.readableSummaries.bind(access);
  const readableCluster = access.readableCluster.bind(access);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/checks', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: options.checks().map(checkMetadata) });
  });

  router.get('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parse(clusterListQuery, req.query, 'query parameter');
    if (query.cursor && query.offset !== undefined) {
      throw new InputError("Invalid query parameters: pass 'cursor' or 'offset' (deprecated), not both");
    }
    const after = query.cursor ? clusterCursorPosition(query.cursor, query.sort, query.order) : undefined;
    const page = await store.queryClusters({
      filter: fleetFilter(query),
      readable: await access.readableScope(credentials),
      sort: query.sort,
      order: query.order,
      limit: query.limit,
      after,
      offset: query.offset,
    });
    const body: ClusterList = {
      items: page.items.map(row => toSummary(row)),
      totalItems: page.totalItems,
      ...(page.next ? { nextCursor: clusterCursorAfter(query.sort, query.order, page.next) } : {}),
    };
    res.json(body);
  });

  router.get('/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parse(fleetQuery, req.query, 'query parameter');
    const checks = options.checks().map(checkMetadata);
    const counts = await store.fleetCounts({
      filter: fleetFilter(query),
      readable: await access.readableScope(credentials),
      checkIds: checks.map(c => c.id),
      checks: query.checks,
    });
    res.json(fleetAggregates(counts, checks));
  });

  router.get('/checks/:id/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const checkId = req.params.id;
    if (!options.checks().some(c => c.id === checkId)) {
      throw new NotFoundError(`No check '${checkId}'`);
    }
    const query = parse(checkClustersQuery, req.query, 'query parameter');
    const page = await store.queryCheckResults({
      checkId,
      filter: fleetFilter(query),
      readable: await access.readableScope(credentials),
      statuses: query.status,
      limit: query.limit,
      after: query.cursor ? checkCursorPosition(query.cursor, checkId) : undefined,
    });
    const body: CheckClusterList = {
      checkId,
      counts: page.counts,
      items: page.items.map(item => ({ ...item, cluster: toSummary(item.cluster) })),
      totalItems: page.totalItems,
      ...(page.next ? { nextCursor: checkCursorAfter(checkId, page.next) } : {}),
    };
    res.json(body);
  });

  router.get('/clusters/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const name = parse(clusterName, req.params.name, 'cluster name');
    const summary = await readableCluster(credentials, name);
    res.json({ ...summary, report: await store.getReport(name) });
  });

  router.get('/clusters/:name/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const name = parse(clusterName, req.params.name, 'cluster name');
    const { limit } = parse(limitQuery, req.query, 'query parameter');
    await readableCluster(credentials, name);
    res.json({ items: await store.getHistory(name, { limit }) });
  });

  router.get('/clusters/:name/drift', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const name = parse(clusterName, req.params.name, 'cluster name');
    const { limit } = parse(limitQuery, req.query, 'query parameter');
    await readableCluster(credentials, name);
    res.json({ items: await store.getDrift(name, { limit }) });
  });

  router.post('/clusters/:name/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const name = parse(clusterName, req.params.name, 'cluster name');
    const summary = await readableCluster(credentials, name);
    const [permitted] = await allowed(credentials, [summary], clusterReadinessRefreshPermission);
    if (!permitted) throw new NotAllowedError(`Not allowed to refresh cluster '${name}'`);
    const refreshed = await service.refreshCluster(name);
    if (!refreshed) throw new NotFoundError(`No source knows cluster '${name}' any more`);
    res.json({ ...toSummary(refreshed), owner: summary.owner, system: summary.system, entityRef: summary.entityRef });
  });

  router.post(
    '/snapshots',
    jsonBody(config.push.maxBytes),
    // kubectl output as YAML, and support bundles (.tar.gz), as they are.
    express.raw({
      limit: config.push.maxBytes,
      type: [
        'application/yaml',
        'application/x-yaml',
        'text/yaml',
        'application/gzip',
        'application/x-gzip',
        'application/x-tar',
        'application/octet-stream',
      ],
    }),
    async (req, res) => {
      await httpAuth.credentials(req, { allow: ['service'] });
      const snapshot = await pushedSnapshot(req.body, req.query.cluster);
      const nameProblem = clusterNameProblem(snapshot.cluster.name);
      if (nameProblem) throw new InputError(`snapshot: cluster.name: ${nameProblem}`);
      const stored = await service.acceptSnapshot(snapshot);
      res.status(201).json(toSummary(stored));
    },
  );

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const params = parse(entityParams, req.params, 'entity');
    const entityRef = stringifyEntityRef(params).toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const kind = entity.kind.toLocaleLowerCase('en-US');
    const readable = kind === 'resource' ? [] : await readableSummaries(credentials);
    let body: EntityReadiness;
    if (kind === 'resource') {
      const summary = await access.readableClusterOfEntity(credentials, entity);
      body = {
        kind: 'cluster',
        entityRef,
        cluster: summary ? { ...summary, report: await store.getReport(summary.name) } : null,
      };
    } else if (kind === 'group') {
      const clusters = readable.filter(c => c.owner === entityRef);
      const scored = clusters.filter(c => c.score !== null);
      const grades: Partial<Record<Grade, number>> = {};
      for (const c of clusters) if (c.grade) grades[c.grade] = (grades[c.grade] ?? 0) + 1;
      body = {
        kind: 'group',
        entityRef,
        clusters,
        rollup: {
          clusters: clusters.length,
          averageScore: scored.length ? Math.round(scored.reduce((s, c) => s + c.score!, 0) / scored.length) : null,
          grades,
          stale: clusters.filter(c => c.stale).length,
        },
      };
    } else {
      body = await componentReadiness(entity, entityRef, readable);
    }
    res.json(body);
  });

  async function componentReadiness(entity: Entity, entityRef: string, readable: ClusterSummary[]): Promise<EntityReadiness> {
    const kubernetesId = entity.metadata.annotations?.[KUBERNETES_ID_LABEL];
    const dependsOn = new Set(
      (entity.relations ?? []).filter(r => r.type === RELATION_DEPENDS_ON).map(r => r.targetRef),
    );
    // One query for every readable cluster's findings for this workload.
    const workloadsByCluster = kubernetesId
      ? await store.getWorkloadsFor(readable.map(c => c.name), kubernetesId)
      : new Map();
    const clusters: ComponentCluster[] = [];
    for (const summary of readable) {
      const via: ComponentCluster['via'] = [];
      if (summary.entityRef && dependsOn.has(summary.entityRef)) via.push('dependsOn');
      const workloads = workloadsByCluster.get(summary.name);
      if (workloads) via.push('pods');
      if (via.length) clusters.push({ cluster: summary, via, workloads });
    }
    return { kind: 'component', entityRef, kubernetesId, clusters };
  }

  router.get('/export', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { format } = parse(exportQuery, req.query, 'query parameter');
    const readable = await readableSummaries(credentials);
    const stamp = new Date().toISOString().slice(0, 10);
    const extension = format === 'sarif' ? 'sarif' : format;
    res.setHeader('content-disposition', `attachment; filename="cluster-readiness-${stamp}.${extension}"`);
    const pageSize = options.exportPageSize ?? EXPORT_PAGE_SIZE;
    const pages = format === 'csv' ? csvExport(readable) : reportExport(format, readable, pageSize);
    res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    // Page by page, waiting for the client to take each: memory stays flat whatever the fleet.
    // One page buffered ahead at most (object mode counts pages, not bytes).
    await pipeline(Readable.from(pages, { highWaterMark: 1 }), res);
  });

  /** CSV rows, a page at a time. */
  async function* csvExport(readable: ClusterSummary[]): AsyncGenerator<string> {
    const categoryIds = ['control-plane', 'nodes', 'access', 'resource-limits'];
    const header = [
      'cluster', 'entity', 'owner', 'distribution', 'score', 'grade', 'grade_cap', 'uncapped_grade', 'grade_label', 'coverage',
      ...categoryIds, ...categoryIds.map(id => `${id}_grade`), 'evaluated_at', 'state', 'error',
    ];
    yield `${header.join(',')}\n`;
    const pageSize = options.exportPageSize ?? EXPORT_PAGE_SIZE;
    for (let i = 0; i < readable.length; i += pageSize) {
      let page = '';
      for (const c of readable.slice(i, i + pageSize)) {
        const cat = (id: string) => c.categories.find(x => x.id === id);
        page += `${[
          c.name, c.entityRef, c.owner, c.distribution, c.score, c.grade, c.gradeCap?.by, c.gradeCap?.uncapped, c.evaluatedAt ? gradeLabel(c) : '', c.coverage,
          ...categoryIds.map(id => cat(id)?.score),
          ...categoryIds.map(id => { const x = cat(id); return x ? gradeLabel(x) : ''; }),
          c.evaluatedAt, c.state, c.error,
        ]
          .map(csvField)
          .join(',')}\n`;
      }
      yield page;
    }
  }

  /** SARIF (one run per cluster) or JSON (`{ clusters, reports }`), reports read a page at a time. */
  async function* reportExport(
    format: 'json' | 'sarif',
    readable: ClusterSummary[],
    pageSize: number,
  ): AsyncGenerator<string> {
    const metadata = options.checks().map(checkMetadata);
    if (format === 'sarif') {
      const { runs: _none, ...head } = toSarif([], metadata) as { runs: unknown[] };
      yield `${JSON.stringify(head).slice(0, -1)},"runs":[`;
    } else {
      yield `{"clusters":${JSON.stringify(readable)},"reports":[`;
    }
    let first = true;
    for (let i = 0; i < readable.length; i += pageSize) {
      const reports = await store.getReports(readable.slice(i, i + pageSize).map(c => c.name));
      const items =
        format === 'sarif'
          ? (toSarif(reports, metadata) as { runs: Array<{ properties?: object }> }).runs.map((run, j) => {
              // Each run is one cluster: it says how that cluster was graded and as what.
              const r = reports[j];
              return {
                ...run,
                properties: {
                  cluster: r.cluster.name,
                  distribution: r.distribution?.name ?? null,
                  score: r.score,
                  grade: r.grade,
                  gradeCap: r.gradeCap ?? null,
                  gradeLabel: gradeLabel(r),
                  coverage: r.coverage,
                  ...run.properties,
                },
              };
            })
          : reports;
      // One cluster at a time: small strings the young generation collects at once,
      // instead of a page-sized string per page.
      for (const item of items) {
        yield `${first ? '' : ','}${JSON.stringify(item)}`;
        first = false;
      }
    }
    yield ']}';
  }

  return router;
}

/**
 * A pushed body: a ClusterSnapshot (JSON), or what `evaluate` reads — a kubectl List,
 * typed lists, YAML, a support bundle — named by `?cluster=`.
 */
async function pushedSnapshot(body: unknown, cluster: unknown) {
  const name = typeof cluster === 'string' && cluster ? cluster : undefined;
  try {
    if (
      body &&
      typeof body === 'object' &&
      !Buffer.isBuffer(body) &&
      ((body as { kind?: unknown }).kind === 'ClusterSnapshot' ||
        (body as { apiVersion?: unknown }).apiVersion === SNAPSHOT_API_VERSION)
    ) {
      return parseClusterSnapshot(body, 'snapshot');
    }
    if (!name) {
      throw new InputError(
        'cluster: pass ?cluster=NAME to push kubectl output or a support bundle (only a ClusterSnapshot names its cluster)',
      );
    }
    const bytes = Buffer.isBuffer(body)
      ? body
      : Buffer.from(JSON.stringify(body ?? null));
    return await readSnapshot(Readable.from([bytes]), {
      source: 'snapshot',
      clusterName: name,
    });
  } catch (e) {
    if (e instanceof SnapshotValidationError) throw new InputError(e.message);
    throw e;
  }
}
