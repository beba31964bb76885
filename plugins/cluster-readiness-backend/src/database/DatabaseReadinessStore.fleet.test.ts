import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { CLUSTER_SORT_KEYS } from '@cluster-readiness/backstage-plugin-common';
import type { Grade } from '@cluster-readiness/backstage-plugin-common';
import { resolve } from 'node:path';
import type { EntityRefDecision } from '../permissions/EntityRefAuthorizer';
import {
  FLEET_WAIVER as waiver,
  fleetReport as report,
} from '../__testUtils__/fleetReports';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import type { ClusterQuery, StoredCluster } from './ReadinessStore';

/** SQLite always; PostgreSQL when scripts/postgres.sh exported a connection. */
const ids: TestDatabaseId[] = [
  'SQLITE_3',
  ...Object.keys(process.env)
    .map(
      k =>
        /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(
          k,
        )?.[1],
    )
    .filter((version): version is string => !!version)
    .map(version => `POSTGRES_${version}` as TestDatabaseId),
];
const migrations = resolve(__dirname, '../../migrations');
const databases = TestDatabases.create({ ids, disableDocker: true });
const FLEET_MIGRATION = '20261130150000_fleet_summaries.js';
// Seeding stores a dozen reports; on a shared PostgreSQL that can exceed Jest's 5 s default.
jest.setTimeout(30_000);

async function createStore(id: TestDatabaseId, fewClusters?: number) {
  const knex = await databases.init(id);
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
    fewClusters,
  });
  return { knex, store };
}

/**
 * Aggregates and check pages read a few clusters' results by key and scan the
 * results' indexes otherwise: both ways give the same answers.
 */
const WAYS = [
  ['by key', undefined],
  ['by index scan', 0],
] as const;

const team = (t: string) => `group:default/${t}`;

type Seed = {
  name: string;
  owner?: string;
  system?: string;
  score?: number | null;
  grade?: Grade | null;
  coverage?: number | null;
  collectedAt?: string;
  workers?: number;
  waived?: boolean;
  failed?: boolean;
  entity?: boolean;
};

/** A small fleet: scores with ties, missing grades, a stale, an error and two pending clusters. */
const FLEET: Seed[] = [
  {
    name: 'c01',
    owner: team('alpha'),
    system: 'system:default/pay',
    score: 90,
    grade: 'A',
    coverage: 0.9,
    workers: 3,
  },
  {
    name: 'c02',
    owner: team('alpha'),
    system: 'system:default/pay',
    score: 70,
    grade: 'C',
    coverage: 0.8,
    workers: 1,
  },
  {
    name: 'c03',
    owner: team('beta'),
    score: 70,
    grade: 'C',
    coverage: 0.6,
    workers: 2,
    waived: true,
  },
  {
    name: 'c04',
    owner: team('beta'),
    system: 'system:default/web',
    score: 40,
    grade: null,
    coverage: 0.3,
    workers: 1,
  },
  {
    name: 'c05',
    owner: team('gamma'),
    system: 'system:default/web',
    score: 85,
    grade: 'B',
    coverage: 0.7,
    workers: 1,
    failed: true,
  },
  {
    name: 'c06',
    score: 60,
    grade: 'D',
    coverage: 0.9,
    workers: 2,
    entity: false,
  },
  { name: 'c07', owner: team('gamma'), failed: true },
  {
    name: 'c08',
    owner: team('alpha'),
    system: 'system:default/pay',
    score: 90,
    grade: 'A',
    coverage: 1,
    workers: 3,
    collectedAt: '2026-11-21T10:00:00Z',
  },
];
const PENDING: Seed[] = [
  { name: 'c09', owner: team('beta') },
  { name: 'c10', system: 'system:default/web' },
];

const ref = (name: string) => `resource:default/${name}`;

