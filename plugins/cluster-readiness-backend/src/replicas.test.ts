/*
 * Two backend replicas, each a real child process running the Kubernetes plugin and
 * Cluster Readiness, on one PostgreSQL database, reading clusters served by the
 * Kubernetes API test server. Proves: the scheduled refresh takes each cluster once per
 * interval, by one replica, and both replicas do some of it; 50 concurrent pushes and 50 concurrent refresh requests spread over
 * both store one history row, answer no 5xx and nothing stale.
 *
 * Needs PostgreSQL (scripts/test.sh and CI start it and export
 * BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING): without it this test fails,
 * it is never skipped.
 */
import {
  KubeApiTestServer,
  startKubeApiTestServer,
} from '@cluster-readiness/kube-api-test-server';
import { parseClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import knexFactory, { Knex } from 'knex';
import { preferredReplicaIndex } from './service/ReadinessService';

const TOKEN = 'a-static-token-for-the-replica-test-0123456789';
const postgres = Object.entries(process.env).find(([key]) =>
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
)?.[1];

const example = (name: string) =>
  parseClusterSnapshot(
    JSON.parse(
      readFileSync(
        resolve(__dirname, `../../../examples/snapshots/${name}.json`),
        'utf8',
      ),
    ),
    `${name}.json`,
  );

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise(done => server.close(done));
  return port;
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripAnsi = (line: string) => line.replace(ANSI_COLOUR, '');

class Replica {
  readonly lines: string[] = [];
  exited = false;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    let rest = '';
    const collect = (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      this.lines.push(...parts.map(stripAnsi));
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.on('exit', () => {
      this.exited = true;
    });
  }

  static async start(
    dir: string,
    name: string,
    config: (port: number) => object,
  ): Promise<Replica> {
    const port = await freePort();
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, JSON.stringify(config(port)));
    const child = spawn(
      process.execPath,
      [
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        resolve(__dirname, '__testUtils__/replicaBackend.ts'),
        '--config',
        file,
      ],
      {
        cwd: resolve(__dirname, '..'),
        env: { ...process.env, NODE_ENV: 'development', NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const replica = new Replica(`http://127.0.0.1:${port}`, child);
    // Hang guard only: a replica that has not answered in two minutes is broken.
    for (let i = 0; i < 240; i++) {
      if (replica.exited) break;
      try {
        const res = await fetch(`${replica.url}/api/cluster-readiness/health`);
        if (res.status === 200) return replica;
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
    await replica.stop();
    throw new Error(
      `replica ${name} did not start:\n${replica.lines.slice(-30).join('\n')}`,
    );
  }

  api(path: string, init: RequestInit = {}) {
    return fetch(`${this.url}/api/cluster-readiness${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise(done => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

function baseConfig(
  port: number,
  database: string,
  clusters: object[],
  schedule: object,
  readiness: object = {},
) {
  return {
    app: { baseUrl: 'http://127.0.0.1:3000' },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database: {
        client: 'pg',
        connection: `${postgres}/${database}`,
        pluginDivisionMode: 'schema',
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: TOKEN, subject: 'replica-test' },
          },
        ],
      },
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [{ type: 'config', clusters }],
    },
    clusterReadiness: {
      schedule,
      collection: { requestTimeoutMs: 60_000, deadlineMs: 120_000 },
      ...readiness,
    },
  };
}

function liveCluster(name: string, server: KubeApiTestServer) {
  return {
    name,
    url: server.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: server.token,
    caData: Buffer.from(server.caPem).toString('base64'),
    skipMetricsLookup: true,
  };
}

/** Reads of a cluster: first pages of its node list (one per collection). */
const collections = (server: KubeApiTestServer) =>
  server.requests.filter(r => r.path === '/api/v1/nodes' && !r.query.continue)
    .length;

describe('two backend replicas on one PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-readiness-replicas-'));
  const databases: string[] = [];
  const replicas: Replica[] = [];
  const servers: KubeApiTestServer[] = [];
  let admin: Knex | undefined;

  /** A fresh database and two replicas on it, started one after the other. */
  async function pair(
    clusters: object[],
    schedule: object,
    readiness: object = {},
  ): Promise<[Replica, Replica]> {
    const database = `cr_replicas_${randomBytes(6).toString('hex')}`;
    await admin!.raw('CREATE DATABASE ??', [database]);
    databases.push(database);
    const started: Replica[] = [];
    for (const name of ['a', 'b']) {
      const replica = await Replica.start(dir, `${database}-${name}`, port =>
        baseConfig(port, database, clusters, schedule, readiness),
      );
      replicas.push(replica);
      started.push(replica);
    }
    return [started[0], started[1]];
  }

  beforeAll(async () => {
    if (!postgres) {
      throw new Error(
        'PostgreSQL is required for the two-replica test: run it through make test, or `. scripts/postgres.sh` first (it exports BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING)',
      );
    }
    admin = knexFactory({
      client: 'pg',
      connection: postgres,
      pool: { min: 0, max: 2 },
    });
  });

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop()));
    await Promise.all(servers.map(s => s.close()));
    for (const database of databases) {
      await admin?.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
    }
    await admin?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('shares the scheduled refresh: each cluster once per interval, by one replica, and both replicas do some', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `split-${i}`);
    // Both replicas prefer some of these names (a hash of the name decides).
    expect(new Set(names.map(n => preferredReplicaIndex(n, 2))).size).toBe(2);
    const intervalMs = 10_000;
    const snapshotFile = resolve(
      __dirname,
      '../../../examples/snapshots/prod-eu-1.json',
    );
    const both = await pair(
      [],
      {
        frequency: { milliseconds: intervalMs },
        // Another replica's clusters are taken only two ticks (4 s) after they were
        // due, so a replica lagging by less than that keeps its share.
        tick: { seconds: 2 },
        timeout: { minutes: 2 },
        initialDelay: { seconds: 1 },
      },
      { snapshots: names.map(cluster => ({ cluster, path: snapshotFile })) },
    );
    const shared = (r: Replica) =>
      r.lines.some(l => l.includes('Scheduled refresh shared by 2 replicas'));
    // Hang guard only: both see each other within three minutes.
    for (let i = 0; i < 360 && !both.every(shared); i++) await sleep(500);
    expect(both.every(shared)).toBe(true);
    const baseline = both.map(r => r.lines.length);

    const CLAIM =
      /Scheduled refresh of \d+ due clusters \(due again at (\S+)\): ([\w, -]+)$/;
    const EVALUATED = /Evaluated cluster ([\w-]+) \(file\)/;
    /** Clusters taken (with their next due time) and evaluated, in a replica's log lines. */
    const workOf = (lines: string[]) => {
      const claims: Array<{ cluster: string; dueAgain: number }> = [];
      const evaluated: string[] = [];
      for (const line of lines) {
        const claim = CLAIM.exec(line);
        if (claim) {
          for (const cluster of claim[2].trim().split(', ')) {
            claims.push({ cluster, dueAgain: Date.parse(claim[1]) });
          }
        }
        const evaluation = EVALUATED.exec(line);
        if (evaluation) evaluated.push(evaluation[1]);
      }
      return { claims, evaluated };
    };
    const count = (list: string[], name: string) =>
      list.filter(n => n === name).length;
    // Two intervals after both saw each other: every cluster evaluated twice more
    // (hang guard: three minutes).
    const evaluatedSince = () =>
      both.flatMap((r, i) => workOf(r.lines.slice(baseline[i])).evaluated);
    for (
      let i = 0;
      i < 360 && names.some(n => count(evaluatedSince(), n) < 2);
      i++
    ) {
      await sleep(500);
    }
    const lines = both.map(r => r.lines.length);
    const work = both.map((r, i) => workOf(r.lines.slice(0, lines[i])));
    const since = both.map((r, i) =>
      workOf(r.lines.slice(baseline[i], lines[i])),
    );
    for (const name of names) {
      expect(
        count(
          since.flatMap(w => w.evaluated),
          name,
        ),
      ).toBeGreaterThanOrEqual(2);
      // Taken once per interval across both replicas: each time a cluster is taken,
      // the database moves its due time on by one interval, and the next take is
      // at or after it, so successive due times are at least one interval apart.
      const dueTimes = work
        .flatMap(w => w.claims)
        .filter(c => c.cluster === name)
        .map(c => c.dueAgain)
        .sort((x, y) => x - y);
      dueTimes.slice(1).forEach((due, i) => {
        expect(due - dueTimes[i]).toBeGreaterThanOrEqual(intervalMs);
      });
      // Each take is one evaluation, by the replica that took it (the last may still
      // be running).
      work.forEach(w => {
        const taken = w.claims.filter(c => c.cluster === name).length;
        const evaluated = count(w.evaluated, name);
        expect(evaluated).toBeLessThanOrEqual(taken);
        expect(evaluated).toBeGreaterThanOrEqual(taken - 1);
      });
    }
    // Both replicas did some of the work once they saw each other.
    since.forEach(w => expect(w.evaluated.length).toBeGreaterThan(0));
  }, 420_000);

  it('stores one history row for 50 concurrent pushes and answers 50 concurrent refreshes with one read, on both replicas', async () => {
    const server = await startKubeApiTestServer({
      snapshot: example('staging-1'),
    });
    servers.push(server);
    // A read takes at least 5 s, so all 50 refresh requests arrive while it runs.
    server.setFaults([
      { match: /^\/api\/v1\/nodes$/, kind: 'delay', ms: 5000 },
    ]);
    const [a, b] = await pair([liveCluster('manual-live', server)], {
      frequency: { hours: 24 },
      timeout: { minutes: 1 },
      initialDelay: { hours: 24 },
    });
    const on = (i: number) => (i % 2 === 0 ? a : b);

    const snapshot = {
      ...example('prod-eu-1'),
      cluster: { name: 'edge-push' },
    };
    const pushes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        on(i).api('/snapshots', {
          method: 'POST',
          body: JSON.stringify(snapshot),
        }),
      ),
    );
    expect(pushes.map(r => r.status)).toEqual(Array(50).fill(201));
    const pushedHistory = await (
      await b.api('/clusters/edge-push/history')
    ).json();
    expect(pushedHistory.items).toHaveLength(1);

    const started = Date.now();
    const refreshes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        on(i).api('/clusters/manual-live/refresh', { method: 'POST' }),
      ),
    );
    const elapsed = Date.now() - started;
    const bodies = await Promise.all(refreshes.map(r => r.json()));
    expect(refreshes.map(r => r.status)).toEqual(Array(50).fill(200));
    expect(
      bodies.filter(body => body.state !== 'ok' || body.stale !== false),
    ).toEqual([]);
    // Reads never overlap (each takes at least 5 s) ...
    expect(collections(server)).toBeLessThanOrEqual(
      Math.floor(elapsed / 5000) + 1,
    );
    // ... and the burst was one read, whose result every request answered.
    expect(collections(server)).toBe(1);
    expect(new Set(bodies.map(body => body.evaluatedAt)).size).toBe(1);
    const history = await (await a.api('/clusters/manual-live/history')).json();
    expect(history.items).toHaveLength(1);
  }, 300_000);
});
