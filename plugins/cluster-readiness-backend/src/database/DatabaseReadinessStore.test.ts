import { TestDatabaseId, TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { evaluate } from '@cluster-readiness/backstage-plugin-common';
import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import knexFactory from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toSummary } from '../service/ReadinessService';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';

/**
 * SQLite always; PostgreSQL when scripts/test.sh (or CI) started one and exported
 * BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING.
 */
const ids: TestDatabaseId[] = [
  'SQLITE_3',
  ...Object.keys(process.env)
    .map(k => /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(k)?.[1])
    .filter((version): version is string => !!version)
    .map(version => `POSTGRES_${version}` as TestDatabaseId),
];
const migrations = resolve(__dirname, '../../migrations');
// Each stored report writes its summary row, body and check results: on a PostgreSQL
// shared with other test runs that takes longer than Jest's 5 s default.
jest.setTimeout(30_000);
const databases = TestDatabases.create({ ids, disableDocker: true });

function snapshot(collectedAt: string, workers: number): ClusterSnapshot {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt,
    cluster: { name: 'prod', skipTLSVerify: workers < 3 },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
    resources: {
      nodes: {
        items: Array.from({ length: workers }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: `w-${i}` },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        })),
      },
    },
  };
}

async function createStore(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

describe('DatabaseReadinessStore on a SQLite file', () => {
  it('writes through a write-ahead log, and keeps what it wrote when reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-store-'));
    const open = () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(dir, 'store.sqlite') },
        useNullAsDefault: true,
      });
    const knex = open();
    try {
      expect((await knex.raw('PRAGMA journal_mode'))[0].journal_mode).toBe('delete');
      const store = await DatabaseReadinessStore.create({ database: mockServices.database({ knex }) });
      expect((await knex.raw('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
      const report = evaluate(snapshot('2026-11-01T00:00:00Z', 3));
      await store.saveEvaluation({
        clusterName: 'prod',
        source: 'pushed',
        report,
        workloads: {},
        refreshedAt: '2026-11-01T00:00:00Z',
      });
    } finally {
      await knex.destroy();
    }
    const again = open();
    try {
      const store = await DatabaseReadinessStore.create({ database: mockServices.database({ knex: again }) });
      expect((await store.getCluster('prod'))?.state).toBe('ok');
    } finally {
      await again.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(databases.eachSupportedId())('DatabaseReadinessStore on %p', id => {
  it('reads many clusters\' reports and one workload\'s findings in one query each', async () => {
    const { store, knex } = await createStore(id);
    const workloadsOf = (n: number) =>
      n % 2 ? {} : { checkout: { findings: [{ id: `w-${n}`, status: 'fail' }] } };
    for (const n of [1, 2, 3]) {
      const report = evaluate({ ...snapshot(`2026-11-0${n}T00:00:00Z`, n), cluster: { name: `c${n}` } });
      await store.saveEvaluation({
        clusterName: `c${n}`,
        source: 'pushed',
        report,
        workloads: workloadsOf(n) as any,
        refreshedAt: '2026-11-10T00:00:00Z',
      });
    }
    await store.markFailed({ clusterName: 'broken', source: 'live', error: 'x', refreshedAt: '2026-11-10T00:00:00Z' });
    let queries = 0;
    const count = () => {
      queries += 1;
    };
    knex.on('query', count);
    const reports = await store.getReports(['c3', 'broken', 'nope', 'c1']);
    expect(queries).toBe(1);
    // In the order asked; clusters without a report are left out.
    expect(reports.map(r => r.collectedAt)).toEqual(['2026-11-03T00:00:00Z', '2026-11-01T00:00:00Z']);
    const found = await store.getWorkloadsFor(['c1', 'c2', 'c3', 'broken'], 'checkout');
    expect(queries).toBe(2);
    knex.off('query', count);
    expect([...found.keys()]).toEqual(['c2']);
    expect(found.get('c2')).toEqual({ findings: [{ id: 'w-2', status: 'fail' }] });
    expect(await store.getReports([])).toEqual([]);
  });

  it('migrates up and down', async () => {
    const { knex } = await createStore(id);
    expect(await knex.schema.hasTable('cluster_readiness_reports')).toBe(true);
    expect(await knex.schema.hasTable('cluster_readiness_refresh_claims')).toBe(true);
    expect(await knex.schema.hasTable('cluster_readiness_refresh_due')).toBe(true);
    expect(await knex.schema.hasTable('cluster_readiness_replicas')).toBe(true);
    await knex.migrate.down({ directory: migrations, name: '20261130160000_refresh_schedule.js' });
    expect(await knex.schema.hasTable('cluster_readiness_refresh_due')).toBe(false);
    expect(await knex.schema.hasTable('cluster_readiness_replicas')).toBe(false);
    expect(await knex.schema.hasTable('cluster_readiness_refresh_claims')).toBe(true);
    await knex.migrate.up({ directory: migrations, name: '20261130160000_refresh_schedule.js' });
    expect(await knex.schema.hasTable('cluster_readiness_refresh_due')).toBe(true);
    await knex.migrate.rollback({ directory: migrations }, true);
    expect(await knex.schema.hasTable('cluster_readiness_reports')).toBe(false);
    expect(await knex.schema.hasTable('cluster_readiness_history')).toBe(false);
    expect(await knex.schema.hasTable('cluster_readiness_refresh_claims')).toBe(false);
    expect(await knex.schema.hasTable('cluster_readiness_refresh_due')).toBe(false);
  });

  it('gives each due cluster to one of many concurrent claims, and moves its due time one interval on', async () => {
    const { store } = await createStore(id);
    const names = ['a', 'b', 'c', 'd', 'e'];
    const claim = (holder: string, now: number, limit = 10) =>
      store.claimDueRefreshes({ clusterNames: names, dueBy: now, firstDueAt: 1000, nextDueAt: now + 500, holder, limit });

    // Not due before their first due time.
    expect(await claim('early', 999)).toEqual([]);
    // Ten replicas look at once: every cluster is taken, each by one of them.
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(`h${i}`, 1000)));
    expect(first.flat().sort()).toEqual(names);
    // Due again one interval later, not before.
    expect(await claim('late', 1499)).toEqual([]);
    const second = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(`g${i}`, 1500, 2)));
    expect(second.every(taken => taken.length <= 2)).toBe(true);
    expect(second.flat().sort()).toEqual(names);
    // A claim with an earlier cut-off (another replica's clusters, taken only when
    // overdue) takes nothing that is not that overdue.
    expect(
      await store.claimDueRefreshes({ clusterNames: names, dueBy: 1999, firstDueAt: 0, nextDueAt: 2500, holder: 'x', limit: 10 }),
    ).toEqual([]);
    // The most overdue first: 'e' was due before the others.
    expect(
      await store.claimDueRefreshes({ clusterNames: ['e'], dueBy: 2000, firstDueAt: 0, nextDueAt: 1900, holder: 'y', limit: 1 }),
    ).toEqual(['e']);
    expect(await claim('most-overdue', 2000, 1)).toEqual(['e']);
    expect((await claim('rest', 2000, 10)).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('knows the replicas alive by their heartbeats, sorted, and forgets gone ones', async () => {
    const { store } = await createStore(id);
    expect(await store.heartbeat({ replicaId: 'r2', now: 1000, aliveSince: 0 })).toEqual(['r2']);
    expect(await store.heartbeat({ replicaId: 'r1', now: 1100, aliveSince: 100 })).toEqual(['r1', 'r2']);
    expect(await store.heartbeat({ replicaId: 'r1', now: 1200, aliveSince: 1050 })).toEqual(['r1']);
    // Forgotten, not only hidden: an earlier cut-off does not bring it back.
    expect(await store.heartbeat({ replicaId: 'r3', now: 1300, aliveSince: 0 })).toEqual(['r1', 'r3']);
    await store.leaveReplicas('r1');
    expect(await store.heartbeat({ replicaId: 'r3', now: 1400, aliveSince: 0 })).toEqual(['r3']);
  });

  it('gives history rows from before the digest a legacy digest, duplicates included, and migrates back', async () => {
    const knex = await databases.init(id);
    await knex.migrate.up({ directory: migrations, name: '20261128090000_init.js' });
    const row = { cluster_name: 'old', evaluated_at: '2026-11-01T00:00:00Z', score: 50, grade: 'D', coverage: 1, categories: '{}', counts: '{}' };
    await knex('cluster_readiness_history').insert([row, row]);
    const digestMigration = '20261130100000_unique_history_and_refresh_claims.js';
    await knex.migrate.up({ directory: migrations, name: digestMigration });
    const digests = (await knex('cluster_readiness_history').orderBy('id').select('id', 'digest')).map(r => r.digest);
    expect(digests).toHaveLength(2);
    expect(digests.every(d => /^legacy:\d+$/.test(d))).toBe(true);
    expect(new Set(digests).size).toBe(2);
    await knex.migrate.down({ directory: migrations, name: digestMigration });
    expect(await knex.schema.hasColumn('cluster_readiness_history', 'digest')).toBe(false);
    expect(await knex.schema.hasTable('cluster_readiness_refresh_claims')).toBe(false);
    expect(await knex('cluster_readiness_history').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    expect(Number((await knex('cluster_readiness_history').count({ n: '*' }))[0].n)).toBe(2);
  });

  it('stores one history row and one set of drift for the same report saved many times at once', async () => {
    const { store } = await createStore(id);
    await store.saveEvaluation({ clusterName: 'busy', source: 'pushed', report: evaluate(snapshot('2026-11-20T10:00:00Z', 1)), workloads: {}, refreshedAt: '2026-11-20T10:00:01Z' });
    const report = evaluate(snapshot('2026-11-20T11:00:00Z', 3));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.saveEvaluation({ clusterName: 'busy', source: 'pushed', report, workloads: {}, refreshedAt: `2026-11-20T11:00:${String(i).padStart(2, '0')}Z` }),
      ),
    );
    expect((await store.getHistory('busy')).map(h => h.evaluatedAt)).toEqual(['2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z']);
    const drift = await store.getDrift('busy');
    expect(drift.filter(d => d.checkId === 'nodes.worker-count')).toHaveLength(1);
    expect(new Set(drift.map(d => d.checkId)).size).toBe(drift.length);
  });

  it('adds no second history row when a report already in history is stored again later', async () => {
    const { store } = await createStore(id);
    const a = evaluate(snapshot('2026-11-20T10:00:00Z', 1));
    const b = evaluate(snapshot('2026-11-20T11:00:00Z', 3));
    for (const report of [a, b, a]) {
      await store.saveEvaluation({ clusterName: 'again', source: 'pushed', report, workloads: {}, refreshedAt: '2026-11-20T12:00:00Z' });
    }
    expect((await store.getHistory('again')).map(h => h.evaluatedAt)).toEqual(['2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z']);
  });

  it('refuses names the columns cannot hold, with a clear message', async () => {
    const { store } = await createStore(id);
    const report = evaluate(snapshot('2026-11-20T10:00:00Z', 3));
    for (const clusterName of ['a\u0000b', 'x'.repeat(10_000)]) {
      await expect(store.saveEvaluation({ clusterName, source: 'pushed', report, workloads: {}, refreshedAt: '2026-11-20T10:00:00Z' })).rejects.toMatchObject({ name: 'InputError', message: expect.stringMatching(/^Invalid cluster name: /) });
      await expect(store.markFailed({ clusterName, source: 'live', error: 'x', refreshedAt: '2026-11-20T10:00:00Z' })).rejects.toMatchObject({ name: 'InputError' });
      await expect(store.claimRefresh({ clusterName, holder: 'h', now: 0, ttlMs: 1 })).rejects.toMatchObject({ name: 'InputError' });
    }
    const longest = 'x'.repeat(253);
    await store.saveEvaluation({ clusterName: longest, source: 'pushed', report, workloads: {}, refreshedAt: '2026-11-20T10:00:00Z' });
    expect((await store.getCluster(longest))?.clusterName).toBe(longest);
  });

  it('lets one holder at a time claim a refresh, and another take an expired claim', async () => {
    const { store } = await createStore(id);
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.claimRefresh({ clusterName: 'c', holder: `h${i}`, now: 1000, ttlMs: 500 })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holder = `h${claims.indexOf(true)}`;
    expect(await store.getRefreshClaim('c')).toEqual({ holder, expiresAt: 1500 });

    expect(await store.claimRefresh({ clusterName: 'c', holder: 'late', now: 1499, ttlMs: 500 })).toBe(false);
    await store.releaseRefresh('c', 'not-the-holder');
    expect((await store.getRefreshClaim('c'))?.holder).toBe(holder);

    const takeovers = await Promise.all(
      ['t1', 't2', 't3'].map(h => store.claimRefresh({ clusterName: 'c', holder: h, now: 1500, ttlMs: 500 })),
    );
    expect(takeovers.filter(Boolean)).toHaveLength(1);
    const next = (await store.getRefreshClaim('c'))!;
    expect(next.expiresAt).toBe(2000);
    await store.releaseRefresh('c', holder);
    expect((await store.getRefreshClaim('c'))?.holder).toBe(next.holder);
    await store.releaseRefresh('c', next.holder);
    expect(await store.getRefreshClaim('c')).toBeUndefined();
    expect(await store.claimRefresh({ clusterName: 'c', holder: 'again', now: 2000, ttlMs: 500 })).toBe(true);
  });

  it('keeps the current report, history and drift', async () => {
    const { store } = await createStore(id);
    const first = evaluate(snapshot('2026-11-20T10:00:00Z', 1));
    await store.saveEvaluation({
      clusterName: 'prod',
      entityRef: 'resource:default/prod',
      source: 'live',
      report: first,
      workloads: {},
      refreshedAt: '2026-11-20T10:00:05Z',
    });
    const second = evaluate(snapshot('2026-11-20T11:00:00Z', 3));
    await store.saveEvaluation({
      clusterName: 'prod',
      entityRef: 'resource:default/prod',
      source: 'live',
      report: second,
      workloads: { checkout: { kubernetesId: 'checkout', namespaces: ['shop'], pods: 1, findings: [] } },
      refreshedAt: '2026-11-20T11:00:05Z',
    });

    const stored = await store.getCluster('prod');
    expect(stored).toMatchObject({
      clusterName: 'prod',
      entityRef: 'resource:default/prod',
      source: 'live',
      score: second.score,
      grade: second.grade,
      evaluatedAt: '2026-11-20T11:00:00Z',
      stale: false,
      state: 'ok',
    });
    expect(stored?.summary?.categories).toHaveLength(4);
    expect((await store.getReport('prod'))?.collectedAt).toBe('2026-11-20T11:00:00Z');
    expect(Object.keys((await store.getWorkloads('prod'))!)).toEqual(['checkout']);

    const history = await store.getHistory('prod');
    expect(history.map(h => h.evaluatedAt)).toEqual(['2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z']);
    expect(history[1].categories.nodes).toBe(second.categories.find(c => c.id === 'nodes')!.score);

    const drift = await store.getDrift('prod');
    const moved = Object.fromEntries(drift.map(d => [d.checkId, [d.from, d.to]]));
    expect(moved['nodes.worker-count']).toEqual(['fail', 'pass']);
    expect(moved['access.tls-verification']).toEqual(['fail', 'pass']);
    expect(drift.every(d => d.evaluatedAt === '2026-11-20T11:00:00Z')).toBe(true);
  });

  it('keeps the last good report when a refresh fails, and marks it stale', async () => {
    const { store } = await createStore(id);
    await store.markFailed({ clusterName: 'new', source: 'live', error: 'connection refused', refreshedAt: '2026-11-20T09:00:00Z' });
    expect(await store.getCluster('new')).toMatchObject({ state: 'error', stale: false, error: 'connection refused', score: null });

    const report = evaluate(snapshot('2026-11-20T10:00:00Z', 3));
    await store.saveEvaluation({ clusterName: 'new', source: 'live', report, workloads: {}, refreshedAt: '2026-11-20T10:00:01Z' });
    await store.markFailed({ clusterName: 'new', source: 'live', error: 'timed out', refreshedAt: '2026-11-20T11:00:00Z' });
    expect(await store.getCluster('new')).toMatchObject({
      state: 'stale',
      stale: true,
      error: 'timed out',
      score: report.score,
      evaluatedAt: '2026-11-20T10:00:00Z',
      refreshedAt: '2026-11-20T11:00:00Z',
    });
    expect((await store.getReport('new'))?.score).toBe(report.score);

    await store.markFailed({ clusterName: 'gke', source: 'live', reason: 'needs-user-credentials', error: 'needs user credentials', refreshedAt: '2026-11-20T11:00:00Z' });
    expect((await store.getCluster('gke'))?.state).toBe('needs-user-credentials');
    expect((await store.listClusters()).map(c => c.clusterName)).toEqual(['gke', 'new']);
  });

  it('adds no history when the same snapshot is evaluated again', async () => {
    const { store } = await createStore(id);
    const report = evaluate(snapshot('2026-11-20T10:00:00Z', 3));
    for (const refreshedAt of ['2026-11-20T10:00:05Z', '2026-11-20T10:30:05Z']) {
      await store.saveEvaluation({ clusterName: 'file', source: 'file', report, workloads: {}, refreshedAt });
    }
    expect(await store.getHistory('file')).toHaveLength(1);
    expect(await store.getDrift('file')).toEqual([]);
    expect((await store.getCluster('file'))?.refreshedAt).toBe('2026-11-20T10:30:05Z');
  });

  it('prunes history and drift older than the retention', async () => {
    const { store } = await createStore(id);
    for (const [t, w] of [['2026-01-01T00:00:00Z', 1], ['2026-11-20T00:00:00Z', 3]] as const) {
      await store.saveEvaluation({ clusterName: 'c', source: 'file', report: evaluate(snapshot(t, w)), workloads: {}, refreshedAt: t });
    }
    expect(await store.pruneHistory('2026-06-01T00:00:00Z')).toBe(1);
    expect((await store.getHistory('c')).map(h => h.evaluatedAt)).toEqual(['2026-11-20T00:00:00Z']);
  });

  it('carries the grade cap and the distribution into summaries, and reads rows stored before them', async () => {
    const { knex, store } = await createStore(id);
    const evaluated = evaluate(snapshot('2026-11-20T10:00:00Z', 3));
    const report = {
      ...evaluated,
      grade: 'C' as const,
      gradeCap: { by: 'coverage' as const, coverage: 0.59, uncapped: 'A' as const },
      distribution: { name: 'k3s' as const, evidence: ['serverVersion.gitVersion v1.31.4+k3s1'] },
      categories: evaluated.categories.map(c =>
        c.id === 'access'
          ? { ...c, grade: null, gradeCap: { by: 'coverage' as const, coverage: 0.31, uncapped: 'B' as const } }
          : { ...c, gradeCap: null },
      ),
    };
    await store.saveEvaluation({ clusterName: 'edge', source: 'file', report, workloads: {}, refreshedAt: '2026-11-20T10:00:01Z' });

    const summary = toSummary((await store.getCluster('edge'))!);
    expect(summary).toMatchObject({
      grade: 'C',
      gradeCap: { by: 'coverage', coverage: 0.59, uncapped: 'A' },
      distribution: 'k3s',
    });
    expect(summary.categories.find(c => c.id === 'access')).toEqual({
      id: 'access',
      score: report.categories.find(c => c.id === 'access')!.score,
      grade: null,
      gradeCap: { by: 'coverage', coverage: 0.31, uncapped: 'B' },
    });
    expect(summary.categories.find(c => c.id === 'nodes')).not.toHaveProperty('gradeCap');

    // A row written before checks v2: its summary JSON has neither field.
    await knex('cluster_readiness_reports')
      .where('cluster_name', 'edge')
      .update({
        summary: JSON.stringify({
          categories: [{ id: 'nodes', score: 80, grade: 'B' }],
          counts: report.counts,
        }),
      });
    const old = toSummary((await store.getCluster('edge'))!);
    expect(old).not.toHaveProperty('gradeCap');
    expect(old).not.toHaveProperty('distribution');
    expect(old.categories).toEqual([{ id: 'nodes', score: 80, grade: 'B' }]);
  });
});
