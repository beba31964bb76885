import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BUILTIN_CHECKS } from '@cluster-readiness/backstage-plugin-common';
import request from 'supertest';
import { clusterReadinessPlugin } from './plugin';
import { testDatabaseFactory } from './__testUtils__/testDatabaseFactory';

describe('clusterReadinessPlugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [testDatabaseFactory(), clusterReadinessPlugin],
    });
    const res = await request(server)
      .get('/api/cluster-readiness/health')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves the check catalog to signed-in users and refuses anonymous calls', async () => {
    const { server } = await startTestBackend({
      features: [testDatabaseFactory(), clusterReadinessPlugin],
    });
    const ok = await request(server)
      .get('/api/cluster-readiness/checks')
      .set('authorization', mockCredentials.user.header());
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((c: { id: string }) => c.id)).toEqual(
      BUILTIN_CHECKS.map(c => c.id),
    );
    expect(ok.body.items[0]).not.toHaveProperty('evaluate');

    const anonymous = await request(server)
      .get('/api/cluster-readiness/checks')
      .set('authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
