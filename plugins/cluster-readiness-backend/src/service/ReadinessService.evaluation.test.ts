import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  BUILTIN_CHECKS,
  ClusterSnapshot,
  evaluate,
  ReadinessCheck,
  workloadFindings,
} from '@cluster-readiness/backstage-plugin-common';
import type { ClusterSource } from '../clusters/ClusterSource';
import { readClusterReadinessConfig } from '../config';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { EvaluationPool } from '../evaluation/EvaluationPool';
import { ReadinessService } from './ReadinessService';
import { readSnapshot } from '@cluster-readiness/backstage-plugin-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

function snapshot(name: string, workers: number): ClusterSnapshot {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-20T10:00:00Z',
    cluster: { name },
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

const names = ['a', 'b', 'broken', 'c', 'd'];
const source: ClusterSource = {
  id: 'kubernetes',
  listClusters: async () =>
    names.map(name => ({
      name,
      kubernetes: { authProvider: 'serviceAccount' },
    })),
};
const collect = async (cluster: { name: string }) =>
  cluster.name === 'broken'
    ? ({
        ...snapshot('broken', 1),
        resources: null,
      } as unknown as ClusterSnapshot)
    : snapshot(cluster.name, 1 + names.indexOf(cluster.name));

async function setup(customChecks?: () => ReadinessCheck[]) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  const config = readClusterReadinessConfig(
    new ConfigReader({ clusterReadiness: { concurrency: 8 } }),
  );
  const pool = new EvaluationPool({ size: 2 });
  const service = new ReadinessService({
    store,
    sources: [source],
    config,
    logger: mockServices.logger.mock(),
    collectLive: collect,
    evaluationPool: pool,
    customChecks,
  });
  return { store, pool, service };
}

describe('ReadinessService evaluation on worker threads', () => {
  it("stores what in-thread evaluation gives, and a failed evaluation as that cluster's error only", async () => {
    const { store, pool, service } = await setup();
    try {
      await service.refreshAll();
      // Four evaluations and the broken one all ran on the pool.
      expect(pool.evaluations).toBe(5);
      for (const name of ['a', 'b', 'c', 'd']) {
        const s = snapshot(name, 1 + names.indexOf(name));
        expect(await store.getReport(name)).toEqual(evaluate(s));
        expect(await store.getWorkloads(name)).toEqual(workloadFindings(s));
        expect((await store.getCluster(name))?.state).toBe('ok');
      }
      const broken = await store.getCluster('broken');
      expect(broken?.state).toBe('error');
      expect(broken?.error).toMatch(/^Evaluating cluster broken failed: /);
    } finally {
      await pool.close();
    }
  });

  it('evaluates in this thread when custom checks are installed (functions cannot cross threads)', async () => {
    const custom: ReadinessCheck[] = [];
    const { store, pool, service } = await setup(() => custom);
    // No custom check yet: the pool evaluates.
    await service.refreshCluster('a');
    expect(pool.evaluations).toBe(1);
    const check = { ...BUILTIN_CHECKS[0], id: 'custom.one' };
    custom.push(check as ReadinessCheck);
    try {
      await service.refreshCluster('b');
      expect(pool.evaluations).toBe(1);
      const report = await store.getReport('b');
      expect(report?.checks.some(c => c.id === 'custom.one')).toBe(true);
      await service.refreshCluster('broken');
      expect((await store.getCluster('broken'))?.error).toMatch(
        /^Evaluating cluster broken failed: /,
      );
    } finally {
      await pool.close();
    }
  });

  it('reads snapshot files in the workers (the path crosses, not the snapshot), and in this thread with custom checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-files-'));
    const example = resolve(
      __dirname,
      '../../../../examples/snapshots/prod-eu-1.json',
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"apiVersion": ');
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseReadinessStore.create({
      database: mockServices.database({ knex }),
    });
    const config = readClusterReadinessConfig(
      new ConfigReader({
        clusterReadiness: {
          snapshots: [
            { cluster: 'from-file', path: example },
            { cluster: 'bad-file', path: bad },
          ],
        },
      }),
    );
    const custom: ReadinessCheck[] = [];
    const pool = new EvaluationPool({ size: 2 });
    const service = new ReadinessService({
      store,
      sources: [],
      config,
      logger: mockServices.logger.mock(),
      evaluationPool: pool,
      customChecks: () => custom,
    });
    try {
      const read = await readSnapshot(example, { clusterName: 'from-file' });
      const expected = {
        ...read,
        cluster: { ...read.cluster, name: 'from-file' },
      };
      await service.refreshAll();
      expect(pool.evaluations).toBe(2);
      expect(await store.getReport('from-file')).toEqual(evaluate(expected));
      expect(await store.getWorkloads('from-file')).toEqual(
        workloadFindings(expected),
      );
      expect((await store.getCluster('from-file'))?.source).toBe('file');
      let readError = '';
      await readSnapshot(bad, { clusterName: 'bad-file' }).catch(e => {
        readError = e.message;
      });
      expect(await store.getCluster('bad-file')).toMatchObject({
        state: 'error',
        error: readError,
      });

      // With a custom check installed the file is read and evaluated here.
      custom.push({ ...BUILTIN_CHECKS[0], id: 'custom.one' } as ReadinessCheck);
      await service.refreshCluster('from-file');
      expect(pool.evaluations).toBe(2);
      const report = await store.getReport('from-file');
      expect(report?.checks.some(c => c.id === 'custom.one')).toBe(true);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
