/*
 * Two backend replicas, each a real child process running the Kubernetes plugin and
 * Cluster Readiness, on one PostgreSQL database, reading clusters served by the
 * Kubernetes API test server. Proves: the scheduled refresh runs once per interval
 * across both; 50 concurrent pushes and 50 concurrent refresh requests spread over
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
  ): Promise<[Replica, Replica]> {
    const database = `cr_replicas_${randomBytes(6).toString('hex')}`;
    await admin!.raw('CREATE DATABASE ??', [database]);
    databases.push(database);
    const started: Replica[] = [];
    for (const name of ['a', 'b']) {
      const replica = await Replica.start(dir, `${database}-${name}`, port =>
        baseConfig(port, database, clusters, schedule),
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

  it('runs the scheduled refresh once per interval across both replicas', async () => {
    const server = await startKubeApiTestServer({
      snapshot: example('prod-eu-1'),
    });
    servers.push(server);
    const intervalMs = 3000;
    const both = await pair([liveCluster('sched-live', server)], {
      frequency: { seconds: intervalMs / 1000 },
      timeout: { minutes: 1 },
      initialDelay: { seconds: 1 },
    });
    // Runs from when both replicas are up (the second starts seconds after the first).
    const bothUp = Date.now();
    const readsBefore = collections(server);
    // Wait for eight scheduled runs (hang guard: three minutes).
    const runsWanted = 8;
    const starts = () =>
      both
        .flatMap(r => r.lines)
        .filter(l => l.includes('Scheduled refresh of 1 clusters started'))
        .map(l => Date.parse(l.slice(0, 24)))
        .filter(t => t >= bothUp)
        .sort((x, y) => x - y);
    for (let i = 0; i < 360 && starts().length < runsWanted; i++) {
      await sleep(500);
    }
    const runs = starts().slice(0, runsWanted);
    expect(runs).toHaveLength(runsWanted);
    // The scheduler keeps one due time in the database and moves it on by one
    // interval per run, whichever replica ran it. So run n starts at least
    // (n - 1) intervals after the first run was due, and the first run starts at most
    // one poll (one interval) after it was due; one more interval is slack for a busy
    // machine. Two replicas running on their own would pack the same runs into about
    // half that span.
    const span = runs[runs.length - 1] - runs[0];
    expect(span).toBeGreaterThanOrEqual(
      intervalMs * (runsWanted - 1) - 2 * intervalMs,
    );
    // Each run read the cluster once; only scheduled runs read it. (A run may be under
    // way as we count, and one that started before both were up may read after.)
    const reads = collections(server) - readsBefore;
    expect(reads).toBeGreaterThanOrEqual(runs.length - 1);
    expect(reads).toBeLessThanOrEqual(starts().length + 1);
  }, 300_000);

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
