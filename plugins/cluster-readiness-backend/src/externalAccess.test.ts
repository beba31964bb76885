/*
 * POST /snapshots with a real static external access token (backend.auth.externalAccess),
 * through the real auth and httpAuth services rather than mock credentials.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { clusterReadinessPlugin } from './plugin';
import { testDatabaseFactory } from './__testUtils__/testDatabaseFactory';

const TOKEN = 'a-static-token-for-the-air-gapped-pusher-0123456789';

describe('POST /snapshots with a static external access token', () => {
  it('accepts the configured token and refuses others', async () => {
    const { server } = await startTestBackend({
      features: [
        testDatabaseFactory(),
        clusterReadinessPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'edge-pusher' },
                  },
                ],
              },
            },
            clusterReadiness: { kubernetesBackend: { enabled: false } },
          },
        }),
      ],
    });
    const snapshot = {
      apiVersion: 'cluster-readiness/v1alpha1',
      kind: 'ClusterSnapshot',
      collectedAt: '2026-11-21T10:00:00Z',
      cluster: { name: 'edge-7' },
      resources: { nodes: { items: [] } },
    };
    const ok = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', `Bearer ${TOKEN}`)
      .send(snapshot);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: 'edge-7', source: 'pushed' });

    const wrong = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', 'Bearer not-the-token')
      .send(snapshot);
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain(TOKEN);
  });
});
