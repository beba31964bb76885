import {
  createServiceFactory,
  coreServices,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
// The real Cluster Readiness backend is what the fact retriever reads.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import clusterReadinessPlugin from '@cluster-readiness/backstage-plugin-backend';
import { knex as createKnex } from 'knex';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';
import techInsightsModuleClusterReadiness, {
  CLUSTER_READINESS_FACT_RETRIEVER_ID,
} from './index';

jest.setTimeout(60_000);

const snapshot = (name: string) =>
  resolve(__dirname, '../../../examples/snapshots', `${name}.json`);

const entities: Entity[] = ['prod-eu-1', 'staging-1'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
}));

/**
 * An in-memory SQLite database per plugin, destroyed when the test backend stops:
 * Backstage's default database service leaves SQLite connections (and knex's pool
 * timer) open on shutdown, and the Jest worker then has to be force-exited.
 */
const closingDatabaseFactory = createServiceFactory({
  service: coreServices.database,
  deps: { lifecycle: coreServices.lifecycle },
  async factory({ lifecycle }) {
    const client = createKnex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    lifecycle.addShutdownHook(() => client.destroy());
    return { getClient: async () => client };
  },
});

async function start(config: Record<string, unknown> = {}) {
  let base = 'http://localhost:0';
  // The test utils' scheduler: tasks run when the test triggers them.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const backend = await startTestBackend({
    features: [
      closingDatabaseFactory,
      clusterReadinessPlugin,
      techInsightsPlugin,
      techInsightsModuleClusterReadiness,
      catalogServiceMock.factory({ entities }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      // Plugins reach each other over HTTP: discovery points at the test backend.
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => ({
          getBaseUrl: async (id: string) => `${base}/api/${id}`,
          getExternalBaseUrl: async (id: string) => `${base}/api/${id}`,
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          clusterReadiness: {
            kubernetesBackend: { enabled: false },
            snapshots: [
              { cluster: 'prod-eu-1', path: snapshot('prod-eu-1') },
              { cluster: 'staging-1', path: snapshot('staging-1') },
            ],
          },
          techInsights: {
            factRetrievers: {
              [CLUSTER_READINESS_FACT_RETRIEVER_ID]: {
                cadence: '*/30 * * * *',
              },
            },
          },
          ...config,
        },
      }),
    ],
  });
  base = `http://localhost:${(backend.server.address() as AddressInfo).port}`;
  const service = mockCredentials.service.header();
  for (const name of ['prod-eu-1', 'staging-1']) {
    const res = await request(backend.server)
      .post(`/api/cluster-readiness/clusters/${name}/refresh`)
      .set('authorization', service);
    expect(res.status).toBe(200);
  }
  return { backend, scheduler };
}

describe('techInsightsModuleClusterReadiness with the tech-insights backend', () => {
  it('retrieves readiness facts for cluster entities and runs the readiness checks on them', async () => {
    const { backend, scheduler } = await start();
    try {
      const user = mockCredentials.user.header();
      const readiness = await request(backend.server)
        .get('/api/cluster-readiness/clusters')
        .set('authorization', user);
      const byName = Object.fromEntries(
        readiness.body.items.map((c: any) => [c.name, c]),
      );

      await scheduler.triggerTask(CLUSTER_READINESS_FACT_RETRIEVER_ID);

      const facts = await request(backend.server)
        .get('/api/tech-insights/facts/latest')
        .query({
          entity: 'Resource:default/staging-1',
          ids: [CLUSTER_READINESS_FACT_RETRIEVER_ID],
        })
        .set('authorization', user);
      expect(facts.status).toBe(200);
      const staging = byName['staging-1'];
      const stagingFacts =
        facts.body[CLUSTER_READINESS_FACT_RETRIEVER_ID].facts;
      expect(stagingFacts).toMatchObject({
        clusterReadinessScore: staging.score,
        clusterReadinessGrade: staging.grade,
        clusterReadinessCoverage: staging.coverage,
        clusterReadinessStale: false,
        clusterReadinessFailCount: staging.counts.fail,
        clusterReadinessWarnCount: staging.counts.warn,
        clusterReadinessPassCount: staging.counts.pass,
        clusterReadinessWaivedCount: staging.counts.waived,
        clusterReadinessAccessScore: staging.categories.find(
          (c: any) => c.id === 'access',
        ).score,
      });

      const criticalFails: Record<string, number> = {};
      for (const name of ['prod-eu-1', 'staging-1']) {
        const details = await request(backend.server)
          .get(`/api/cluster-readiness/clusters/${name}`)
          .set('authorization', user);
        criticalFails[name] = details.body.report.checks.filter(
          (r: any) =>
            r.severity === 'critical' &&
            r.status === 'fail' &&
            !(r.waiver && !r.waiver.expired),
        ).length;
      }
      expect(stagingFacts.clusterReadinessCriticalFailCount).toBe(
        criticalFails['staging-1'],
      );

      const checks = await request(backend.server)
        .get('/api/tech-insights/checks')
        .set('authorization', user);
      expect(checks.body.map((c: any) => c.id).sort()).toEqual([
        'clusterReadinessCoverageAtLeast75',
        'clusterReadinessGradeAtLeastB',
        'clusterReadinessNoFailingCriticalCheck',
      ]);

      for (const name of ['prod-eu-1', 'staging-1']) {
        const run = await request(backend.server)
          .post(`/api/tech-insights/checks/run/default/Resource/${name}`)
          .send({})
          .set('authorization', user);
        expect(run.status).toBe(200);
        const results = Object.fromEntries(
          run.body.map((r: any) => [r.check.id, r.result]),
        );
        const cluster = byName[name];
        expect([name, results]).toEqual([
          name,
          {
            clusterReadinessGradeAtLeastB: ['A', 'B'].includes(cluster.grade),
            clusterReadinessNoFailingCriticalCheck: criticalFails[name] === 0,
            clusterReadinessCoverageAtLeast75: cluster.coverage >= 0.75,
          },
        ]);
      }
      // The demo's degraded cluster and its healthy one come out differently.
      expect(['A', 'B']).toContain(byName['prod-eu-1'].grade);
      expect(['A', 'B']).not.toContain(byName['staging-1'].grade);
    } finally {
      await backend.stop();
    }
  });

  it('leaves the fact checker alone when clusterReadiness.techInsights.factChecks is false', async () => {
    const { backend } = await start({
      clusterReadiness: {
        kubernetesBackend: { enabled: false },
        techInsights: { factChecks: false },
        snapshots: [
          { cluster: 'prod-eu-1', path: snapshot('prod-eu-1') },
          { cluster: 'staging-1', path: snapshot('staging-1') },
        ],
      },
    });
    try {
      const checks = await request(backend.server)
        .get('/api/tech-insights/checks')
        .set('authorization', mockCredentials.user.header());
      // Without a fact checker the tech-insights backend serves no check routes.
      expect(checks.status).toBe(404);
      // The fact retriever is still there.
      const schemas = await request(backend.server)
        .get('/api/tech-insights/fact-schemas')
        .set('authorization', mockCredentials.user.header());
      expect(schemas.body.map((s: any) => s.id)).toContain(
        CLUSTER_READINESS_FACT_RETRIEVER_ID,
      );
    } finally {
      await backend.stop();
    }
  });
});
