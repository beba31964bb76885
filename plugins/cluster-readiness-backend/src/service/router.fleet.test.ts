import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BUILTIN_CHECKS,
  CheckClusterList,
  ClusterList,
  ClusterSummary,
  FleetAggregates,
  Grade,
} from '@cluster-readiness/backstage-plugin-common';
import express from 'express';
import request from 'supertest';
import type { ClusterReadinessConfig } from '../config';
import { fleetReport as report } from '../__testUtils__/fleetReports';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { createRouter } from './router';
import type { ReadinessService } from './ReadinessService';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const team = (t: string) => `group:default/${t}`;
const ref = (name: string) => `resource:default/${name}`;
type Seed = {
  name: string;
  owner?: string;
  system?: string;
  score?: number;
  grade?: Grade | null;
  coverage?: number;
  workers?: number;
  waived?: boolean;
  failed?: boolean;
};

/** 24 clusters: three teams, two systems, scores with ties, a few failed and pending. */
const FLEET: Seed[] = Array.from({ length: 24 }, (_, i): Seed => {
  const name = `c${String(i).padStart(2, '0')}`;
  const owner = team(['alpha', 'beta', 'gamma'][i % 3]);
  const system =
    i % 4 === 0 ? undefined : `system:default/${i % 2 ? 'pay' : 'web'}`;
  if (i >= 21) return { name, owner, system }; // pending
  if (i === 20) return { name, owner, system, failed: true }; // error, no report
  const grades: Array<Grade | null> = ['A', 'B', 'C', 'D', 'F', null];
  return {
    name,
    owner,
    system,
    score: 50 + (i % 5) * 10,
    grade: grades[i % 6],
    coverage: 0.5 + (i % 4) * 0.1,
    workers: 1 + (i % 3),
    waived: i % 7 === 0,
    failed: i === 5,
  };
});

async function seed(store: DatabaseReadinessStore) {
  for (const c of FLEET) {
    const base = {
      clusterName: c.name,
      entityRef: ref(c.name),
      owner: c.owner,
      system: c.system,
    };
    if (c.workers) {
      await store.saveEvaluation({
        ...base,
        source: 'pushed',
        report: report(
          c.name,
          c.workers,
          { score: c.score!, grade: c.grade!, coverage: c.coverage! },
          c.waived,
        ),
        workloads: {},
        refreshedAt: '2026-11-22T00:00:00Z',
      });
    }
    if (c.failed)
      await store.markFailed({
        ...base,
        source: 'live',
        error: 'unreachable',
        refreshedAt: '2026-11-22T00:00:00Z',
      });
  }
  await store.syncKnownClusters(
    FLEET.map(c => ({
      clusterName: c.name,
      entityRef: ref(c.name),
      owner: c.owner,
      system: c.system,
      source: 'pushed' as const,
    })),
  );
}

/** Alice may read the clusters of team alpha only (a condition decided in batches). */
const alphaRefs = new Set(
  FLEET.filter(c => c.owner === team('alpha')).map(c => ref(c.name)),
);
const isAlice = (credentials: unknown) =>
  (credentials as { principal?: { userEntityRef?: string } }).principal
    ?.userEntityRef === 'user:default/alice';

