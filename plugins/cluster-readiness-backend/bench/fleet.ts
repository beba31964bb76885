/*
 * yarn bench:fleet — the fleet at scale, measured against the targets of issue 10.
 *
 * 10,000 clusters, each with its catalog Resource entity, stored on SQLite (a file) and,
 * when scripts/postgres.sh exported a connection, PostgreSQL. Reads go through the
 * plugin's real router as a signed-in user, with the real permission backend
 * (@backstage/plugin-permission-backend over HTTP) deciding. Prints every figure with
 * its target. Run from the repository root: `yarn bench:fleet` (FLEET_CLUSTERS=N to
 * change the fleet size, FLEET_REFRESH=N the refreshed clusters).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ConfigReader } from '@backstage/config';
import {
  evaluate,
  workloadFindings,
} from '@cluster-readiness/backstage-plugin-common';
import knexFactory, { Knex } from 'knex';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseReadinessStore } from '../src/database/DatabaseReadinessStore';
import { EvaluationPool } from '../src/evaluation/EvaluationPool';
import { ReadinessService } from '../src/service/ReadinessService';
import { readClusterReadinessConfig } from '../src/config';
import clusterReadinessPlugin from '../src';
import { ClusterOwnershipPolicy } from '../src/permissions/ClusterOwnershipPolicy';
import { oboAuthServiceFactory } from '../src/__testUtils__/oboAuthServiceFactory';

/** A synthetic cluster: ready workers in three zones and pods with and without limits. */
function writeSyntheticSnapshot(
  file: string,
  size: { nodes: number; pods: number },
) {
  const snapshot = {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-20T10:00:00Z',
    cluster: { name: 'synthetic', controlPlane: 'managed' },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
    resources: {
      nodes: {
        items: Array.from({ length: size.nodes }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name: `node-${i}`,
            labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` },
          },
          status: {
            conditions: [{ type: 'Ready', status: 'True' }],
            nodeInfo: {
              kubeletVersion: 'v1.35.1',
              containerRuntimeVersion: 'containerd://2.0.5',
            },
            allocatable: { cpu: '8', memory: '32Gi' },
          },
        })),
      },
      pods: {
        items: Array.from({ length: size.pods }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `app-${i}`,
            namespace: `team-${i % 10}`,
            labels: { 'backstage.io/kubernetes-id': `app-${i % 40}` },
          },
          spec: {
            nodeName: `node-${i % size.nodes}`,
            serviceAccountName: `app-${i % 40}`,
            containers: [
              {
                name: 'app',
                image: `registry.example.com/app-${i % 40}:1.${i % 7}`,
                ...(i % 3
                  ? {
                      resources: {
                        requests: { cpu: '100m', memory: '64Mi' },
                        limits: { memory: '128Mi' },
                      },
                    }
                  : {}),
              },
            ],
          },
          status: { phase: 'Running' },
        })),
      },
    },
  };
  writeFileSync(file, JSON.stringify(snapshot));
}

const N = Number(process.env.FLEET_CLUSTERS ?? 10_000);
const REFRESHED = Number(process.env.FLEET_REFRESH ?? 200);
const SAMPLES = Number(process.env.FLEET_SAMPLES ?? 40);
/** Which parts run: refresh, sqlite, postgres (default all). */
const PARTS = new Set(
  (process.env.FLEET_PARTS ?? 'refresh,sqlite,postgres').split(','),
);
const silent: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silent,
};
const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
const rows: string[] = [];

function report(
  label: string,
  value: string,
  target: string,
  ok: boolean | undefined,
) {
  let verdict = 'n/a ';
  if (ok !== undefined) verdict = ok ? 'PASS' : 'FAIL';
  const line = `${verdict}  ${label.padEnd(58)} ${value.padStart(
    14,
  )}   target ${target}`;
  rows.push(line);
  process.stdout.write(`${line}\n`);
}

/** A whole JSON body, timed like `get` (pages of 100 are small). */
function getJson(
  port: number,
  path: string,
  auth: string,
): Promise<{ status: number; ms: number; body: any }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/cluster-readiness${path}`,
          headers: { authorization: auth },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ms = performance.now() - start;
            const text = Buffer.concat(chunks).toString('utf8');
            let body: any;
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
            resolve({ status: res.statusCode ?? 0, ms, body });
          });
          res.on('error', reject);
        },
      )
      .on('error', reject);
  });
}

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
const name = (i: number) => `cluster-${String(i).padStart(5, '0')}`;

