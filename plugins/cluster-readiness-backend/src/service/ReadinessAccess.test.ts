import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { resolve } from 'node:path';
import type { ClusterDescriptor } from '../clusters/ClusterSource';
import { readClusterReadinessConfig } from '../config';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { ReadinessAccess } from './ReadinessAccess';
import { ReadinessService } from './ReadinessService';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const snapshotFile = resolve(
  __dirname,
  '../../../../examples/snapshots/staging-1.json',
);

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'staging-1', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/guests' },
};

/**
 * A backend whose catalog already has the cluster's entity, while the cluster source
 * listed the catalog before it had ingested it (as right after start-up); `ingest`
 * makes the source list it from then on. The clock only moves when the test says.
 */
async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  let ingested = false;
  let lists = 0;
  const catalogSource = {
    id: 'catalog',
    listClusters: async (): Promise<ClusterDescriptor[]> => {
      lists += 1;
      return ingested
        ? [
            {
              name: 'staging-1',
              entityRef: 'resource:default/staging-1',
              owner: 'group:default/guests',
            },
          ]
        : [];
    },
  };
  let clock = Date.parse('2026-11-20T12:00:00Z');
  const service = new ReadinessService({
    store,
    sources: [catalogSource],
    config: readClusterReadinessConfig(
      new ConfigReader({
        clusterReadiness: {
          snapshots: [{ cluster: 'staging-1', path: snapshotFile }],
        },
      }),
    ),
    logger: mockServices.logger.mock(),
    now: () => new Date(clock),
  });
  const access = new ReadinessAccess({
    permissions: mockServices.permissions(),
    catalog: catalogServiceMock({ entities: [cluster] }),
    service,
    store,
    auth: mockServices.auth(),
  });
  // The first scheduled refresh, before the catalog has the entity.
  await service.refreshAll();
  return {
    service,
    access,
    ingest: () => {
      ingested = true;
    },
    lists: () => lists,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const ref = { kind: 'resource', namespace: 'default', name: 'staging-1' };

describe('ReadinessAccess.entityReadiness of a cluster', () => {
  it('finds a cluster whose entity the catalog ingested after the cluster list was cached', async () => {
    const { access, ingest, advance } = await setup();
    ingest();
    advance(10_000); // well within the minute the list is cached for
    const readiness = await access.entityReadiness(mockCredentials.user(), ref);
    expect(readiness).toMatchObject({
      kind: 'cluster',
      entityRef: 'resource:default/staging-1',
      cluster: {
        name: 'staging-1',
        entityRef: 'resource:default/staging-1',
        owner: 'group:default/guests',
        state: 'ok',
      },
    });
    expect(
      readiness.kind === 'cluster' && readiness.cluster?.report?.checks,
    ).toHaveLength(41);
  });

  it('reads the sources again at most once every 5 seconds for an unknown cluster', async () => {
    const { access, lists, advance } = await setup();
    const before = lists();
    advance(10_000);
    for (let i = 0; i < 3; i++) {
      const readiness = await access.entityReadiness(
        mockCredentials.user(),
        ref,
      );
      expect(readiness).toEqual({
        kind: 'cluster',
        entityRef: 'resource:default/staging-1',
        cluster: null,
      });
    }
    expect(lists() - before).toBe(1);
    advance(5_000);
    await access.entityReadiness(mockCredentials.user(), ref);
    expect(lists() - before).toBe(2);
  });
});
