import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { clusterReadinessReadPermission } from '@cluster-readiness/backstage-plugin-common';
import request from 'supertest';
import { oboAuthServiceFactory } from './__testUtils__/oboAuthServiceFactory';
import { ClusterOwnershipPolicy } from './permissions/ClusterOwnershipPolicy';
import { clusterReadinessPlugin } from './plugin';
import { testDatabaseFactory } from './__testUtils__/testDatabaseFactory';

// More clusters than one permission request may carry: 1,050 refs is ~230 KB, the
// permission backend refuses bodies over 100 KB.
const CLUSTERS = 1050;
const TEAMS = ['team-0', 'team-1', 'team-2'];
const name = (i: number) => `c${String(i).padStart(4, '0')}`;

const entities: Entity[] = [];
for (let i = 0; i < CLUSTERS; i++) {
  const owner = `group:default/${TEAMS[i % 3]}`;
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: name(i), namespace: 'default' },
    spec: { type: 'kubernetes-cluster', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  });
}
for (const team of TEAMS) {
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: team, namespace: 'default' },
    spec: { type: 'team', children: [] },
  });
}

/** Who belongs to which groups — what the catalog's sign-in resolver would say. */
const memberships: Record<string, string[]> = {
  'user:default/alice': ['group:default/team-0'],
  'user:default/bob': ['group:default/team-1', 'group:default/team-2'],
  'user:default/admin': ['group:default/admins'],
  'user:default/carol': [],
};

const clustersOf = (...teams: string[]) =>
  entities
    .filter(e => e.kind === 'Resource' && teams.includes(String(e.spec?.owner)))
    .map(e => e.metadata.name)
    .sort();

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

/** Clusters with a report: c0000–c0005, two of each team. */
const PUSHED = [0, 1, 2, 3, 4, 5];

function pushedSnapshot(cluster: string) {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-20T10:00:00Z',
    cluster: { name: cluster },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
    resources: {
      nodes: {
        items: [
          {
            apiVersion: 'v1',
            kind: 'Node',
            metadata: { name: 'w-1' },
            status: { conditions: [{ type: 'Ready', status: 'True' }] },
          },
        ],
      },
    },
  };
}

const ownershipPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'cluster-ownership-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(
          new ClusterOwnershipPolicy({ admins: ['group:default/admins'] }),
        );
      },
    });
  },
});