async function seed(store: DatabaseReadinessStore) {
  for (const c of FLEET) {
    const base = {
      clusterName: c.name,
      entityRef: c.entity === false ? undefined : ref(c.name),
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
          {
            score: c.score!,
            grade: c.grade!,
            coverage: c.coverage!,
            collectedAt: c.collectedAt ?? '2026-11-20T10:00:00Z',
          },
          c.waived,
        ),
        workloads: {},
        refreshedAt: '2026-11-22T00:00:00Z',
      });
    }
    if (c.failed) {
      await store.markFailed({
        ...base,
        source: 'live',
        error: 'unreachable',
        refreshedAt: '2026-11-22T00:00:00Z',
      });
    }
  }
  await store.syncKnownClusters(
    [...FLEET.filter(c => c.entity !== false), ...PENDING].map(c => ({
      clusterName: c.name,
      entityRef: ref(c.name),
      owner: c.owner,
      system: c.system,
      source: 'pushed' as const,
    })),
  );
}

const ALL: EntityRefDecision = { all: true };
const names = (rows: Array<{ clusterName: string }>) =>
  rows.map(r => r.clusterName);

/** What each sort key sorts by, as the API promises: values missing last, ties by name. */
const sortValue: Record<
  (typeof CLUSTER_SORT_KEYS)[number],
  (c: StoredCluster) => string | number | null
> = {
  name: c => c.clusterName,
  score: c => c.score,
  coverage: c => c.coverage,
  owner: c => c.owner ?? null,
  system: c => c.system ?? null,
  evaluatedAt: c => c.evaluatedAt ?? null,
};

