import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import request from 'supertest';
import { startReadinessBackend } from '../__testUtils__/demoBackend';

jest.setTimeout(60_000);

describe('refresh signals', () => {
  it('broadcasts every finished refresh on the cluster-readiness channel, without readiness data', async () => {
    const published: SignalPayload[] = [];
    const backend = await startReadinessBackend({
      features: [
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: SignalPayload) => {
              published.push(signal);
            },
          }),
        }),
      ],
    });
    try {
      const res = await request(backend.server)
        .post('/api/cluster-readiness/clusters/staging-1/refresh')
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(published).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: 'cluster-readiness',
          message: {
            cluster: 'staging-1',
            entityRef: 'resource:default/staging-1',
            state: 'ok',
            refreshedAt: res.body.refreshedAt,
          },
        },
      ]);
    } finally {
      await backend.stop();
    }
  });
});
