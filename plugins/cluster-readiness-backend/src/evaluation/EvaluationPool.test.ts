import {
  ClusterSnapshot,
  evaluate,
  workloadFindings,
} from '@cluster-readiness/backstage-plugin-common';
import { readSnapshot } from '@cluster-readiness/backstage-plugin-node';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  EvaluationFailedError,
  EvaluationPool,
  SnapshotReadFailedError,
} from './EvaluationPool';

const example = resolve(
  __dirname,
  '../../../../examples/snapshots/prod-eu-1.json',
);

function snapshot(name: string, workers: number, pods = 1): ClusterSnapshot {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-20T10:00:00Z',
    cluster: { name, controlPlane: 'managed' },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
    resources: {
      nodes: {
        items: Array.from({ length: workers }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name: `w-${i}`,
            labels: { 'topology.kubernetes.io/zone': `z-${i % 3}` },
          },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        })),
      },
      pods: {
        items: Array.from({ length: pods }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `checkout-${i}`,
            namespace: 'shop',
            labels: {
              'backstage.io/kubernetes-id': 'checkout',
              filler: 'x'.repeat(60),
            },
          },
          spec: {
            containers: [
              { name: 'app', image: `registry.example.com/shop/checkout:${i}` },
            ],
          },
          status: { phase: 'Running' },
        })),
      },
    },
  } as ClusterSnapshot;
}

