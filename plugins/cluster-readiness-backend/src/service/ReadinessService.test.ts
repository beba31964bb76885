import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import type { ClusterSource } from '../clusters/ClusterSource';
import { readClusterReadinessConfig } from '../config';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { ReadinessService } from './ReadinessService';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

function snapshot(collectedAt: string): ClusterSnapshot {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt,
    cluster: { name: 'prod' },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
    resources: {
      nodes: {
        items: ['a', 'b', 'c'].map(name => ({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        })),
      },
    },
  };
}

const liveSource: ClusterSource = {
  id: 'kubernetes',
  listClusters: async () => [
    { name: 'prod', kubernetes: { authProvider: 'serviceAccount' } },
  ],
};

/** A live collector whose reads are counted and released by the test. */
function gatedCollector() {
  let reads = 0;
  const gates: Array<() => void> = [];
  const collect = async () => {
    reads += 1;
    const n = reads;
    await new Promise<void>(resolve => gates.push(resolve));
    return snapshot(`2026-11-20T10:00:0${n}Z`);
  };
  return {
    collect,
    reads: () => reads,
    release: () => gates.splice(0).forEach(open => open()),
  };
}

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  const config = readClusterReadinessConfig(
    new ConfigReader({
      clusterReadiness: { collection: { deadlineMs: 60_000 } },
    }),
  );
  let clock = Date.parse('2026-11-20T12:00:00Z');
  const replica = (
    collect: ReturnType<typeof gatedCollector>,
    sleep?: (ms: number) => Promise<void>,
  ) =>
    new ReadinessService({
      store,
      sources: [liveSource],
      config,
      logger: mockServices.logger.mock(),
      collectLive: collect.collect,
      now: () => new Date(clock),
      sleep,
      claimPollMs: 1000,
    });
  return {
    store,
    replica,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
  };
}

/** Lets pending promise callbacks and database calls run until `done` holds. */
async function until(done: () => boolean) {
  for (let i = 0; i < 1000 && !done(); i++)
    await new Promise(r => setImmediate(r));
  if (!done()) throw new Error('condition never held');
}

describe('ReadinessService refreshes across requests and replicas', () => {
  it('joins 50 concurrent refreshes of one cluster into one read, and all answer its result', async () => {
    const { store, replica } = await setup();
    const collector = gatedCollector();
    const service = replica(collector);
    const answers = Promise.all(
      Array.from({ length: 50 }, () => service.refreshCluster('prod')),
    );
    await until(() => collector.reads() > 0);
    collector.release();
    const results = await answers;
    expect(collector.reads()).toBe(1);
    expect(
      results.every(
        r =>
          r?.state === 'ok' &&
          !r.stale &&
          r.evaluatedAt === '2026-11-20T10:00:01Z',
      ),
    ).toBe(true);
    expect(await store.getHistory('prod')).toHaveLength(1);
    expect(await store.getRefreshClaim('prod')).toBeUndefined();
  });

  it('makes a request on another replica wait for the holder and answer its result', async () => {
    const { store, replica, advance } = await setup();
    const first = gatedCollector();
    const second = gatedCollector();
    let polls = 0;
    const holder = replica(first);
    const other = replica(second, async ms => {
      polls += 1;
      advance(ms);
      if (polls === 3) first.release();
      await new Promise(r => setImmediate(r));
    });
    const held = holder.refreshCluster('prod');
    await until(() => first.reads() === 1);
    const waited = await other.refreshCluster('prod');
    await held;
    expect(second.reads()).toBe(0);
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(waited).toMatchObject({
      state: 'ok',
      stale: false,
      evaluatedAt: '2026-11-20T10:00:01Z',
    });
    expect(await store.getHistory('prod')).toHaveLength(1);
  });

  it('takes over a claim whose holder died once it expires', async () => {
    const { store, replica, advance, now } = await setup();
    await store.claimRefresh({
      clusterName: 'prod',
      holder: 'dead-replica/1',
      now: now(),
      ttlMs: 5_000,
    });
    const collector = gatedCollector();
    let polls = 0;
    const service = replica(collector, async ms => {
      polls += 1;
      advance(ms);
    });
    const answer = service.refreshCluster('prod');
    await until(() => collector.reads() === 1);
    collector.release();
    expect(await answer).toMatchObject({ state: 'ok' });
    expect(polls).toBe(5);
    expect(await store.getRefreshClaim('prod')).toBeUndefined();
  });

  it('gives up waiting after a bounded number of looks when the clock stands still', async () => {
    const { store, replica, now } = await setup();
    await store.claimRefresh({
      clusterName: 'prod',
      holder: 'stuck/1',
      now: now(),
      ttlMs: 10 * 60_000,
    });
    const collector = gatedCollector();
    let polls = 0;
    const service = replica(collector, async () => {
      polls += 1;
    });
    expect(await service.refreshCluster('prod')).toBeUndefined();
    expect(collector.reads()).toBe(0);
    // 2 × (60 s deadline + 30 s margin) ÷ 1 s per look
    expect(polls).toBe(180);
  });

  it('skips, in the scheduled refresh, a cluster another replica is refreshing', async () => {
    const { store, replica, now } = await setup();
    await store.claimRefresh({
      clusterName: 'prod',
      holder: 'other/1',
      now: now(),
      ttlMs: 60_000,
    });
    const collector = gatedCollector();
    await replica(collector, async () => {
      throw new Error('the scheduled refresh must not wait');
    }).refreshAll();
    expect(collector.reads()).toBe(0);
    expect(await store.getRefreshClaim('prod')).toMatchObject({
      holder: 'other/1',
    });
  });

  it('ignores, with a warning, a cluster a source names against the name rule', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseReadinessStore.create({
      database: mockServices.database({ knex }),
    });
    const logger = mockServices.logger.mock();
    const service = new ReadinessService({
      store,
      sources: [
        {
          id: 'kubernetes',
          listClusters: async () => [
            { name: 'ok-1', kubernetes: {} },
            { name: 'bad\u0000name', kubernetes: {} },
            { name: 'x'.repeat(300), kubernetes: {} },
          ],
        },
      ],
      config: readClusterReadinessConfig(new ConfigReader({})),
      logger,
    });
    expect((await service.clusters()).map(c => c.name)).toEqual(['ok-1']);
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^Ignoring a cluster that a source names: a cluster name may not contain control characters/,
    );
    expect(warnings.join('\n')).not.toContain('\u0000');
    expect(warnings[1]).toContain('at most 253 characters');
  });

  it('refuses configuration naming a cluster against the rule', () => {
    expect(() =>
      readClusterReadinessConfig(
        new ConfigReader({
          clusterReadiness: {
            snapshots: [{ cluster: 'bad\tname', path: 'x.json' }],
          },
        }),
      ),
    ).toThrow(
      /^Invalid config clusterReadiness\.snapshots\.0\.cluster: a cluster name may not contain control characters/,
    );
    expect(() =>
      readClusterReadinessConfig(
        new ConfigReader({
          clusterReadiness: { push: { allowClusters: [''] } },
        }),
      ),
    ).toThrow(
      /^Invalid config clusterReadiness\.push\.allowClusters\.0: a cluster name must be a non-empty string/,
    );
  });
});