function expectedOrder(
  rows: StoredCluster[],
  sort: (typeof CLUSTER_SORT_KEYS)[number],
  order: 'asc' | 'desc',
) {
  const dir = order === 'asc' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const va = sortValue[sort](a);
      const vb = sortValue[sort](b);
      if (sort === 'name')
        return dir * (a.clusterName < b.clusterName ? -1 : 1);
      if (va === null || vb === null) {
        if (va !== vb) return va === null ? 1 : -1;
      } else if (va !== vb) {
        return dir * (va < vb ? -1 : 1);
      }
      return a.clusterName < b.clusterName ? -1 : 1;
    })
    .map(c => c.clusterName);
}

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore fleet queries on %p',
  id => {
    it('records known clusters as pending placeholders, keeps the catalog fields current and removes forgotten placeholders', async () => {
      const { store } = await createStore(id);
      await seed(store);
      expect(await store.getCluster('c09')).toBeUndefined();
      expect(names(await store.listClusters())).not.toContain('c09');
      expect(await store.findCluster('c09')).toMatchObject({
        clusterName: 'c09',
        state: 'pending',
        owner: team('beta'),
        score: null,
      });
      // The catalog changed c01's owner; c09 was read; c10 is no longer known.
      await store.syncKnownClusters([
        {
          clusterName: 'c01',
          entityRef: ref('c01'),
          owner: team('delta'),
          source: 'pushed',
        },
        {
          clusterName: 'c09',
          entityRef: ref('c09'),
          owner: team('beta'),
          source: 'pushed',
        },
      ]);
      expect(await store.findCluster('c01')).toMatchObject({
        owner: team('delta'),
        system: undefined,
        state: 'ok',
        score: 90,
      });
      expect(await store.findCluster('c10')).toBeUndefined();
      // Stored clusters stay whatever the sources say (pushed ones).
      expect(await store.findCluster('c06')).toMatchObject({ state: 'ok' });
      await store.saveEvaluation({
        clusterName: 'c09',
        entityRef: ref('c09'),
        owner: team('beta'),
        source: 'pushed',
        report: report('c09', 3),
        workloads: {},
        refreshedAt: '2026-11-22T00:00:00Z',
      });
      expect(await store.getCluster('c09')).toMatchObject({
        state: 'ok',
        owner: team('beta'),
      });
      await store.syncKnownClusters([]);
      expect(await store.findCluster('c09')).toMatchObject({ state: 'ok' });
    });

    it('sorts by every key in both orders, values missing last, and pages by keyset without gaps or repeats', async () => {
      const { store } = await createStore(id);
      await seed(store);
      const all = (
        await store.queryClusters({
          filter: {},
          readable: ALL,
          sort: 'name',
          order: 'asc',
          limit: 1000,
        })
      ).items;
      expect(all).toHaveLength(10);
      for (const sort of CLUSTER_SORT_KEYS) {
        for (const order of ['asc', 'desc'] as const) {
          const expected = expectedOrder(all, sort, order);
          const query: ClusterQuery = {
            filter: {},
            readable: ALL,
            sort,
            order,
            limit: 3,
          };
          const seen: string[] = [];
          let page = await store.queryClusters(query);
          seen.push(...names(page.items));
          let pages = 1;
          while (page.next) {
            expect(page.totalItems).toBe(10);
            page = await store.queryClusters({ ...query, after: page.next });
            seen.push(...names(page.items));
            pages += 1;
            expect(pages).toBeLessThan(6);
          }
          expect([sort, order, seen]).toEqual([sort, order, expected]);
          expect(pages).toBe(4);
        }
      }
      // The deprecated offset still pages.
      const third = await store.queryClusters({
        filter: {},
        readable: ALL,
        sort: 'score',
        order: 'desc',
        limit: 2,
        offset: 2,
      });
      expect(names(third.items)).toEqual(
        expectedOrder(all, 'score', 'desc').slice(2, 4),
      );
    });

    it('filters by owner, system, grade (none included), state, staleness and text, and counts the filtered set', async () => {
      const { store } = await createStore(id);
      await seed(store);
      const list = async (
        filter: ClusterQuery['filter'],
        readable: EntityRefDecision = ALL,
      ) => {
        const page = await store.queryClusters({
          filter,
          readable,
          sort: 'name',
          order: 'asc',
          limit: 1000,
        });
        expect(page.totalItems).toBe(page.items.length);
        return names(page.items);
      };
      expect(await list({ owner: [team('alpha')] })).toEqual([
        'c01',
        'c02',
        'c08',
      ]);
      expect(await list({ owner: [team('alpha'), team('gamma')] })).toEqual([
        'c01',
        'c02',
        'c05',
        'c07',
        'c08',
      ]);
      expect(await list({ system: ['system:default/web'] })).toEqual([
        'c04',
        'c05',
        'c10',
      ]);
      expect(await list({ grade: ['A'] })).toEqual(['c01', 'c08']);
      expect(await list({ grade: ['none'] })).toEqual([
        'c04',
        'c07',
        'c09',
        'c10',
      ]);
      expect(await list({ grade: ['C', 'none'] })).toEqual([
        'c02',
        'c03',
        'c04',
        'c07',
        'c09',
        'c10',
      ]);
      expect(await list({ state: ['pending'] })).toEqual(['c09', 'c10']);
      expect(await list({ state: ['error', 'stale'] })).toEqual(['c05', 'c07']);
      expect(await list({ stale: true })).toEqual(['c05']);
      expect(await list({ stale: false })).toHaveLength(9);
      // Case-insensitive substring of name, owner or system; % and _ are literal.
      expect(await list({ q: 'GAMMA' })).toEqual(['c05', 'c07']);
      expect(await list({ q: 'pay' })).toEqual(['c01', 'c02', 'c08']);
      expect(await list({ q: 'c1' })).toEqual(['c10']);
      expect(await list({ q: '%' })).toEqual([]);
      expect(await list({ q: 'c_1' })).toEqual([]);
      expect(
        await list({ owner: [team('alpha')], grade: ['A'], q: 'c0' }),
      ).toEqual(['c01', 'c08']);
      // The permission decision: only these entities (any case); c06 has no entity.
      expect(
        await list(
          {},
          {
            all: false,
            refs: new Set([ref('c02'), 'RESOURCE:default/C05', ref('c99')]),
          },
        ),
      ).toEqual(['c02', 'c05']);
      expect(
        await list(
          { owner: [team('alpha')] },
          { all: false, refs: new Set([ref('c02'), ref('c05')]) },
        ),
      ).toEqual(['c02']);
      expect(await list({}, { all: false, refs: new Set() })).toEqual([]);
      expect(await list({})).toContain('c06');
    });

    it('applies a decision of thousands of refs in one query', async () => {
      const { store, knex } = await createStore(id);
      await seed(store);
      const refs = new Set(
        Array.from({ length: 40_000 }, (_, i) => ref(`x${i}`)),
      );
      refs.add(ref('c03'));
      let queries = 0;
      const count = () => {
        queries += 1;
      };
      knex.on('query', count);
      const page = await store.queryClusters({
        filter: {},
        readable: { all: false, refs },
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      knex.off('query', count);
      expect(names(page.items)).toEqual(['c03']);
      expect(queries).toBe(2); // the page and its count
    });

    it.each(WAYS)(
      'aggregates the readable, filtered fleet: grades, states, rollups and most-failed checks (%s)',
      async (_way, fewClusters) => {
        const { store } = await createStore(id, fewClusters);
        await seed(store);
        const counts = await store.fleetCounts({
          filter: {},
          readable: ALL,
          checkIds: [
            'nodes.worker-count',
            'nodes.zone-spread',
            'access.tls-verification',
          ],
          checks: 10,
        });
        const total = (pick: (r: (typeof counts.totals)[number]) => boolean) =>
          counts.totals.filter(pick).reduce((n, r) => n + r.clusters, 0);
        expect(total(() => true)).toBe(10);
        expect(total(r => r.state === 'pending')).toBe(2);
        expect(total(r => r.stale)).toBe(1);
        expect(total(r => r.grade === null)).toBe(4);
        // Every seeded report has its grade capped by coverage (engine: little is seen).
        expect(total(r => r.capped)).toBe(7);
        const scoreSum = counts.totals.reduce((n, r) => n + r.scoreSum, 0);
        expect(scoreSum).toBe(90 + 70 + 70 + 40 + 85 + 60 + 90);
        expect(counts.totals.reduce((n, r) => n + r.scored, 0)).toBe(7);
        const alpha = counts.owners.filter(o => o.key === team('alpha'));
        expect(alpha.reduce((n, r) => n + r.clusters, 0)).toBe(3);
        expect(alpha.find(r => r.grade === 'A')).toMatchObject({
          clusters: 2,
          scoreSum: 180,
          scored: 2,
        });
        const gamma = counts.owners.filter(o => o.key === team('gamma'));
        expect(gamma.reduce((n, r) => n + r.unread, 0)).toBe(1); // c07 failed with no report
        expect(gamma.reduce((n, r) => n + r.stale, 0)).toBe(1); // c05
        expect(
          counts.systems
            .filter(s => s.key === null)
            .reduce((n, r) => n + r.clusters, 0),
        ).toBe(4);
        // zone-spread fails on every report (7); worker-count fails on the 1-worker ones (c02,
        // c04, c05), warns on c06, and is waived on c03; tls-verification fails below 3 workers.
        expect(counts.checks).toEqual([
          { checkId: 'nodes.zone-spread', failing: 7, warning: 0, waived: 0 },
          {
            checkId: 'access.tls-verification',
            failing: 5,
            warning: 0,
            waived: 0,
          },
          { checkId: 'nodes.worker-count', failing: 3, warning: 1, waived: 1 },
        ]);
        const limited = await store.fleetCounts({
          filter: { owner: [team('beta')] },
          readable: { all: false, refs: new Set([ref('c03'), ref('c04')]) },
          checkIds: ['nodes.worker-count', 'access.tls-verification'],
          checks: 1,
        });
        expect(limited.totals.reduce((n, r) => n + r.clusters, 0)).toBe(2);
        expect(limited.checks).toEqual([
          {
            checkId: 'access.tls-verification',
            failing: 2,
            warning: 0,
            waived: 0,
          },
        ]);
      },
    );

    it.each(WAYS)(
      "pages one check's results worst first, filtered by status, with counts and the waiver (%s)",
      async (_way, fewClusters) => {
        const { store } = await createStore(id, fewClusters);
        await seed(store);
        const query = {
          checkId: 'nodes.worker-count',
          filter: {},
          readable: ALL,
          limit: 2,
        };
        const first = await store.queryCheckResults(query);
        expect(first.totalItems).toBe(7);
        expect(first.counts).toEqual({
          fail: 3,
          warn: 1,
          unknown: 0,
          pass: 2,
          'not-applicable': 0,
          waived: 1,
        });
        const seen = [...first.items];
        let page = first;
        while (page.next) {
          page = await store.queryCheckResults({ ...query, after: page.next });
          seen.push(...page.items);
        }
        expect(seen.map(i => [i.cluster.clusterName, i.status])).toEqual([
          ['c02', 'fail'],
          ['c04', 'fail'],
          ['c05', 'fail'],
          ['c03', 'warn'],
          ['c06', 'warn'],
          ['c01', 'pass'],
          ['c08', 'pass'],
        ]);
        expect(seen[3].waiver).toMatchObject({ ...waiver, expired: false });
        expect(seen[0].waiver).toBeUndefined();
        expect(seen[0].message).toEqual(expect.any(String));
        expect(seen[0].cluster).toMatchObject({
          owner: team('alpha'),
          score: 70,
        });
        const warned = await store.queryCheckResults({
          ...query,
          statuses: ['warn'],
          limit: 10,
          readable: { all: false, refs: new Set([ref('c03')]) },
        });
        expect(warned.items.map(i => i.cluster.clusterName)).toEqual(['c03']);
        expect(warned.totalItems).toBe(1);
        // Counts ignore the status filter, not the readable set.
        expect(warned.counts).toMatchObject({ waived: 1, fail: 0, warn: 0 });
        // A filtered view, a result a page.
        const alpha = {
          ...query,
          filter: { owner: [team('alpha')] },
          limit: 1,
        };
        const alphaSeen: string[] = [];
        let alphaPage = await store.queryCheckResults(alpha);
        alphaSeen.push(...alphaPage.items.map(i => i.cluster.clusterName));
        while (alphaPage.next) {
          alphaPage = await store.queryCheckResults({
            ...alpha,
            after: alphaPage.next,
          });
          alphaSeen.push(...alphaPage.items.map(i => i.cluster.clusterName));
          expect(alphaPage.totalItems).toBe(3);
        }
        expect(alphaSeen).toEqual(['c02', 'c01', 'c08']);
        expect(alphaPage.counts).toMatchObject({
          fail: 1,
          pass: 2,
          warn: 0,
          waived: 0,
        });
      },
    );

    it("replaces a cluster's check results with each stored report", async () => {
      const { store } = await createStore(id);
      await store.saveEvaluation({
        clusterName: 'one',
        source: 'pushed',
        report: report('one', 1),
        workloads: {},
        refreshedAt: '2026-11-22T00:00:00Z',
      });
      const failing = async () =>
        (
          await store.queryCheckResults({
            checkId: 'nodes.worker-count',
            filter: {},
            readable: ALL,
            limit: 10,
          })
        ).items.map(i => i.status);
      expect(await failing()).toEqual(['fail']);
      await store.saveEvaluation({
        clusterName: 'one',
        source: 'pushed',
        report: report('one', 3, { collectedAt: '2026-11-23T00:00:00Z' }),
        workloads: {},
        refreshedAt: '2026-11-23T00:00:00Z',
      });
      expect(await failing()).toEqual(['pass']);
      const dropped = report('one', 3, { collectedAt: '2026-11-24T00:00:00Z' });
      await store.saveEvaluation({
        clusterName: 'one',
        source: 'pushed',
        report: {
          ...dropped,
          checks: dropped.checks.filter(c => c.id !== 'nodes.worker-count'),
        },
        workloads: {},
        refreshedAt: '2026-11-24T00:00:00Z',
      });
      expect(await failing()).toEqual([]);
      // Drift is still computed against the previous results.
      expect(
        (await store.getDrift('one'))
          .filter(d => d.checkId === 'nodes.worker-count')
          .map(d => [d.from, d.to]),
      ).toEqual([
        ['pass', null],
        ['fail', 'pass'],
      ]);
    });

    it('migrates stored reports to the fleet layout (bodies, check results, summary columns) and back', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrations });
      await knex.migrate.down({ directory: migrations, name: FLEET_MIGRATION });
      expect(
        await knex.schema.hasTable('cluster_readiness_check_results'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('cluster_readiness_reports', 'owner'),
      ).toBe(false);
      const old = report(
        'old',
        1,
        {
          gradeCap: { by: 'coverage', coverage: 0.1, uncapped: 'F' },
          distribution: { name: 'k3s', evidence: [] },
        },
        true,
      );
      await knex('cluster_readiness_reports').insert([
        {
          cluster_name: 'old',
          entity_ref: ref('old'),
          source: 'pushed',
          report: JSON.stringify(old),
          workloads: '{"w":{"findings":[]}}',
          score: old.score,
          grade: old.grade,
          coverage: old.coverage,
          summary: '{}',
          evaluated_at: old.collectedAt,
          refreshed_at: old.collectedAt,
          stale: false,
          state: 'ok',
        },
        {
          cluster_name: 'failed',
          source: 'live',
          stale: false,
          state: 'error',
          error: 'unreachable',
        },
      ]);
      await knex.migrate.up({ directory: migrations, name: FLEET_MIGRATION });
      expect(
        await knex.schema.hasColumn('cluster_readiness_reports', 'report'),
      ).toBe(false);
      const store = await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await store.getReport('old')).toEqual(old);
      expect(await store.getWorkloads('old')).toEqual({ w: { findings: [] } });
      expect(await store.getReport('failed')).toBeUndefined();
      const row = await knex('cluster_readiness_reports')
        .where('cluster_name', 'old')
        .first('distribution', 'capped');
      expect([row.distribution, Boolean(row.capped)]).toEqual(['k3s', true]);
      const results = await store.queryCheckResults({
        checkId: 'nodes.worker-count',
        filter: {},
        readable: ALL,
        limit: 10,
      });
      expect(
        results.items.map(i => [i.cluster.clusterName, i.status, !!i.waiver]),
      ).toEqual([['old', 'fail', true]]);
      expect(results.counts.waived).toBe(1);
      expect(
        Number(
          (await knex('cluster_readiness_check_results').count({ n: '*' }))[0]
            .n,
        ),
      ).toBe(old.checks.length);

      await store.syncKnownClusters([{ clusterName: 'new', source: 'live' }]);
      await knex.migrate.down({ directory: migrations, name: FLEET_MIGRATION });
      expect(
        await knex.schema.hasTable('cluster_readiness_report_bodies'),
      ).toBe(false);
      expect(
        await knex.schema.hasTable('cluster_readiness_check_results'),
      ).toBe(false);
      const back = await knex('cluster_readiness_reports')
        .orderBy('cluster_name')
        .select('cluster_name', 'report', 'workloads', 'state');
      expect(back.map(r => r.cluster_name)).toEqual(['failed', 'old']);
      expect(JSON.parse(back[1].report)).toEqual(old);
      expect(back[1].workloads).toBe('{"w":{"findings":[]}}');
      expect(back[0].report).toBeNull();
    });
  },
);