async function app() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  await seed(store);
  const router = await createRouter({
    auth: mockServices.auth(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions.mock({
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(() =>
          isAlice(credentials)
            ? {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'catalog',
                resourceType: 'catalog-entity',
                conditions: {
                  rule: 'NOT_A_CATALOG_RULE',
                  resourceType: 'catalog-entity',
                  params: {},
                },
              }
            : { result: AuthorizeResult.ALLOW },
        ),
      authorize: async requests =>
        requests.map(r => ({
          result:
            'resourceRef' in r && alphaRefs.has(r.resourceRef as string)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    }),
    catalog: catalogServiceMock({ entities: [] }),
    service: { clusters: async () => [] } as unknown as ReadinessService,
    store,
    config: {
      push: { maxBytes: 1_000_000, allowClusters: [] },
    } as unknown as ClusterReadinessConfig,
    checks: () => BUILTIN_CHECKS,
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return express().use(router).use(middleware.error());
}

describe('fleet routes: GET /clusters, GET /fleet, GET /checks/:id/clusters', () => {
  let server: express.Express;
  beforeAll(async () => {
    server = await app();
  }, 60_000);

  const get = (path: string, user = 'admin') =>
    request(server)
      .get(path)
      .set(
        'authorization',
        mockCredentials.user.header(`user:default/${user}`),
      );
  const names = (body: { items: ClusterSummary[] }) =>
    body.items.map(c => c.name);

  async function everyPage(
    path: string,
    user = 'admin',
  ): Promise<{ names: string[]; pages: number }> {
    const seen: string[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res = await get(
        `${path}${cursor ? `${sep}cursor=${cursor}` : ''}`,
        user,
      );
      expect([res.status, res.status === 200 ? null : res.body]).toEqual([
        200,
        null,
      ]);
      seen.push(...names(res.body));
      cursor = (res.body as ClusterList).nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(30);
    } while (cursor);
    return { names: seen, pages };
  }

  it('lists by name, 100 a page by default, with the filtered total and no cursor on the last page', async () => {
    const res = await get('/clusters');
    expect(res.status).toBe(200);
    const body = res.body as ClusterList;
    expect(body.totalItems).toBe(24);
    expect(names(body)).toEqual(FLEET.map(c => c.name));
    expect(body.nextCursor).toBeUndefined();
    expect(body.items[0]).toMatchObject({
      name: 'c00',
      owner: team('alpha'),
      entityRef: ref('c00'),
      score: 50,
      grade: 'A',
      state: 'ok',
    });
    expect(body.items[0]).not.toHaveProperty('report');
    expect(body.items[22]).toMatchObject({
      name: 'c22',
      state: 'pending',
      score: null,
      grade: null,
      counts: null,
    });
    expect(body.items[20]).toMatchObject({
      state: 'error',
      error: 'unreachable',
    });
    expect(body.items[5]).toMatchObject({ state: 'stale', stale: true });
  });

  it('filters by owner, system, grade, state, stale and q, repeatable, and counts the filtered set', async () => {
    const cases: Array<[string, (c: Seed) => boolean]> = [
      ['owner=group:default/alpha', c => c.owner === team('alpha')],
      [
        'owner=group:default/alpha&owner=group:default/gamma',
        c => c.owner !== team('beta'),
      ],
      ['system=system:default/pay', c => c.system === 'system:default/pay'],
      ['grade=A&grade=none', c => c.grade === 'A' || !c.grade],
      ['grade=none', c => !c.grade],
      ['state=pending', c => !c.workers && !c.failed],
      ['state=error&state=stale', c => !!c.failed],
      ['stale=true', c => c.name === 'c05'],
      ['stale=false', c => c.name !== 'c05'],
      ['q=GAMMA', c => c.owner === team('gamma')],
      ['q=c1', c => c.name.startsWith('c1')],
      [
        'owner=group:default/beta&grade=B&q=PAY',
        c =>
          c.owner === team('beta') &&
          c.grade === 'B' &&
          c.system === 'system:default/pay',
      ],
    ];
    for (const [query, pick] of cases) {
      const expected = FLEET.filter(pick).map(c => c.name);
      expect(expected.length).toBeGreaterThan(0);
      const res = await get(`/clusters?${query}`);
      expect([query, res.status, names(res.body), res.body.totalItems]).toEqual(
        [query, 200, expected, expected.length],
      );
    }
  });

  it('sorts by every key both ways and pages by cursor through exactly the full list', async () => {
    for (const sort of [
      'name',
      'score',
      'coverage',
      'owner',
      'system',
      'evaluatedAt',
    ]) {
      for (const order of ['asc', 'desc']) {
        const whole = await get(
          `/clusters?sort=${sort}&order=${order}&limit=1000`,
        );
        expect(whole.status).toBe(200);
        const paged = await everyPage(
          `/clusters?sort=${sort}&order=${order}&limit=5`,
        );
        expect([sort, order, paged.names]).toEqual([
          sort,
          order,
          names(whole.body),
        ]);
        expect(paged.pages).toBe(5);
        expect(new Set(paged.names).size).toBe(24);
      }
    }
    // Scores descending, clusters without one last, ties by name.
    const byScore = names(
      (await get('/clusters?sort=score&order=desc&limit=1000')).body,
    );
    expect(byScore.slice(0, 4)).toEqual(['c04', 'c09', 'c14', 'c19']);
    expect(byScore.slice(-4)).toEqual(['c20', 'c21', 'c22', 'c23']);
    // A cursor keeps the filter it is used with.
    const alpha = await everyPage(
      '/clusters?owner=group:default/alpha&sort=score&limit=3',
    );
    expect(alpha.names.sort()).toEqual(
      FLEET.filter(c => c.owner === team('alpha')).map(c => c.name),
    );
  });

  it('keeps offset paging for old clients', async () => {
    const res = await get('/clusters?sort=name&limit=5&offset=20');
    expect(names(res.body)).toEqual(['c20', 'c21', 'c22', 'c23']);
    expect(res.body.totalItems).toBe(24);
  });

  it('answers one clear 400 for each bad parameter', async () => {
    const cursor = (await get('/clusters?sort=score&limit=2')).body
      .nextCursor as string;
    const bad: Array<[string, RegExp]> = [
      ['/clusters?limit=0', /limit/],
      ['/clusters?limit=1001', /limit/],
      ['/clusters?limit=ten', /limit/],
      ['/clusters?sort=size', /sort/],
      ['/clusters?order=up', /order/],
      ['/clusters?grade=E', /grade/],
      ['/clusters?state=gone', /state/],
      ['/clusters?stale=maybe', /stale/],
      ['/clusters?offset=-1', /offset/],
      [
        '/clusters?cursor=not-a-cursor',
        /cursor.*not a cursor this API gave out/,
      ],
      [
        `/clusters?cursor=${Buffer.from(
          '{"s":"score","o":"asc","v":"x","n":"c01"}',
        ).toString('base64url')}`,
        /cursor/,
      ],
      [
        `/clusters?cursor=${cursor}&sort=name`,
        /cursor.*sort=score&order=asc, not sort=name&order=asc/,
      ],
      [`/clusters?sort=score&cursor=${cursor}&offset=2`, /cursor.*offset/],
      ['/fleet?checks=101', /checks/],
      ['/fleet?grade=Z', /grade/],
      ['/checks/nodes.worker-count/clusters?status=broken', /status/],
      ['/checks/nodes.worker-count/clusters?cursor=abc', /cursor/],
      [
        `/checks/nodes.worker-count/clusters?cursor=${Buffer.from(
          '{"c":"nodes.zone-spread","s":"fail","n":"c01"}',
        ).toString('base64url')}`,
        /cursor.*nodes.zone-spread/,
      ],
    ];
    for (const [path, message] of bad) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.stack).toBeUndefined();
    }
    // The cursor of a valid sort continues with that sort.
    expect(
      (await get(`/clusters?sort=score&limit=2&cursor=${cursor}`)).status,
    ).toBe(200);
  });

  it('aggregates every readable cluster matching the filter', async () => {
    const res = await get('/fleet');
    expect(res.status).toBe(200);
    const body = res.body as FleetAggregates;
    const scored = FLEET.filter(c => c.score !== undefined);
    expect(body.totalClusters).toBe(24);
    expect(body.averageScore).toBe(
      Math.round(scored.reduce((s, c) => s + c.score!, 0) / scored.length),
    );
    expect(body.grades).toEqual({
      A: FLEET.filter(c => c.grade === 'A').length,
      B: FLEET.filter(c => c.grade === 'B').length,
      C: FLEET.filter(c => c.grade === 'C').length,
      D: FLEET.filter(c => c.grade === 'D').length,
      F: FLEET.filter(c => c.grade === 'F').length,
      none: FLEET.filter(c => !c.grade).length,
    });
    expect(body.states).toEqual({
      ok: 19,
      stale: 1,
      error: 1,
      'needs-user-credentials': 0,
      pending: 3,
    });
    expect(body.stale).toBe(1);
    expect(body.owners.map(o => [o.key, o.clusters, o.unread])).toEqual([
      [team('alpha'), 8, 1],
      [team('beta'), 8, 1],
      [team('gamma'), 8, 2], // c20 failed without a report, c23 pending
    ]);
    expect(body.systems.map(s => s.key)).toEqual([
      'system:default/pay',
      'system:default/web',
      null,
    ]);
    const alphaScored = FLEET.filter(
      c => c.owner === team('alpha') && c.score !== undefined,
    );
    expect(body.owners[0].averageScore).toBe(
      Math.round(
        alphaScored.reduce((s, c) => s + c.score!, 0) / alphaScored.length,
      ),
    );
    expect(body.mostFailedChecks).toHaveLength(3);
    expect(body.mostFailedChecks[0]).toEqual({
      checkId: 'nodes.zone-spread',
      title: expect.any(String),
      category: 'nodes',
      severity: expect.any(String),
      failing: 20,
      warning: 0,
      waived: 0,
    });
    const workerCount = body.mostFailedChecks.find(
      c => c.checkId === 'nodes.worker-count',
    )!;
    const reported = FLEET.filter(c => c.workers);
    // A waiver in force counts as waived whatever the status (as the report's counts do).
    expect(workerCount.waived).toBe(reported.filter(c => c.waived).length);
    expect(workerCount.failing).toBe(
      reported.filter(c => !c.waived && c.workers === 1).length,
    );
    expect(workerCount.warning).toBe(
      reported.filter(c => !c.waived && c.workers === 2).length,
    );
    expect(
      (await get('/fleet?checks=1')).body.mostFailedChecks.map(
        (c: { checkId: string }) => c.checkId,
      ),
    ).toEqual(['nodes.zone-spread']);
    const beta = (await get('/fleet?owner=group:default/beta&stale=false'))
      .body as FleetAggregates;
    expect(beta.totalClusters).toBe(8);
    expect(beta.owners.map(o => o.key)).toEqual([team('beta')]);
  });

  it("pages a check's clusters worst first, 404 for an unknown check", async () => {
    expect((await get('/checks/nodes.nope/clusters')).status).toBe(404);
    const first = (await get('/checks/nodes.worker-count/clusters?limit=4'))
      .body as CheckClusterList;
    expect(first.checkId).toBe('nodes.worker-count');
    expect(first.totalItems).toBe(20);
    const all: CheckClusterList['items'] = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (
        await get(
          `/checks/nodes.worker-count/clusters?limit=4&cursor=${cursor}`,
        )
      ).body as CheckClusterList;
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(all).toHaveLength(20);
    const rank = ['fail', 'warn', 'unknown', 'pass', 'not-applicable'];
    const keys = all.map(
      i => [rank.indexOf(i.status), i.cluster.name] as const,
    );
    expect(keys).toEqual(
      [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)),
    );
    expect(
      first.counts.fail +
        first.counts.warn +
        first.counts.pass +
        first.counts.waived,
    ).toBe(20);
    expect(all.find(i => i.cluster.name === 'c07')?.waiver).toMatchObject({
      check: 'nodes.worker-count',
      expired: false,
    });
    const warned = (
      await get(
        '/checks/nodes.worker-count/clusters?status=warn&status=fail&owner=group:default/beta',
      )
    ).body as CheckClusterList;
    expect(
      warned.items.every(
        i =>
          ['warn', 'fail'].includes(i.status) &&
          i.cluster.owner === team('beta'),
      ),
    ).toBe(true);
    expect(warned.totalItems).toBe(warned.items.length);
    expect(warned.totalItems).toBeGreaterThan(0);
  });

  it('gives a filtering user exactly their clusters on every fleet route', async () => {
    const alpha = FLEET.filter(c => c.owner === team('alpha')).map(c => c.name);
    const list = await everyPage(
      '/clusters?limit=3&sort=score&order=desc',
      'alice',
    );
    expect(list.names.sort()).toEqual(alpha);
    expect(
      (await get('/clusters?owner=group:default/beta', 'alice')).body
        .totalItems,
    ).toBe(0);
    const fleet = (await get('/fleet', 'alice')).body as FleetAggregates;
    expect(fleet.totalClusters).toBe(alpha.length);
    expect(fleet.owners.map(o => o.key)).toEqual([team('alpha')]);
    const check = (
      await get('/checks/nodes.zone-spread/clusters?limit=100', 'alice')
    ).body as CheckClusterList;
    expect(check.items.every(i => alpha.includes(i.cluster.name))).toBe(true);
    expect(check.totalItems).toBe(
      FLEET.filter(c => c.owner === team('alpha') && c.workers).length,
    );
    expect((await get('/clusters/c00', 'alice')).status).toBe(200);
    expect((await get('/clusters/c01', 'alice')).status).toBe(403);
    expect((await get('/clusters/c22/history', 'alice')).status).toBe(403);
    expect((await get('/clusters/c21', 'alice')).body).toMatchObject({
      name: 'c21',
      state: 'pending',
    });
    expect((await get('/clusters/nope', 'alice')).status).toBe(404);
  });
});
