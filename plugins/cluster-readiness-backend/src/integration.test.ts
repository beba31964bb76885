/*
 * The real @backstage/plugin-kubernetes-backend and Cluster Readiness in one test
 * backend, reading two clusters served over TLS by the Kubernetes API test server:
 * one healthy, one that starts failing. Collection goes through the Kubernetes
 * plugin's proxy with a plugin-to-plugin token.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import {
  KubeApiTestServer,
  startKubeApiTestServer,
} from '@cluster-readiness/kube-api-test-server';
import { parseClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { clusterReadinessPlugin } from './plugin';
import { testDatabaseFactory } from './__testUtils__/testDatabaseFactory';

const example = (name: string) =>
  parseClusterSnapshot(
    JSON.parse(readFileSync(resolve(__dirname, `../../../examples/snapshots/${name}.json`), 'utf8')),
    `${name}.json`,
  );

describe('Cluster Readiness with the Kubernetes plugin (integration)', () => {
  let healthy: KubeApiTestServer;
  let flaky: KubeApiTestServer;

  beforeAll(async () => {
    // Each start generates an RSA CA and certificate: slow on a busy machine.
    healthy = await startKubeApiTestServer({ snapshot: example('prod-eu-1') });
    flaky = await startKubeApiTestServer({ snapshot: example('staging-1') });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([healthy?.close(), flaky?.close()]);
  });

  it('reads both clusters through the proxy, then keeps the failing one stale with its history', async () => {
    const cluster = (name: string, server: KubeApiTestServer) => ({
      name,
      url: server.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: server.token,
      caData: Buffer.from(server.caPem).toString('base64'),
      skipMetricsLookup: true,
    });
    const { server } = await startTestBackend({
      features: [
        testDatabaseFactory(),
        kubernetesPlugin,
        clusterReadinessPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                { type: 'config', clusters: [cluster('prod-eu-1', healthy), cluster('staging-1', flaky)] },
              ],
            },
            clusterReadiness: {
              // Generous hang guards, not speed requirements: on a busy machine a
              // 5 s GET /version deadline expired. Refused connections fail at once.
              collection: { requestTimeoutMs: 120_000, deadlineMs: 240_000, pageSize: 50 },
            },
          },
        }),
      ],
    });
    const service = mockCredentials.service.header();
    const user = mockCredentials.user.header();
    const api = (path: string) => `/api/cluster-readiness${path}`;

    for (const name of ['prod-eu-1', 'staging-1']) {
      const res = await request(server).post(api(`/clusters/${name}/refresh`)).set('authorization', service);
      expect([name, res.status, res.body.state, res.body.error]).toEqual([name, 200, 'ok', undefined]);
    }
    const list = await request(server).get(api('/clusters')).set('authorization', user);
    const byName = Object.fromEntries(list.body.items.map((c: any) => [c.name, c]));
    expect(byName['prod-eu-1']).toMatchObject({ source: 'live', state: 'ok', grade: 'A' });
    expect(byName['staging-1']).toMatchObject({ source: 'live', state: 'ok', grade: 'F' });

    // Only GETs reached the clusters, never Secrets, always with the configured token.
    for (const s of [healthy, flaky]) {
      expect(s.requests.length).toBeGreaterThan(20);
      expect(s.requests.every(r => r.method === 'GET')).toBe(true);
      expect(s.requests.some(r => r.path.includes('/secrets'))).toBe(false);
      expect(s.requests.every(r => r.authenticated)).toBe(true);
    }
    // Pagination passed through the proxy.
    expect(healthy.requests.some(r => r.query.limit === '50')).toBe(true);

    const before = await request(server).get(api('/clusters/staging-1')).set('authorization', user);

    // The flaky cluster stops answering: its last good report stays, marked stale.
    flaky.setFaults([{ match: '/', kind: 'refuse' }]);
    const failed = await request(server).post(api('/clusters/staging-1/refresh')).set('authorization', service);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ state: 'stale', stale: true });
    expect(failed.body.error).toMatch(/staging-1/);
    expect(failed.body.error).not.toContain(flaky.token);
    const after = await request(server).get(api('/clusters/staging-1')).set('authorization', user);
    expect(after.body.report).toEqual(before.body.report);

    // The healthy one is unaffected and gains a second history entry.
    const again = await request(server).post(api('/clusters/prod-eu-1/refresh')).set('authorization', service);
    expect(again.body.state).toBe('ok');
    const history = await request(server).get(api('/clusters/prod-eu-1/history')).set('authorization', user);
    expect(history.body.items).toHaveLength(2);
    const stagingHistory = await request(server).get(api('/clusters/staging-1/history')).set('authorization', user);
    expect(stagingHistory.body.items).toHaveLength(1);

    // Back to healthy: fresh again.
    flaky.setFaults([]);
    const recovered = await request(server).post(api('/clusters/staging-1/refresh')).set('authorization', service);
    expect(recovered.body).toMatchObject({ state: 'ok', stale: false });
  }, 600_000);
});
