import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { ClusterReport, ClusterSummary, gradeLabel } from '@cluster-readiness/backstage-plugin-common';
import { clusterReadinessPlugin } from '../plugin';
import { testDatabaseFactory } from '../__testUtils__/testDatabaseFactory';

// Each test starts a backend or two, whose worker threads load the TypeScript sources
// (snapshot reader and engine) before the first refresh: a generous hang guard.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'cluster-readiness-router-'));

function node(name: string, ready = true) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'topology.kubernetes.io/zone': `z-${name}` } },
    status: {
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      nodeInfo: { kubeletVersion: 'v1.35.1', containerRuntimeVersion: 'containerd://2.0.5' },
      allocatable: { cpu: '4', memory: '16Gi' },
    },
  };
}

function pod(name: string, id: string, ns = 'shop') {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { 'backstage.io/kubernetes-id': id } },
    spec: {
      nodeName: 'w-1',
      serviceAccountName: id,
      containers: [{ name: 'app', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } }],
    },
    status: { phase: 'Running' },
  };
}

function writeSnapshot(file: string, name: string, workers: number, extra: object = {}) {
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'cluster-readiness/v1alpha1',
      kind: 'ClusterSnapshot',
      collectedAt: `2026-11-20T1${workers}:00:00Z`,
      cluster: { name, controlPlane: 'managed' },
      serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1-eks-1' },
      resources: {
        nodes: { items: Array.from({ length: workers }, (_, i) => node(`w-${i + 1}`)) },
        pods: { items: [pod('checkout-1', 'checkout')] },
        ...extra,
      },
    }),
  );
}

const prodFile = join(dir, 'prod.json');
const stagingFile = join(dir, 'staging.json');

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'prod', namespace: 'default' },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform', system: 'payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'staging',
      namespace: 'default',
      annotations: {
        'cluster-readiness.io/waivers': '- check: nodes.worker-count\n  reason: staging runs on one node\n  owner: data\n  expires: 2027-01-31\n',
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/data' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/data' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'checkout' } },
    spec: { type: 'service', owner: 'group:default/platform', dependsOn: ['resource:default/prod'] },
    relations: [{ type: 'dependsOn', targetRef: 'resource:default/prod' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

async function start(
  options: {
    deny?: string[];
    denyRefresh?: boolean;
    allowPush?: string[];
    extraSnapshots?: Array<{ cluster: string; path: string }>;
  } = {},
) {
  writeSnapshot(prodFile, 'prod', 3);
  writeSnapshot(stagingFile, 'staging', 1);
  const permissions = mockServices.permissions.mock({
    // A policy that lets backend services do anything, and users what the test says.
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        if (credentials.principal && (credentials.principal as { type?: string }).type === 'service') {
          return { result: AuthorizeResult.ALLOW };
        }
        const ref = 'resourceRef' in r ? r.resourceRef : undefined;
        if (r.permission.name === 'cluster-readiness.cluster.refresh' && options.denyRefresh) {
          return { result: AuthorizeResult.DENY };
        }
        return { result: ref && options.deny?.includes(ref as string) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
      }),
    // With a deny list, a condition no catalog rule knows: the router decides in batches.
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => {
        if ((credentials.principal as { type?: string }).type === 'service') {
          return { result: AuthorizeResult.ALLOW };
        }
        if (r.permission.name === 'cluster-readiness.cluster.refresh' && options.denyRefresh) {
          return { result: AuthorizeResult.DENY };
        }
        return options.deny
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: { rule: 'NOT_A_CATALOG_RULE', resourceType: 'catalog-entity', params: { name: r.permission.name } },
            }
          : { result: AuthorizeResult.ALLOW };
      }),
  });
  const { server } = await startTestBackend({
    features: [
      testDatabaseFactory(),
      clusterReadinessPlugin,
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      mockServices.rootConfig.factory({
        data: {
          clusterReadiness: {
            kubernetesBackend: { enabled: false },
            push: { maxBytes: 20000, allowClusters: options.allowPush ?? [] },
            snapshots: [
              { cluster: 'prod', path: prodFile },
              { cluster: 'staging', path: stagingFile },
              ...(options.extraSnapshots ?? []),
            ],
          },
        },
      }),
    ],
  });
  const user = mockCredentials.user.header();
  for (const name of ['prod', 'staging']) {
    const res = await request(server)
      .post(`/api/cluster-readiness/clusters/${name}/refresh`)
      .set('authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
  }
  return { server, user };
}