describe('EvaluationPool', () => {
  // Workers load the TypeScript sources through Backstage's transform: a generous guard.
  jest.setTimeout(120_000);

  it('gives the same results as evaluating in this thread, spread over its workers', async () => {
    const pool = new EvaluationPool({ size: 2 });
    try {
      const snapshots = Array.from({ length: 6 }, (_, i) =>
        snapshot(`c-${i}`, 1 + i, 3),
      );
      const options = {
        minWorkerNodes: 2,
        waivers: [
          { check: 'nodes.worker-count', reason: 'lab', cluster: 'c-0' },
        ],
      } as any;
      const results = await Promise.all(
        snapshots.map(s => pool.evaluate(s, options)),
      );
      results.forEach((result, i) => {
        expect(result.report).toEqual(evaluate(snapshots[i], options));
        expect(result.workloads).toEqual(workloadFindings(snapshots[i]));
      });
      // Bounded: never more threads than the configured size.
      expect(pool.threads).toBe(2);
      expect(pool.evaluations).toBe(6);
    } finally {
      await pool.close();
    }
  });

  it("reads, parses and evaluates a snapshot file in a worker, named as asked, with the reader's notices", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evaluation-pool-'));
    const pool = new EvaluationPool({ size: 2 });
    try {
      // A cluster-info dump directory with a log file in it: the reader says it
      // skipped the log.
      const dump = join(dir, 'dump');
      mkdirSync(dump);
      writeFileSync(
        join(dump, 'nodes.json'),
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'NodeList',
          items: [
            {
              apiVersion: 'v1',
              kind: 'Node',
              metadata: {
                name: 'n1',
                creationTimestamp: '2026-11-20T10:00:00Z',
              },
              status: { conditions: [{ type: 'Ready', status: 'True' }] },
            },
          ],
        }),
      );
      writeFileSync(join(dump, 'kubelet.log'), 'I1120 10:00:00 started\n');
      const options = { minWorkerNodes: 2 };
      const noticesOf = new Map<string, string[]>();
      for (const file of [example, dump]) {
        const expectedNotices: string[] = [];
        const read = await readSnapshot(file, {
          clusterName: 'renamed',
          onNotice: m => expectedNotices.push(m),
        });
        const expected = {
          ...read,
          cluster: { ...read.cluster, name: 'renamed' },
        };
        const notices: string[] = [];
        const result = await pool.evaluateFile(file, {
          clusterName: 'renamed',
          evaluate: options,
          onNotice: m => notices.push(m),
        });
        expect(result.report).toEqual(evaluate(expected, options));
        expect(result.report.cluster.name).toBe('renamed');
        expect(result.workloads).toEqual(workloadFindings(expected));
        expect(notices).toEqual(expectedNotices);
        noticesOf.set(file, notices);
      }
      expect(noticesOf.get(dump)).toEqual([
        expect.stringContaining('kubelet.log'),
      ]);
      expect(pool.evaluations).toBe(2);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails a snapshot file it cannot read with the reader's message, and goes on", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evaluation-pool-'));
    const pool = new EvaluationPool({ size: 1 });
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{"apiVersion": ');
      let expected = '';
      await readSnapshot(bad, { clusterName: 'bad' }).catch(e => {
        expected = e.message;
      });
      expect(expected).toContain('bad.json');
      const [broken, missing, good] = await Promise.allSettled([
        pool.evaluateFile(bad, { clusterName: 'bad' }),
        pool.evaluateFile(join(dir, 'missing.json'), {
          clusterName: 'missing',
        }),
        pool.evaluateFile(example, { clusterName: 'good' }),
      ]);
      expect(broken.status).toBe('rejected');
      const error = (broken as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(SnapshotReadFailedError);
      expect(error.message).toBe(expected);
      expect((missing as PromiseRejectedResult).reason).toBeInstanceOf(
        SnapshotReadFailedError,
      );
      expect((missing as PromiseRejectedResult).reason.message).toContain(
        'missing.json',
      );
      expect(
        (good as PromiseFulfilledResult<any>).value.report.cluster.name,
      ).toBe('good');
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a thrown evaluation into a clear per-cluster error and goes on', async () => {
    const pool = new EvaluationPool({ size: 1 });
    try {
      const broken = {
        ...snapshot('broken', 1),
        resources: null,
      } as unknown as ClusterSnapshot;
      const [bad, good] = await Promise.allSettled([
        pool.evaluate(broken),
        pool.evaluate(snapshot('fine', 3)),
      ]);
      expect(bad.status).toBe('rejected');
      const error = (bad as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(EvaluationFailedError);
      expect(error.message).toMatch(/^Evaluating cluster broken failed: /);
      expect(good.status).toBe('fulfilled');
      expect(
        (good as PromiseFulfilledResult<any>).value.report.cluster.name,
      ).toBe('fine');
    } finally {
      await pool.close();
    }
  });

  it('fails only the cluster whose worker dies, replaces the worker and goes on', async () => {
    // A worker whose heap is too small for this snapshot dies (out of memory).
    const pool = new EvaluationPool({ size: 1, maxHeapMb: 32 });
    try {
      // The worker starts and evaluates a small snapshot within its heap...
      await pool.evaluate(snapshot('warm', 3));
      // ...but this one cannot fit in it.
      const huge = snapshot('huge', 3, 250_000);
      const [dead, next] = await Promise.allSettled([
        pool.evaluate(huge),
        pool.evaluate(snapshot('small', 3)),
      ]);
      expect(dead.status).toBe('rejected');
      const error = (dead as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(EvaluationFailedError);
      expect(error.message).toMatch(
        /^Evaluating cluster huge failed: its worker thread (failed|exited)/,
      );
      expect(next.status).toBe('fulfilled');
      expect((next as PromiseFulfilledResult<any>).value.report).toEqual(
        evaluate(snapshot('small', 3)),
      );
    } finally {
      await pool.close();
    }
  });

  it('ends every worker on close and refuses work after it', async () => {
    const pool = new EvaluationPool({ size: 2 });
    await Promise.all([
      pool.evaluate(snapshot('a', 1)),
      pool.evaluate(snapshot('b', 2)),
    ]);
    expect(pool.threads).toBe(2);
    await pool.close();
    expect(pool.threads).toBe(0);
    await expect(pool.evaluate(snapshot('c', 1))).rejects.toThrow(
      'Evaluating cluster c failed: the evaluation pool is closed',
    );
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new EvaluationPool({ size: 0 })).toThrow(
      'EvaluationPool size must be a positive integer, got 0',
    );
  });
});
