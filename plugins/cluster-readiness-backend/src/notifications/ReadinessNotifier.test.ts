import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSnapshot } from '../__testUtils__/demoBackend';
import { readClusterReadinessConfig } from '../config';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { ReadinessService } from '../service/ReadinessService';
import { NotificationKeyStore } from './NotificationKeyStore';
import { readNotificationsConfig } from './readNotificationsConfig';
import { ReadinessNotifier } from './ReadinessNotifier';

jest.setTimeout(120_000);

const ids: TestDatabaseId[] = [
  'SQLITE_3',
  ...Object.keys(process.env)
    .map(
      k =>
        /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(
          k,
        )?.[1],
    )
    .filter((version): version is string => !!version)
    .map(version => `POSTGRES_${version}` as TestDatabaseId),
];
const databases = TestDatabases.create({ ids, disableDocker: true });

const dir = mkdtempSync(join(tmpdir(), 'cluster-readiness-notify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a demo snapshot under the name prod-eu-1 with the given collectedAt. */
function writeAs(file: string, demo: string, collectedAt: string) {
  const snapshot = JSON.parse(readFileSync(demoSnapshot(demo), 'utf8'));
  snapshot.cluster.name = 'prod-eu-1';
  snapshot.collectedAt = collectedAt;
  writeFileSync(file, JSON.stringify(snapshot));
}

const NOW = new Date('2026-11-30T12:00:00Z');

async function setup(id: TestDatabaseId, config: Record<string, unknown> = {}) {
  const knex = await databases.init(id);
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  const file = join(dir, `${id}-${Math.random().toString(36).slice(2)}.json`);
  const sent: NotificationSendOptions[] = [];
  const notifications = {
    send: async (options: NotificationSendOptions) => {
      sent.push(options);
    },
  };
  const readinessConfig = readClusterReadinessConfig(
    new ConfigReader({
      clusterReadiness: {
        kubernetesBackend: { enabled: false },
        snapshots: [{ cluster: 'prod-eu-1', path: file }],
        ...config,
      },
    }),
  );
  const notifyConfig = readNotificationsConfig(
    new ConfigReader({
      clusterReadiness: {
        notifications: { enabled: true, ...(config.notifications as object) },
      },
    }),
  );
  // Two replicas on one database: each has its own notifier, both see the refresh.
  const replicas = [1, 2].map(
    () =>
      new ReadinessNotifier({
        notifications,
        store,
        keys: new NotificationKeyStore(knex),
        config: notifyConfig,
        ownerOf: async () => ({
          owner: 'group:default/platform-team',
          entityRef: 'resource:default/prod-eu-1',
        }),
        logger: mockServices.logger.mock(),
        now: () => NOW,
      }),
  );
  const service = new ReadinessService({
    store,
    sources: [],
    config: readinessConfig,
    logger: mockServices.logger.mock(),
    listeners: [
      {
        // Both replicas handle the same change at the same time.
        onRefreshed: event =>
          Promise.all(replicas.map(r => r.onRefreshed(event))).then(() => {}),
      },
    ],
    now: () => NOW,
  });
  return { knex, store, service, file, sent };
}

describe.each(databases.eachSupportedId())('ReadinessNotifier on %p', id => {
  it('migrates the notification keys table up and down', async () => {
    const knex = await databases.init(id);
    await DatabaseReadinessStore.create({
      database: mockServices.database({ knex }),
    });
    expect(
      await knex.schema.hasTable('cluster_readiness_notification_keys'),
    ).toBe(true);
    const keys = new NotificationKeyStore(knex);
    expect(await keys.claim('k', 'c', NOW.toISOString())).toBe(true);
    expect(await keys.claim('k', 'c', NOW.toISOString())).toBe(false);
    await knex.migrate.down({
      directory: join(__dirname, '../../migrations'),
      name: '20261130130000_notification_keys.js',
    });
    expect(
      await knex.schema.hasTable('cluster_readiness_notification_keys'),
    ).toBe(false);
    expect(await knex.schema.hasTable('cluster_readiness_reports')).toBe(true);
  });

  it('tells the owning group once when the grade drops, with the Readiness tab and the changed checks', async () => {
    const { service, file, sent, store } = await setup(id);
    writeAs(file, 'prod-eu-1', '2026-11-29T10:00:00Z');
    await service.refreshAll();
    const before = await store.getCluster('prod-eu-1');
    expect(sent).toEqual([]); // the first report is no change

    writeAs(file, 'staging-1', '2026-11-30T10:00:00Z');
    await service.refreshAll();
    const after = await store.getCluster('prod-eu-1');
    expect(before!.grade! < after!.grade!).toBe(true); // A < D: the grade dropped

    const grade = sent.filter(n => n.payload.title.includes('grade dropped'));
    expect(grade).toHaveLength(1);
    expect(grade[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/platform-team' },
      payload: {
        title: `Cluster prod-eu-1: readiness grade dropped from ${
          before!.grade
        } to ${after!.grade}`,
        link: '/catalog/default/resource/prod-eu-1/readiness',
        topic: 'cluster-readiness',
        severity: 'high',
      },
    });
    const drift = (await store.getDrift('prod-eu-1', { limit: 500 })).filter(
      d => d.to === 'fail',
    );
    expect(drift.length).toBeGreaterThan(0);
    expect(grade[0].payload.description).toContain(drift[0].checkId);

    // The same snapshot again is no new change: nothing more is sent.
    const count = sent.length;
    await service.refreshAll();
    expect(sent).toHaveLength(count);
  });

  it('announces newly failing checks of at least the minimum severity, once', async () => {
    const { service, file, sent, store } = await setup(id, {
      notifications: { events: ['check-failing'], minSeverity: 'high' },
    });
    writeAs(file, 'prod-eu-1', '2026-11-29T10:00:00Z');
    await service.refreshAll();
    writeAs(file, 'staging-1', '2026-11-30T10:00:00Z');
    await service.refreshAll();
    const report = await store.getReport('prod-eu-1');
    const newlyFailing = (await store.getDrift('prod-eu-1', { limit: 500 }))
      .filter(d => d.to === 'fail')
      .map(d => report!.checks.find(c => c.id === d.checkId)!)
      .filter(c => c.severity === 'critical' || c.severity === 'high');
    expect(newlyFailing.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    for (const c of newlyFailing)
      expect(sent[0].payload.description).toContain(c.id);
    expect(sent[0].payload.title).not.toMatch(/grade/);
  });

  it('sends nothing when disabled', async () => {
    const { service, file, sent } = await setup(id, {
      notifications: { enabled: false },
    });
    writeAs(file, 'prod-eu-1', '2026-11-29T10:00:00Z');
    await service.refreshAll();
    writeAs(file, 'staging-1', '2026-11-30T10:00:00Z');
    await service.refreshAll();
    expect(sent).toEqual([]);
  });

  it('announces a waiver on a failing check that lapses within the configured days, once', async () => {
    // Find a check that fails on the staging snapshot to waive.
    const probe = await setup(id, { notifications: { events: [] } });
    writeAs(probe.file, 'staging-1', '2026-11-30T10:00:00Z');
    await probe.service.refreshAll();
    const failing = (await probe.store.getReport('prod-eu-1'))!.checks.find(
      c => c.status === 'fail' && c.severity === 'critical',
    )!;
    const waiver = (expires: string) => ({
      check: failing.id,
      cluster: 'prod-eu-1',
      reason: 'replacing the nodes next week',
      owner: 'platform-team',
      expires,
    });

    const { service, file, sent } = await setup(id, {
      notifications: { events: ['waiver-expiring'], waiverExpiryDays: 7 },
      waivers: [
        waiver('2026-12-04'),
        { ...waiver('2027-03-01'), check: 'nodes.worker-count' },
      ],
    });
    writeAs(file, 'staging-1', '2026-11-30T10:00:00Z');
    await service.refreshAll();
    await service.refreshAll();
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({
      title: `Cluster prod-eu-1: the waiver on ${failing.id} expires 2026-12-04`,
      severity: 'normal',
    });
  });
});
