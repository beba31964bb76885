import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  BUILTIN_CHECKS,
  checkMetadata,
  ClusterReport,
  ClusterSnapshot,
  ClusterSummary,
  evaluate,
  gradeLabel,
  toSarif,
  WorkloadReport,
  workloadFindings,
} from '@cluster-readiness/backstage-plugin-common';
import express from 'express';
import request from 'supertest';
import type { ReadinessStore } from '../database/ReadinessStore';
import { createRouter } from './router';
import type { ReadinessService } from './ReadinessService';
import { toSummary } from './ReadinessService';
import type { ClusterReadinessConfig } from '../config';

function snapshot(name: string, workers: number): ClusterSnapshot {
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
          metadata: { name: `w-${i}` },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        })),
      },
      pods: {
        items: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              name: 'checkout-1',
              namespace: 'shop',
              labels: { 'backstage.io/kubernetes-id': 'checkout' },
            },
            spec: { containers: [{ name: 'app' }] },
            status: { phase: 'Running' },
          },
        ],
      },
    },
  } as ClusterSnapshot;
}

const CLUSTERS = 250;
const names = Array.from(
  { length: CLUSTERS },
  (_, i) => `c-${String(i).padStart(4, '0')}`,
);
const reports = new Map<string, ClusterReport>();
const workloads = new Map<string, Record<string, WorkloadReport>>();
for (const [i, name] of names.entries()) {
  const s = snapshot(name, 1 + (i % 4));
  reports.set(name, evaluate(s));
  // Every other cluster runs the checkout workload.
  workloads.set(name, i % 2 === 0 ? workloadFindings(s) : {});
}
const summaries: ClusterSummary[] = names.map(name => {
  const r = reports.get(name)!;
  return toSummary({
    clusterName: name,
    source: 'pushed',
    score: r.score,
    grade: r.grade,
    coverage: r.coverage,
    summary: {
      categories: r.categories.map(c => ({
        id: c.id,
        score: c.score,
        grade: c.grade,
      })),
      counts: r.counts,
    },
    evaluatedAt: r.collectedAt,
    stale: false,
    state: 'ok',
  });
});

/** Counts the store's work: how many queries, and how many clusters each asked for. */
function countingStore() {
  const calls = {
    getReports: [] as number[],
    getReport: 0,
    getWorkloadsFor: 0,
    getWorkloads: 0,
  };
  const store = {
    async getReports(clusterNames: readonly string[]) {
      calls.getReports.push(clusterNames.length);
      return clusterNames.map(n => reports.get(n)!);
    },
    async getReport(name: string) {
      calls.getReport += 1;
      return reports.get(name);
    },
    async getWorkloadsFor(clusterNames: readonly string[], key: string) {
      calls.getWorkloadsFor += 1;
      const found = new Map<string, WorkloadReport>();
      for (const n of clusterNames) {
        const w = workloads.get(n)?.[key];
        if (w) found.set(n, w);
      }
      return found;
    },
    async getWorkloads(name: string) {
      calls.getWorkloads += 1;
      return workloads.get(name);
    },
  } as unknown as ReadinessStore;
  return { store, calls };
}

async function app(store: ReadinessStore, exportPageSize?: number) {
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'checkout',
          namespace: 'default',
          annotations: { 'backstage.io/kubernetes-id': 'checkout' },
        },
        spec: {},
      },
    ],
  });
  const router = await createRouter({
    auth: mockServices.auth(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    catalog,
    service: {
      summaries: async () => summaries,
    } as unknown as ReadinessService,
    store,
    config: {
      push: { maxBytes: 1_000_000, allowClusters: [] },
    } as unknown as ClusterReadinessConfig,
    checks: () => BUILTIN_CHECKS,
    exportPageSize,
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return express().use(router).use(middleware.error());
}

const metadata = BUILTIN_CHECKS.map(checkMetadata);
const allReports = names.map(n => reports.get(n)!);

/** The SARIF export as it was built before streaming: one document in memory. */
function wholeSarif() {
  const sarif = toSarif(allReports, metadata) as {
    runs: Array<{ properties?: object }>;
  };
  sarif.runs.forEach((run, i) => {
    const r = allReports[i];
    run.properties = {
      cluster: r.cluster.name,
      distribution: r.distribution?.name ?? null,
      score: r.score,
      grade: r.grade,
      gradeCap: r.gradeCap ?? null,
      gradeLabel: gradeLabel(r),
      coverage: r.coverage,
      ...run.properties,
    };
  });
  return sarif;
}

describe('streaming exports', () => {
  it('streams SARIF a page of reports at a time, equal to the whole document', async () => {
    const { store, calls } = countingStore();
    const res = await request(await app(store, 40)).get('/export?format=sarif');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/\.sarif"$/);
    // Byte for byte what `res.json` of the whole document gave.
    expect(res.text).toBe(JSON.stringify(wholeSarif()));
    // 250 clusters in pages of 40: seven queries, none bigger than a page, none one by one.
    expect(calls.getReports).toEqual([40, 40, 40, 40, 40, 40, 10]);
    expect(calls.getReport).toBe(0);
  });

  it('streams JSON a page at a time, equal to the whole document', async () => {
    const { store, calls } = countingStore();
    const res = await request(await app(store)).get('/export');
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.text).toBe(
      JSON.stringify({ clusters: summaries, reports: allReports }),
    );
    expect(calls.getReports).toEqual([100, 100, 50]);
  });

  it('streams CSV with one row per cluster', async () => {
    const { store, calls } = countingStore();
    const res = await request(await app(store, 100)).get('/export?format=csv');
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.split('\n');
    expect(lines).toHaveLength(CLUSTERS + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[1].startsWith('c-0000,,,')).toBe(true);
    expect(lines[CLUSTERS].startsWith('c-0249,')).toBe(true);
    expect(calls.getReports).toEqual([]);
  });

  it('streams an empty fleet as valid documents', async () => {
    const { store } = countingStore();
    const none = await createRouter({
      auth: mockServices.auth(),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock(),
      service: { summaries: async () => [] } as unknown as ReadinessService,
      store,
      config: {
        push: { maxBytes: 1_000_000, allowClusters: [] },
      } as unknown as ClusterReadinessConfig,
      checks: () => BUILTIN_CHECKS,
    });
    const sarif = await request(express().use(none)).get(
      '/export?format=sarif',
    );
    expect(JSON.parse(sarif.text)).toEqual(toSarif([], metadata));
    const json = await request(express().use(none)).get('/export');
    expect(JSON.parse(json.text)).toEqual({ clusters: [], reports: [] });
  });
});

describe('component view', () => {
  it("reads every cluster's workloads in one query", async () => {
    const { store, calls } = countingStore();
    const res = await request(await app(store)).get(
      '/entities/component/default/checkout',
    );
    expect(res.status).toBe(200);
    expect(calls.getWorkloadsFor).toBe(1);
    expect(calls.getWorkloads).toBe(0);
    expect(res.body.clusters).toHaveLength(CLUSTERS / 2);
    expect(res.body.clusters[0]).toMatchObject({
      cluster: { name: 'c-0000' },
      via: ['pods'],
    });
    expect(res.body.clusters[0].workloads).toEqual(
      workloads.get('c-0000')!.checkout,
    );
  });
});
