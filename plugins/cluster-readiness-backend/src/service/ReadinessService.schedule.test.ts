import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import type {
  ClusterDescriptor,
  ClusterSource,
} from '../clusters/ClusterSource';
import { readClusterReadinessConfig } from '../config';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { preferredReplicaIndex, ReadinessService } from './ReadinessService';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const NAMES = Array.from({ length: 12 }, (_, i) => `fleet-${i}`);
const INTERVAL = 10 * 60_000;
const TICK = 30_000;
const DEADLINE = 60_000;

function snapshot(name: string): ClusterSnapshot {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-20T10:00:00Z',
    cluster: { name },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
    resources: {
      nodes: {
        items: ['a', 'b', 'c'].map(node => ({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: node },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        })),
      },
    },
  };
}

const source: ClusterSource = {
  id: 'kubernetes',
  listClusters: async () =>
    NAMES.map(name => ({
      name,
      kubernetes: { authProvider: 'serviceAccount' },
    })),
};

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  const config = readClusterReadinessConfig(
    new ConfigReader({
      clusterReadiness: {
        concurrency: 2,
        schedule: {
          frequency: { milliseconds: INTERVAL },
          tick: { milliseconds: TICK },
        },
        collection: { deadlineMs: DEADLINE },
      },
    }),
  );
  let clock = Date.parse('2026-11-20T12:00:00Z');
  /** Reads by replica, one entry per read, in order. */
  const reads: Array<{ replica: string; cluster: string }> = [];
  const replica = (replicaId: string) =>
    new ReadinessService({
      store,
      sources: [source],
      config,
      logger: mockServices.logger.mock(),
      replicaId,
      collectLive: async (cluster: ClusterDescriptor) => {
        reads.push({ replica: replicaId, cluster: cluster.name });
        return snapshot(cluster.name);
      },
      now: () => new Date(clock),
    });
  return {
    a: replica('replica-a'),
    b: replica('replica-b'),
    reads,
    advance: (ms: number) => {
      clock += ms;
    },
    /** Reads since `from`, by replica: sorted cluster names. */
    since: (from: number) => {
      const out: Record<string, string[]> = {
        'replica-a': [],
        'replica-b': [],
      };
      for (const read of reads.slice(from))
        out[read.replica].push(read.cluster);
      Object.values(out).forEach(list => list.sort());
      return out;
    },
  };
}

/** The clusters replica-a (index 0 of the sorted ids) and replica-b (index 1) prefer. */
const preferred = (index: number) =>
  NAMES.filter(name => preferredReplicaIndex(name, 2) === index).sort();

describe('schedule configuration', () => {
  const schedule = (value: object) =>
    readClusterReadinessConfig(
      new ConfigReader({ clusterReadiness: { schedule: value } }),
    ).schedule;

  it('looks for due clusters every tenth of the interval, from 1 s to 1 min, unless told', () => {
    expect(durationToMilliseconds(schedule({}).tick)).toBe(60_000);
    expect(
      durationToMilliseconds(schedule({ frequency: { minutes: 5 } }).tick),
    ).toBe(30_000);
    expect(
      durationToMilliseconds(schedule({ frequency: { seconds: 5 } }).tick),
    ).toBe(1000);
    expect(
      durationToMilliseconds(
        schedule({ frequency: { minutes: 5 }, tick: { seconds: 7 } }).tick,
      ),
    ).toBe(7000);
  });

  it('refuses an interval or a tick of zero, naming the key', () => {
    expect(() => schedule({ frequency: { seconds: 0 } })).toThrow(
      'Invalid config clusterReadiness.schedule.frequency: expected a duration longer than zero',
    );
    expect(() => schedule({ tick: { seconds: 0 } })).toThrow(
      'Invalid config clusterReadiness.schedule.tick: expected a duration longer than zero',
    );
  });
});

describe('ReadinessService scheduled refresh across replicas', () => {
  it('these cluster names are preferred by both of two replicas', () => {
    expect(preferred(0).length).toBeGreaterThan(0);
    expect(preferred(1).length).toBeGreaterThan(0);
    expect([...preferred(0), ...preferred(1)].sort()).toEqual(
      [...NAMES].sort(),
    );
  });

  it('refreshes each cluster once per interval, split between the replicas by preference', async () => {
    const { a, b, advance, since, reads } = await setup();
    // Alone, replica a takes every cluster.
    expect((await a.refreshDue()).sort()).toEqual([...NAMES].sort());
    // Replica b joins: nothing is due until one interval has passed.
    expect(await b.refreshDue()).toEqual([]);
    advance(INTERVAL - 1);
    expect(await a.refreshDue()).toEqual([]);
    expect(await b.refreshDue()).toEqual([]);
    expect(reads).toHaveLength(NAMES.length);

    advance(1);
    let from = reads.length;
    // Each takes its own share; the other's share is due but not overdue.
    expect((await a.refreshDue()).sort()).toEqual(preferred(0));
    expect((await b.refreshDue()).sort()).toEqual(preferred(1));
    expect(since(from)).toEqual({
      'replica-a': preferred(0),
      'replica-b': preferred(1),
    });

    // Many looks at once on both, one interval later: still each cluster once.
    advance(INTERVAL);
    from = reads.length;
    const looks = await Promise.all(
      [a, b, a, b, a, b].map(r => r.refreshDue()),
    );
    expect(looks.flat().sort()).toEqual([...NAMES].sort());
    const read = since(from);
    expect([...read['replica-a'], ...read['replica-b']].sort()).toEqual(
      [...NAMES].sort(),
    );
  });

  it('takes over the clusters of a busy replica two ticks after they were due, of a gone one at once, and of one that left at once', async () => {
    const { a, b, advance, since, reads } = await setup();
    await a.refreshDue();
    await b.refreshDue();
    advance(INTERVAL);
    await a.refreshDue();
    await b.refreshDue();
    // Replica b is alive (it looked a tick ago) but does not look when its share is due.
    advance(INTERVAL - TICK);
    expect(await b.refreshDue()).toEqual([]);
    advance(TICK);
    let from = reads.length;
    expect((await a.refreshDue()).sort()).toEqual(preferred(0));
    advance(2 * TICK - 1);
    expect(await a.refreshDue()).toEqual([]);
    advance(1);
    expect((await a.refreshDue()).sort()).toEqual(preferred(1));
    expect(since(from)).toEqual({
      'replica-a': [...NAMES].sort(),
      'replica-b': [],
    });

    // Replica b has not looked for longer than a replica stays alive: gone, and
    // replica a takes every cluster as soon as it is due.
    advance(INTERVAL);
    from = reads.length;
    expect((await a.refreshDue()).sort()).toEqual([...NAMES].sort());

    // Replica b is back just before the next due time, then shuts down: its share
    // is replica a's at once.
    advance(INTERVAL - 1);
    expect(await b.refreshDue()).toEqual([]);
    await b.leave();
    advance(1);
    from = reads.length;
    expect((await a.refreshDue()).sort()).toEqual([...NAMES].sort());
    expect(since(from)['replica-b']).toEqual([]);
  });
});