describe('permissions through the real permission backend at 1,050 clusters', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        testDatabaseFactory(),
        clusterReadinessPlugin,
        permissionBackend,
        ownershipPolicyModule,
        permissionsServiceFactory,
        userInfoFactory,
        oboAuthServiceFactory,
        httpAuthServiceFactory,
        actionsRegistryServiceFactory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            clusterReadiness: { kubernetesBackend: { enabled: false } },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // Reports for six clusters (two of each team), pushed by a service.
    for (const i of PUSHED) {
      const res = await request(server)
        .post('/api/cluster-readiness/snapshots')
        .set('authorization', mockCredentials.service.header())
        .send(pushedSnapshot(name(i)));
      if (res.status !== 201) {
        throw new Error(
          `push of ${name(i)} answered ${res.status}: ${JSON.stringify(
            res.body,
          )}`,
        );
      }
    }
  }, 60_000);

  afterAll(async () => {
    await stop?.();
  });

  const as = (user: string) =>
    mockCredentials.user.header(`user:default/${user}`);
  const api = (path: string, user: string) =>
    request(server)
      .get(`/api/cluster-readiness${path}`)
      .set('authorization', as(user));

  it('one authorize call with every ref would be refused (why collections are conditional)', async () => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('authorization', as('alice'))
      .send({
        items: entities
          .filter(e => e.kind === 'Resource')
          .map((e, i) => ({
            id: String(i),
            permission: clusterReadinessReadPermission,
            resourceRef: `resource:default/${e.metadata.name}`,
          })),
      });
    expect(res.status).toBe(413);
  });

  it('lists exactly the clusters of the groups each user belongs to; admins see all', async () => {
    const expected: Record<string, string[]> = {
      alice: clustersOf('group:default/team-0'),
      bob: clustersOf('group:default/team-1', 'group:default/team-2'),
      admin: entities
        .filter(e => e.kind === 'Resource')
        .map(e => e.metadata.name)
        .sort(),
      carol: [],
    };
    expect(expected.alice).toHaveLength(350);
    for (const [user, names] of Object.entries(expected)) {
      const res = await api('/clusters?limit=1000', user);
      expect([user, res.status, res.status === 200 ? null : res.body]).toEqual([
        user,
        200,
        null,
      ]);
      expect(res.body.totalItems).toBe(names.length);
      const second =
        names.length > 1000
          ? (await api('/clusters?limit=1000&offset=1000', user)).body.items
          : [];
      expect(
        [...res.body.items, ...second]
          .map((c: { name: string }) => c.name)
          .sort(),
      ).toEqual(names);
      const small = await api('/clusters?limit=10', user);
      expect(small.status).toBe(200);
      expect(small.body.totalItems).toBe(names.length);
    }
  }, 60_000);

  it('aggregates and lists check results over exactly the clusters each user may read', async () => {
    const teamOf = (i: number) => `group:default/${TEAMS[i % 3]}`;
    const expected: Record<
      string,
      { total: number; owners: string[]; pushed: number[] }
    > = {
      alice: { total: 350, owners: [teamOf(0)], pushed: [0, 3] },
      bob: { total: 700, owners: [teamOf(1), teamOf(2)], pushed: [1, 2, 4, 5] },
      admin: {
        total: CLUSTERS,
        owners: TEAMS.map(t => `group:default/${t}`),
        pushed: PUSHED,
      },
      carol: { total: 0, owners: [], pushed: [] },
    };
    for (const [user, want] of Object.entries(expected)) {
      const fleet = await api('/fleet', user);
      expect([user, fleet.status]).toEqual([user, 200]);
      expect([user, fleet.body.totalClusters]).toEqual([user, want.total]);
      expect(fleet.body.owners.map((o: { key: string }) => o.key)).toEqual(
        want.owners,
      );
      expect(fleet.body.states.ok).toBe(want.pushed.length);
      expect(fleet.body.states.pending).toBe(want.total - want.pushed.length);
      // Every pushed report has one worker: worker-count fails on each readable one.
      const workerCount = fleet.body.mostFailedChecks.find(
        (c: { checkId: string }) => c.checkId === 'nodes.worker-count',
      );
      expect(workerCount?.failing ?? 0).toBe(want.pushed.length);

      const check = await api(
        '/checks/nodes.worker-count/clusters?limit=2',
        user,
      );
      expect([user, check.status]).toEqual([user, 200]);
      expect(check.body.totalItems).toBe(want.pushed.length);
      expect(check.body.counts.fail).toBe(want.pushed.length);
      const seen = check.body.items.map(
        (i: { cluster: { name: string } }) => i.cluster.name,
      );
      if (check.body.nextCursor) {
        const next = await api(
          `/checks/nodes.worker-count/clusters?limit=2&cursor=${check.body.nextCursor}`,
          user,
        );
        seen.push(
          ...next.body.items.map(
            (i: { cluster: { name: string } }) => i.cluster.name,
          ),
        );
        if (next.body.nextCursor) {
          const last = await api(
            `/checks/nodes.worker-count/clusters?limit=2&cursor=${next.body.nextCursor}`,
            user,
          );
          seen.push(
            ...last.body.items.map(
              (i: { cluster: { name: string } }) => i.cluster.name,
            ),
          );
        }
      }
      expect([user, seen]).toEqual([user, want.pushed.map(name)]);
    }
  }, 60_000);

  it('answers single-cluster routes only for the owner groups', async () => {
    // c0000 belongs to team-0 (alice), c0001 to team-1 (bob).
    for (const path of ['', '/history', '/drift']) {
      const mine = await api(`/clusters/c0000${path}`, 'alice');
      expect([mine.status, mine.status === 200 ? null : mine.body]).toEqual([
        200,
        null,
      ]);
      expect((await api(`/clusters/c0000${path}`, 'admin')).status).toBe(200);
      expect((await api(`/clusters/c0000${path}`, 'bob')).status).toBe(403);
      expect((await api(`/clusters/c0001${path}`, 'bob')).status).toBe(200);
      expect((await api(`/clusters/c0001${path}`, 'alice')).status).toBe(403);
      expect((await api(`/clusters/c0001${path}`, 'carol')).status).toBe(403);
    }
    const refresh = await request(server)
      .post('/api/cluster-readiness/clusters/c0000/refresh')
      .set('authorization', as('bob'));
    expect(refresh.status).toBe(403);
  });

  it('filters entity pages: a cluster entity and a group rollup', async () => {
    const mine = await api('/entities/resource/default/c0000', 'alice');
    expect(mine.status).toBe(200);
    expect(mine.body.cluster?.name).toBe('c0000');
    const theirs = await api('/entities/resource/default/c0000', 'bob');
    expect(theirs.status).toBe(200);
    expect(theirs.body.cluster).toBeNull();

    const ownGroup = await api('/entities/group/default/team-1', 'bob');
    expect(ownGroup.body.rollup.clusters).toBe(350);
    const otherGroup = await api('/entities/group/default/team-1', 'alice');
    expect(otherGroup.body.rollup.clusters).toBe(0);
  });

  it('exports exactly the clusters the user may read', async () => {
    const json = await api('/export?format=json', 'alice');
    expect(json.status).toBe(200);
    expect(
      json.body.clusters.map((c: { name: string }) => c.name).sort(),
    ).toEqual(clustersOf('group:default/team-0'));
    const csv = await api('/export?format=csv', 'bob');
    expect(csv.status).toBe(200);
    const rows = csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map(line => line.split(',')[0])
      .sort();
    expect(rows).toEqual(
      clustersOf('group:default/team-1', 'group:default/team-2'),
    );
    const none = await api('/export?format=json', 'carol');
    expect(none.body.clusters).toEqual([]);
  });

  it('gives the actions the same view: list, get, entity and refresh', async () => {
    const invoke = (action: string, input: object, user: string) =>
      request(server)
        .post(
          `/api/cluster-readiness/.backstage/actions/v1/actions/cluster-readiness:${action}/invoke`,
        )
        .set('authorization', as(user))
        .send(input);
    const list = await invoke('list-cluster-readiness', {}, 'alice');
    expect([list.status, list.status === 200 ? null : list.body]).toEqual([
      200,
      null,
    ]);
    expect(
      list.body.output.clusters.map((c: { name: string }) => c.name).sort(),
    ).toEqual(clustersOf('group:default/team-0'));
    expect(
      (await invoke('list-cluster-readiness', {}, 'carol')).body.output
        .totalItems,
    ).toBe(0);
    expect(
      (await invoke('get-cluster-readiness', { cluster: 'c0000' }, 'alice'))
        .status,
    ).toBe(200);
    expect(
      (await invoke('get-cluster-readiness', { cluster: 'c0000' }, 'bob'))
        .status,
    ).toBe(403);
    expect(
      (await invoke('refresh-cluster-readiness', { cluster: 'c0000' }, 'bob'))
        .status,
    ).toBe(403);
    const entity = await invoke(
      'get-entity-readiness',
      { entityRef: 'group:default/team-0' },
      'bob',
    );
    expect(entity.status).toBe(200);
    expect(entity.body.output.rollup.clusters).toBe(0);
  });
});