describe('cluster-readiness API', () => {
  it('refuses every route but /health without credentials', async () => {
    const { server } = await start();
    const none = mockCredentials.none.header();
    for (const [method, path] of [
      ['get', '/clusters'],
      ['get', '/clusters/prod'],
      ['get', '/clusters/prod/history'],
      ['get', '/clusters/prod/drift'],
      ['post', '/clusters/prod/refresh'],
      ['post', '/snapshots'],
      ['get', '/entities/resource/default/prod'],
      ['get', '/checks'],
      ['get', '/export'],
    ] as const) {
      const res = await request(server)[method](`/api/cluster-readiness${path}`).set('authorization', none);
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
    expect((await request(server).get('/api/cluster-readiness/health').set('authorization', none)).status).toBe(200);
  });

  it('lists clusters with owner, grade and category scores, filtered and paged', async () => {
    const { server, user } = await start();
    const res = await request(server).get('/api/cluster-readiness/clusters').set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.totalItems).toBe(2);
    const prod = res.body.items.find((c: any) => c.name === 'prod');
    expect(prod).toMatchObject({
      entityRef: 'resource:default/prod',
      owner: 'group:default/platform',
      system: 'system:default/payments',
      source: 'file',
      state: 'ok',
      stale: false,
    });
    expect(prod.categories.map((c: any) => c.id)).toEqual(['control-plane', 'nodes', 'access', 'resource-limits']);
    expect(typeof prod.score).toBe('number');

    const owned = await request(server).get('/api/cluster-readiness/clusters?owner=group:default/data').set('authorization', user);
    expect(owned.body.items.map((c: any) => c.name)).toEqual(['staging']);
    const grade = prod.grade ?? 'none';
    const byGrade = await request(server).get(`/api/cluster-readiness/clusters?grade=${grade}`).set('authorization', user);
    expect(byGrade.body.items.map((c: any) => c.name)).toContain('prod');
    const other = grade === 'none' ? 'A' : 'none';
    const byOther = await request(server).get(`/api/cluster-readiness/clusters?grade=${other}`).set('authorization', user);
    expect(byOther.body.items.map((c: any) => c.name)).not.toContain('prod');
    const paged = await request(server).get('/api/cluster-readiness/clusters?limit=1&offset=1').set('authorization', user);
    expect(paged.body).toMatchObject({ totalItems: 2 });
    expect(paged.body.items).toHaveLength(1);
  });

  it('filters lists and refuses reads of clusters the permission policy denies', async () => {
    const { server, user } = await start({ deny: ['resource:default/staging'] });
    const list = await request(server).get('/api/cluster-readiness/clusters').set('authorization', user);
    expect(list.body.items.map((c: any) => c.name)).toEqual(['prod']);
    const one = await request(server).get('/api/cluster-readiness/clusters/staging').set('authorization', user);
    expect(one.status).toBe(403);
    expect(one.body.error.name).toBe('NotAllowedError');
    const csv = await request(server).get('/api/cluster-readiness/export?format=csv').set('authorization', user);
    expect(csv.text).not.toContain('staging');
  });

  it('refuses refresh without the refresh permission', async () => {
    const { server, user } = await start({ denyRefresh: true });
    const denied = await request(server).post('/api/cluster-readiness/clusters/prod/refresh').set('authorization', user);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe("Not allowed to refresh cluster 'prod'");
    // Reading is still allowed.
    const read = await request(server).get('/api/cluster-readiness/clusters/prod').set('authorization', user);
    expect(read.status).toBe(200);
  });

  it('answers 400 on bad input and 404 on unknown clusters', async () => {
    const { server, user } = await start();
    for (const path of ['/clusters?grade=Z', '/clusters?limit=0', '/clusters?offset=-1', '/clusters/prod/history?limit=abc', '/export?format=xml']) {
      const res = await request(server).get(`/api/cluster-readiness${path}`).set('authorization', user);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.name).toBe('InputError');
    }
    const missing = await request(server).get('/api/cluster-readiness/clusters/nope').set('authorization', user);
    expect(missing.status).toBe(404);
  });

  it('serves the full report, history and drift', async () => {
    const { server, user } = await start();
    const details = await request(server).get('/api/cluster-readiness/clusters/staging').set('authorization', user);
    expect(details.status).toBe(200);
    expect(details.body.report.checks).toHaveLength(41);
    const waived = details.body.report.checks.find((c: any) => c.id === 'nodes.worker-count');
    expect(waived.waiver).toMatchObject({ owner: 'data', expired: false });

    writeSnapshot(stagingFile, 'staging', 3);
    await request(server).post('/api/cluster-readiness/clusters/staging/refresh').set('authorization', user);
    const history = await request(server).get('/api/cluster-readiness/clusters/staging/history').set('authorization', user);
    expect(history.body.items.map((h: any) => h.evaluatedAt)).toEqual(['2026-11-20T11:00:00Z', '2026-11-20T13:00:00Z']);
    const drift = await request(server).get('/api/cluster-readiness/clusters/staging/drift').set('authorization', user);
    expect(drift.body.items).toContainEqual({
      evaluatedAt: '2026-11-20T13:00:00Z',
      checkId: 'nodes.worker-count',
      from: 'fail',
      to: 'pass',
    });
  });

  it('keeps the last good report and marks it stale when a refresh fails', async () => {
    const { server, user } = await start();
    const before = await request(server).get('/api/cluster-readiness/clusters/prod').set('authorization', user);
    writeFileSync(prodFile, '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot"');
    const refresh = await request(server).post('/api/cluster-readiness/clusters/prod/refresh').set('authorization', user);
    expect(refresh.status).toBe(200);
    expect(refresh.body).toMatchObject({ state: 'stale', stale: true });
    expect(refresh.body.error).toContain('not valid JSON');
    const after = await request(server).get('/api/cluster-readiness/clusters/prod').set('authorization', user);
    expect(after.body.report).toEqual(before.body.report);
    expect(after.body.stale).toBe(true);
  });

  it('accepts pushed snapshots from services only, validated and size-limited', async () => {
    const { server, user } = await start();
    const service = mockCredentials.service.header();
    const snapshot = {
      apiVersion: 'cluster-readiness/v1alpha1',
      kind: 'ClusterSnapshot',
      collectedAt: '2026-11-21T10:00:00Z',
      cluster: { name: 'airgapped' },
      resources: { nodes: { items: [node('a'), node('b'), node('c')] } },
    };
    const byUser = await request(server).post('/api/cluster-readiness/snapshots').set('authorization', user).send(snapshot);
    expect(byUser.status).toBe(403);
    const pushed = await request(server).post('/api/cluster-readiness/snapshots').set('authorization', service).send(snapshot);
    expect(pushed.status).toBe(201);
    expect(pushed.body).toMatchObject({ name: 'airgapped', source: 'pushed', state: 'ok' });
    const bad = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', service)
      .send({ ...snapshot, collectedAt: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('snapshot: collectedAt: expected an ISO 8601 date-time with a time zone (2024-05-01T12:00:00Z), got "yesterday"');
    const wrongType = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', service)
      .send({ ...snapshot, resources: { nodes: { items: [{ metadata: { name: 'cp-1' }, status: { conditions: 'Ready' } }] } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toBe('snapshot: Node/cp-1 .status.conditions: expected a list, got a string');
    const big = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', service)
      .send({ ...snapshot, padding: 'x'.repeat(30000) });
    expect(big.status).toBe(413);
  });

  it('accepts pushed kubectl output (JSON or YAML typed lists) named by ?cluster=', async () => {
    const { server } = await start();
    const service = mockCredentials.service.header();
    const nodeList = {
      apiVersion: 'v1',
      kind: 'NodeList',
      items: [node('a'), node('b'), node('c')].map(n => ({
        ...n,
        metadata: { ...n.metadata, creationTimestamp: '2026-11-21T09:00:00Z' },
      })),
    };
    const unnamed = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', service)
      .send(nodeList);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.message).toMatch(/^cluster: pass \?cluster=NAME/);

    const json = await request(server)
      .post('/api/cluster-readiness/snapshots?cluster=from-list')
      .set('authorization', service)
      .send(nodeList);
    expect(json.status).toBe(201);
    expect(json.body).toMatchObject({ name: 'from-list', source: 'pushed', state: 'ok' });

    const yaml = await request(server)
      .post('/api/cluster-readiness/snapshots?cluster=from-yaml')
      .set('authorization', service)
      .set('content-type', 'application/yaml')
      .send(`apiVersion: v1\nkind: NodeList\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: a, creationTimestamp: '2026-11-21T09:00:00Z'}\n`);
    expect(yaml.status).toBe(201);
    const stored = await request(server)
      .get('/api/cluster-readiness/clusters/from-yaml')
      .set('authorization', mockCredentials.user.header());
    expect(stored.body.report.collectedAt).toBe('2026-11-21T09:00:00.000Z');

    const broken = await request(server)
      .post('/api/cluster-readiness/snapshots?cluster=broken')
      .set('authorization', service)
      .set('content-type', 'application/yaml')
      .send('kind: NodeList\nitems: [\n');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^snapshot: not valid YAML at line \d+/);
  });

  it('reads snapshot files that are support bundles or directories of kubectl output', async () => {
    const real = resolve(__dirname, '../../../../examples/real');
    const { server, user } = await start({
      extraSnapshots: [
        { cluster: 'k3s-bundle', path: join(real, 'k3s-1.24-bundle/support-bundle.tar.gz') },
        { cluster: 'k3s-dir', path: join(real, 'k3s-1.31-bundle-dir') },
      ],
    });
    for (const name of ['k3s-bundle', 'k3s-dir']) {
      const refresh = await request(server)
        .post(`/api/cluster-readiness/clusters/${name}/refresh`)
        .set('authorization', mockCredentials.service.header());
      expect(refresh.body).toMatchObject({ name, source: 'file', state: 'ok' });
      const got = await request(server).get(`/api/cluster-readiness/clusters/${name}`).set('authorization', user);
      const conditions = got.body.report.checks.find((c: { id: string }) => c.id === 'nodes.conditions');
      expect(conditions.status).toBe('pass');
    }
  });

  it('answers for entities: a cluster, a component and a group', async () => {
    const { server, user } = await start();
    const cluster = await request(server).get('/api/cluster-readiness/entities/resource/default/prod').set('authorization', user);
    expect(cluster.body).toMatchObject({ kind: 'cluster', entityRef: 'resource:default/prod' });
    expect(cluster.body.cluster.report.checks).toHaveLength(41);

    const component = await request(server).get('/api/cluster-readiness/entities/component/default/checkout').set('authorization', user);
    expect(component.body.kind).toBe('component');
    expect(component.body.kubernetesId).toBe('checkout');
    const via = Object.fromEntries(component.body.clusters.map((c: any) => [c.cluster.name, c.via]));
    expect(via).toEqual({ prod: ['dependsOn', 'pods'], staging: ['pods'] });
    const findings = component.body.clusters[0].workloads.findings.map((f: any) => [f.id, f.status]);
    expect(findings).toContainEqual(['workload.container-resources', 'pass']);

    const group = await request(server).get('/api/cluster-readiness/entities/group/default/platform').set('authorization', user);
    expect(group.body.kind).toBe('group');
    expect(group.body.clusters.map((c: any) => c.name)).toEqual(['prod']);
    expect(group.body.rollup.clusters).toBe(1);

    const missing = await request(server).get('/api/cluster-readiness/entities/component/default/nope').set('authorization', user);
    expect(missing.status).toBe(404);
  });

  it('exports JSON, CSV and SARIF', async () => {
    const { server, user } = await start();
    const csv = await request(server).get('/api/cluster-readiness/export?format=csv').set('authorization', user);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'cluster,entity,owner,distribution,score,grade,grade_cap,uncapped_grade,grade_label,coverage,' +
        'control-plane,nodes,access,resource-limits,control-plane_grade,nodes_grade,access_grade,resource-limits_grade,evaluated_at,state,error',
    );
    expect(lines).toHaveLength(3);
    const sarif = await request(server).get('/api/cluster-readiness/export?format=sarif').set('authorization', user);
    expect(sarif.body.version).toBe('2.1.0');
    expect(sarif.body.runs).toHaveLength(2);
    const json = await request(server).get('/api/cluster-readiness/export').set('authorization', user);
    expect(json.body.reports.map((r: any) => r.cluster.name).sort()).toEqual(['prod', 'staging']);

    // Every export says how each cluster was graded, in the shared words.
    for (const report of json.body.reports as ClusterReport[]) {
      const summary = (json.body.clusters as ClusterSummary[]).find(c => c.name === report.cluster.name)!;
      expect(summary.grade).toBe(report.grade);
      expect(summary.gradeCap ?? null).toEqual(report.gradeCap ?? null);
      expect(summary.distribution).toBe(report.distribution?.name);
      const row = lines.find(l => l.startsWith(`${report.cluster.name},`))!.split(',');
      expect(row[3]).toBe(report.distribution?.name ?? '');
      expect(row[5]).toBe(report.grade ?? '');
      expect(row[6]).toBe(report.gradeCap?.by ?? '');
      expect(row[8]).toBe(gradeLabel(report));
      const nodes = report.categories.find(c => c.id === 'nodes')!;
      expect(row[15]).toBe(gradeLabel(nodes));
      const run = sarif.body.runs.find((r: any) => r.properties.cluster === report.cluster.name);
      expect(run.properties).toMatchObject({
        distribution: report.distribution?.name ?? null,
        score: report.score,
        grade: report.grade,
        gradeCap: report.gradeCap ?? null,
        gradeLabel: gradeLabel(report),
        coverage: report.coverage,
      });
    }
  });

  it('serves the check catalog', async () => {
    const { server, user } = await start();
    const res = await request(server).get('/api/cluster-readiness/checks').set('authorization', user);
    expect(res.body.items).toHaveLength(41);
  });

  const pushed = (name: string) => ({
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-21T10:00:00Z',
    cluster: { name },
    resources: { nodes: { items: [node('a'), node('b'), node('c')] } },
  });

  it('never repeats the request body in an error, malformed or too large', async () => {
    const { server } = await start();
    const service = mockCredentials.service.header();
    const secret = 'FAKE-SECRET-c2VjcmV0LXRva2VuLXZhbHVl';
    const malformed = `{"apiVersion":"cluster-readiness/v1alpha1","token":"${secret}","padding":"${'p'.repeat(15000)}",}`;
    const bad = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', service)
      .set('content-type', 'application/json')
      .send(malformed);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ name: 'InputError' });
    expect(bad.body.error.message).toMatch(/^the request body is not valid JSON( at position \d+)?$/);
    expect(bad.text).not.toContain(secret);
    expect(bad.text).not.toContain('ppppp');
    expect(bad.text.length).toBeLessThan(2000);

    const big = await request(server)
      .post('/api/cluster-readiness/snapshots')
      .set('authorization', service)
      .set('content-type', 'application/json')
      .send(`{"token":"${secret}","padding":"${'p'.repeat(30000)}"`);
    expect(big.status).toBe(413);
    expect(big.body.error.message).toBe('the request body is larger than the 20000 bytes allowed (clusterReadiness.push.maxBytes)');
    expect(big.text).not.toContain(secret);
  });

  it('applies one cluster-name rule to routes and pushes: a clear 400', async () => {
    const { server, user } = await start();
    const service = mockCredentials.service.header();
    for (const name of ['a%00b', 'x'.repeat(10_000), 'pr%C3%B8d']) {
      for (const path of ['', '/history', '/drift']) {
        const res = await request(server).get(`/api/cluster-readiness/clusters/${name}${path}`).set('authorization', user);
        expect([name.slice(0, 8), path, res.status]).toEqual([name.slice(0, 8), path, 400]);
        expect(res.body.error.message).toMatch(/^Invalid cluster name: a cluster name /);
        expect(res.body.error.message.length).toBeLessThan(200);
      }
      const refresh = await request(server).post(`/api/cluster-readiness/clusters/${name}/refresh`).set('authorization', user);
      expect(refresh.status).toBe(400);
    }
    for (const name of ['a\u0000b', 'x'.repeat(10_000), ' prod']) {
      const res = await request(server).post('/api/cluster-readiness/snapshots').set('authorization', service).send(pushed(name));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^snapshot: cluster\.name: a cluster name /);
      expect(res.text).not.toContain('x'.repeat(100));
    }
    const ok = await request(server).post('/api/cluster-readiness/snapshots').set('authorization', service).send(pushed('arn:aws:eks:eu-west-1:123456789012:cluster/edge'));
    expect(ok.status).toBe(201);
    const read = await request(server)
      .get(`/api/cluster-readiness/clusters/${encodeURIComponent('arn:aws:eks:eu-west-1:123456789012:cluster/edge')}`)
      .set('authorization', service);
    expect(read.status).toBe(200);
  });

  it('refuses a push for a cluster another source owns, naming the source, unless configured', async () => {
    const { server, user } = await start();
    const service = mockCredentials.service.header();
    const before = await request(server).get('/api/cluster-readiness/clusters/prod').set('authorization', user);
    const res = await request(server).post('/api/cluster-readiness/snapshots').set('authorization', service).send(pushed('prod'));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("Cluster 'prod' belongs to source 'file'");
    expect(res.body.error.message).toContain('clusterReadiness.push.allowClusters');
    const after = await request(server).get('/api/cluster-readiness/clusters/prod').set('authorization', user);
    expect(after.body).toMatchObject({ source: 'file', evaluatedAt: before.body.evaluatedAt });

    const allowed = await start({ allowPush: ['prod'] });
    const ok = await request(allowed.server).post('/api/cluster-readiness/snapshots').set('authorization', service).send(pushed('prod'));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: 'prod', source: 'pushed', evaluatedAt: '2026-11-21T10:00:00Z' });
  });

  it('answers 50 concurrent refreshes all ok and not stale, with one new history row', async () => {
    const { server, user } = await start();
    const history = async () => (await request(server).get('/api/cluster-readiness/clusters/prod/history').set('authorization', user)).body.items;
    const before = (await history()).length;
    writeSnapshot(prodFile, 'prod', 4);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(server).post('/api/cluster-readiness/clusters/prod/refresh').set('authorization', user),
      ),
    );
    expect(answers.map(a => a.status)).toEqual(Array(50).fill(200));
    expect(answers.every(a => a.body.state === 'ok' && a.body.stale === false)).toBe(true);
    expect(new Set(answers.map(a => a.body.evaluatedAt))).toEqual(new Set(['2026-11-20T14:00:00Z']));
    expect((await history()).length).toBe(before + 1);
  });
});