/** Reads a response to its end without keeping it: status, bytes and time. */
function get(
  port: number,
  path: string,
  auth: string,
): Promise<{ status: number; bytes: number; ms: number; body?: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/cluster-readiness${path}`,
          headers: { authorization: auth },
        },
        res => {
          let bytes = 0;
          let head = '';
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (head.length < 400) head += chunk.toString('utf8', 0, 400);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              bytes,
              ms: performance.now() - start,
              body: head,
            }),
          );
          res.on('error', reject);
        },
      )
      .on('error', reject);
  });
}

const TEAMS = 50;
const ownerOf = (i: number) => `group:default/team-${i % TEAMS}`;
const systemOf = (i: number) => `system:default/system-${i % 20}`;

/**
 * The bench's policy filters: a user sees the clusters their groups own (conditional
 * decisions on catalog entities, resolved in the catalog), admins everything. Decided
 * by the real permission backend over HTTP.
 */
const benchPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-fleet-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(
          new ClusterOwnershipPolicy({ admins: ['group:default/admins'] }),
        );
      },
    });
  },
});

/** Alice belongs to team-0 (1 cluster in 50); the admin to the admins group. */
const memberships: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-0'],
  'user:default/admin': ['group:default/admins'],
};
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(memberships[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

async function seed(knex: Knex, label: string) {
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  const templates = Array.from({ length: 8 }, (_, t) => {
    const file = join(dir, `template-${t}.json`);
    writeSyntheticSnapshot(file, { nodes: 3 + t, pods: 20 + 10 * t });
    const snapshot = JSON.parse(readFileSync(file, 'utf8'));
    // Evaluated once per template: seeding measures the store, not the engine.
    return {
      report: evaluate(snapshot),
      workloads: workloadFindings(snapshot),
    };
  });
  const started = performance.now();
  const concurrency = knex.client.config.client === 'pg' ? 8 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < N; i = next++) {
        const template = templates[i % templates.length];
        await store.saveEvaluation({
          clusterName: name(i),
          entityRef: `resource:default/${name(i)}`,
          owner: ownerOf(i),
          system: systemOf(i),
          source: 'pushed',
          report: {
            ...template.report,
            cluster: { ...template.report.cluster, name: name(i) },
          },
          workloads: template.workloads,
          refreshedAt: new Date().toISOString(),
        });
      }
    }),
  );
  if (knex.client.config.client === 'pg') {
    // Table statistics, as autovacuum gathers them within a minute of a bulk load in
    // a running deployment: without them the planner guesses on fresh tables.
    await knex.raw('ANALYZE');
  }
  process.stdout.write(
    `› ${label}: stored ${N} clusters in ${(
      (performance.now() - started) /
      1000
    ).toFixed(1)} s\n`,
  );
}

async function reads(knex: Knex, label: string) {
  await seed(knex, label);
  const entities = Array.from({ length: N }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: name(i), namespace: 'default' },
    spec: {
      type: 'kubernetes-cluster',
      owner: ownerOf(i),
      system: systemOf(i),
    },
    relations: [{ type: 'ownedBy', targetRef: ownerOf(i) }],
  }));
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          clusterReadiness: {
            kubernetesBackend: { enabled: false },
            schedule: { frequency: { hours: 24 }, initialDelay: { hours: 24 } },
          },
        },
      }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      permissionsServiceFactory,
      import('@backstage/plugin-permission-backend'),
      benchPolicy,
      userInfoFactory,
      oboAuthServiceFactory,
      httpAuthServiceFactory,
      clusterReadinessPlugin,
    ],
  });
  const port = (backend.server.address() as { port: number }).port;
  const user = mockCredentials.user.header('user:default/alice');
  const admin = mockCredentials.user.header('user:default/admin');
  const service = mockCredentials.service.header();
  try {
    // Warm up the cluster list (the catalog read is cached for a minute).
    const first = await get(port, '/clusters?limit=100', user);
    if (first.status !== 200) {
      process.stdout.write(
        `! ${label}: GET /clusters as a user answered ${
          first.status
        }: ${first.body?.slice(0, 200)}\n`,
      );
    }
    const timed = async (path: (i: number) => string, auth = user) => {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const r = await get(port, path(i), auth);
        status = r.status;
        times.push(r.ms);
      }
      return { p95: p95(times), status };
    };
    const show = (
      what: string,
      r: { p95: number; status: number },
      target: number,
    ) =>
      report(
        `${label} ${what}`,
        r.status === 200 ? `${r.p95.toFixed(1)} ms` : `HTTP ${r.status}`,
        `p95 ≤ ${target} ms`,
        r.status === 200 ? r.p95 <= target : false,
      );
    // Pages of 100 by cursor, for a user (200 clusters of their team) and an admin
    // (all of them), sorted by name and by score.
    const cursorPages = async (query: string, auth: string) => {
      const times: number[] = [];
      let status = 200;
      let cursor: string | undefined;
      for (let i = 0; i < SAMPLES && status === 200; i++) {
        const r = await getJson(
          port,
          `/clusters?${query}${cursor ? `&cursor=${cursor}` : ''}`,
          auth,
        );
        status = r.status;
        times.push(r.ms);
        // From the first page again after the last.
        cursor = r.body?.nextCursor;
      }
      return { p95: p95(times), status };
    };
    show(
      'GET /clusters?limit=100 (user, team of N/50) p95',
      await cursorPages('limit=100', user),
      50,
    );
    show(
      'GET /clusters?limit=100&sort=score (admin, all N) p95',
      await cursorPages('limit=100&sort=score&order=desc', admin),
      50,
    );
    show(
      'GET /clusters?limit=100&grade=… (admin) p95',
      await timed(
        i => `/clusters?limit=100&grade=${'ABCDF'[i % 5]}&sort=evaluatedAt`,
        admin,
      ),
      50,
    );
    const pick = (i: number) => name(((i * 7919) % (N / TEAMS)) * TEAMS);
    show(
      'GET /clusters/:name (user) p95',
      await timed(i => `/clusters/${pick(i)}`),
      20,
    );
    show(
      'GET /clusters/:name/history (user) p95',
      await timed(i => `/clusters/${pick(i)}/history`),
      20,
    );
    show(
      'GET /clusters/:name/drift (user) p95',
      await timed(i => `/clusters/${pick(i)}/drift`),
      20,
    );
    show('GET /fleet (user) p95', await timed(() => '/fleet'), 100);
    show(
      'GET /fleet (admin, all N) p95',
      await timed(() => '/fleet', admin),
      100,
    );
    show(
      'GET /fleet?owner=… (admin) p95',
      await timed(i => `/fleet?owner=${ownerOf(i)}`, admin),
      100,
    );
    show(
      'GET /checks/:id/clusters?limit=100 (user) p95',
      await timed(() => '/checks/nodes.worker-count/clusters?limit=100'),
      50,
    );
    show(
      'GET /checks/:id/clusters?limit=100 (admin) p95',
      await timed(() => '/checks/nodes.zone-spread/clusters?limit=100', admin),
      50,
    );
    for (const [who, auth] of [
      ['user', user],
      ['service', service],
    ] as const) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const r = await get(port, '/export?format=sarif', auth);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const growth = (peak - before) / 1024 / 1024;
      report(
        `${label} SARIF export of ${N} clusters (${who}) RSS growth`,
        r.status === 200 ? `${growth.toFixed(1)} MB` : `HTTP ${r.status}`,
        '≤ 50 MB',
        r.status === 200 ? growth <= 50 : false,
      );
      if (r.status === 200)
        process.stdout.write(
          `  (${(r.bytes / 1024 / 1024).toFixed(0)} MB streamed in ${(
            r.ms / 1000
          ).toFixed(1)} s)\n`,
        );
    }
  } finally {
    await backend.stop();
  }
}

async function refresh() {
  const cores = availableParallelism();
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'refresh.sqlite') },
    useNullAsDefault: true,
  });
  const files = Array.from({ length: 8 }, (_, t) => {
    const file = join(dir, `refresh-${t}.json`);
    writeSyntheticSnapshot(file, { nodes: 30 + t, pods: 1500 + 100 * t });
    return file;
  });
  const descriptors = Array.from({ length: REFRESHED }, (_, i) => ({
    name: name(i),
    snapshotFile: files[i % files.length],
  }));
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  const config = readClusterReadinessConfig(
    new ConfigReader({ clusterReadiness: { concurrency: 8 } }),
  );
  const pool = new EvaluationPool({ size: config.evaluation.workers });
  const service = new ReadinessService({
    store,
    sources: [{ id: 'bench', listClusters: async () => descriptors }],
    config,
    logger: silent,
    evaluationPool: pool,
  });
  try {
    // Start every worker (each loads the engine and the snapshot reader once), so
    // neither measurement below pays for it.
    await Promise.all(
      descriptors.slice(0, cores).map(d => service.refreshCluster(d.name)),
    );
    let sum = 0;
    for (const d of descriptors) {
      const start = performance.now();
      await service.refreshCluster(d.name);
      sum += performance.now() - start;
    }
    const start = performance.now();
    await service.refreshAll();
    const all = performance.now() - start;
    const target = (1.5 * sum) / cores;
    report(
      `refresh of ${REFRESHED} clusters at concurrency 8 (${cores} cores)`,
      `${(all / 1000).toFixed(2)} s`,
      `≤ ${(target / 1000).toFixed(2)} s (1.5 × ${(sum / 1000).toFixed(
        2,
      )} s ÷ ${cores})`,
      all <= target,
    );
  } finally {
    await pool.close();
    await knex.destroy();
  }
}

async function main() {
  process.stdout.write(
    `Fleet bench: ${N} clusters, ${availableParallelism()} cores\n`,
  );
  if (PARTS.has('refresh')) await refresh();
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'fleet.sqlite') },
    useNullAsDefault: true,
    // A bench database: no fsync per transaction while seeding 10,000 rows.
    pool: {
      afterCreate: (conn: any, done: () => void) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = OFF');
        done();
      },
    },
  });
  try {
    if (PARTS.has('sqlite')) await reads(sqlite, 'SQLite');
  } finally {
    await sqlite.destroy();
  }
  const pgUrl = Object.entries(process.env).find(([k]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  )?.[1];
  if (!PARTS.has('postgres')) {
    // not asked for
  } else if (!pgUrl) {
    process.stdout.write(
      '› PostgreSQL: skipped (source scripts/postgres.sh first to start it)\n',
    );
  } else {
    const database = `bench_fleet_${process.pid}`;
    const admin = knexFactory({ client: 'pg', connection: pgUrl });
    await admin.raw(`CREATE DATABASE ${database}`);
    const pg = knexFactory({
      client: 'pg',
      connection: `${pgUrl}/${database}`,
      pool: { min: 0, max: 10 },
    });
    try {
      await reads(pg, 'PostgreSQL');
    } finally {
      await pg.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
      await admin.destroy();
    }
  }
  process.stdout.write(`\nSummary\n${rows.join('\n')}\n`);
}

main()
  .catch(e => {
    process.stderr.write(
      `bench:fleet failed: ${e instanceof Error ? e.stack : e}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
