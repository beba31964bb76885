import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import {
  demoSnapshot,
  startReadinessBackend,
} from '../__testUtils__/demoBackend';

jest.setTimeout(60_000);

describe('notifications in the plugin', () => {
  it('notifies the owning group from the catalog when a pushed snapshot lowers the grade', async () => {
    const sent: NotificationSendOptions[] = [];
    const backend = await startReadinessBackend({
      // prod-eu-1 is read from a snapshot file: pushing over it must be allowed.
      config: {
        clusterReadiness: {
          notifications: { enabled: true },
          push: { allowClusters: ['prod-eu-1'] },
        },
      },
      features: [
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (options: NotificationSendOptions) => {
              sent.push(options);
            },
          }),
        }),
      ],
    });
    try {
      const service = mockCredentials.service.header();
      const refreshed = await request(backend.server)
        .post('/api/cluster-readiness/clusters/prod-eu-1/refresh')
        .set('authorization', service);
      expect(refreshed.status).toBe(200);
      const worse = JSON.parse(readFileSync(demoSnapshot('staging-1'), 'utf8'));
      worse.cluster.name = 'prod-eu-1';
      worse.collectedAt = '2026-11-30T10:00:00Z';
      const pushed = await request(backend.server)
        .post('/api/cluster-readiness/snapshots')
        .set('authorization', service)
        .send(worse);
      expect(pushed.status).toBe(201);
      expect(pushed.body.grade).not.toBe(refreshed.body.grade);

      const grade = sent.find(n => /grade dropped/.test(n.payload.title));
      expect(grade).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/platform-team',
        },
        payload: {
          title: `Cluster prod-eu-1: readiness grade dropped from ${refreshed.body.grade} to ${pushed.body.grade}`,
          link: '/catalog/default/resource/prod-eu-1/readiness',
        },
      });
    } finally {
      await backend.stop();
    }
  });
});
