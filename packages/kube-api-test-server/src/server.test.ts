import { connect } from 'node:tls';
import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import { startKubeApiTestServer } from './server';
import type { KubeApiTestServer, KubeApiTestServerOptions } from './types';
import { fetchFrom, smallSnapshot } from './testing/fixtures';

// Every test starts HTTPS servers (a fresh RSA CA each) or the real kubectl: slow on a
// busy machine. A generous hang guard; no test depends on speed.
jest.setTimeout(60_000);

const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

describe('kube-api-test-server over HTTPS', () => {
  const servers: KubeApiTestServer[] = [];
  const start = async (options: Partial<KubeApiTestServerOptions> = {}) => {
    const server = await startKubeApiTestServer({
      snapshot: smallSnapshot(),
      ...options,
    });
    servers.push(server);
    return server;
  };
  let server: KubeApiTestServer;

  beforeAll(async () => {
    server = await start();
  });

  afterEach(() => {
    server.setFaults([]);
  });

  afterAll(async () => {
    await Promise.all(servers.map(s => s.close()));
  });

  const get = async (
    path: string,
    options?: Parameters<typeof fetchFrom>[2],
  ) => {
    const res = await fetchFrom(server, path, options);
    return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
  };

  describe('TLS and authentication', () => {
    it('serves a certificate for 127.0.0.1 and localhost, signed by the per-run CA', async () => {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(server.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const peer = await new Promise<any>((resolve, reject) => {
        const socket = connect(
          {
            host: '127.0.0.1',
            port: Number(new URL(server.url).port),
            ca: server.caPem,
            servername: 'localhost',
          },
          () => {
            resolve(socket.getPeerX509Certificate());
            socket.end();
          },
        );
        socket.on('error', reject);
      });
      expect(peer.subjectAltName).toContain('IP Address:127.0.0.1');
      expect(peer.subjectAltName).toContain('DNS:localhost');
      expect(peer.subject).toBe('CN=kube-apiserver');
      expect(peer.issuer).toBe('CN=kubernetes');
      // the snapshot's serverCertificate (notAfter in the future) is what the server presents
      expect(server.certificate).toEqual({
        notAfter: '2099-05-01T00:00:00.000Z',
        subject: 'CN=kube-apiserver',
        issuer: 'CN=kubernetes',
      });
      expect(new Date(peer.validTo).toISOString()).toBe(
        server.certificate.notAfter,
      );
    });

    it('another server has another CA, which this one does not trust', async () => {
      const other = await start();
      expect(other.caPem).not.toBe(server.caPem);
      const res = await fetchFrom(
        { ...server, caPem: other.caPem },
        '/version',
      );
      expect(res.status).toBe(0);
      expect(res.error).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    });

    it('answers an unauthenticated GET /api with 401 by default, like --anonymous-auth=false', async () => {
      const res = await get('/api', { token: null });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(UNAUTHORIZED);
      expect(server.requests.at(-1)).toMatchObject({
        path: '/api',
        authenticated: false,
        status: 401,
      });
      expect((await get('/version', { token: null })).status).toBe(401);
    });

    it('rejects a wrong token with 401 everywhere, even /api', async () => {
      for (const path of ['/api', '/version', '/api/v1/nodes']) {
        const res = await get(path, { token: 'wrong' });
        expect(res.status).toBe(401);
        expect(res.json).toEqual(UNAUTHORIZED);
      }
    });

    it('anonymous: 200 serves APIVersions at /api, the rest is forbidden to system:anonymous', async () => {
      const open = await start({ anonymous: 200 });
      const api = await fetchFrom(open, '/api', { token: null });
      expect(api.status).toBe(200);
      expect(JSON.parse(api.body)).toMatchObject({
        kind: 'APIVersions',
        versions: ['v1'],
      });
      expect((await fetchFrom(open, '/version', { token: null })).status).toBe(
        200,
      );
      const pods = await fetchFrom(open, '/api/v1/namespaces/shop/pods', {
        token: null,
      });
      expect(pods.status).toBe(403);
      expect(JSON.parse(pods.body)).toMatchObject({
        reason: 'Forbidden',
        message:
          'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "shop"',
        details: { kind: 'pods' },
      });
    });

    it('anonymous: 403 forbids GET /api to system:anonymous', async () => {
      const closed = await start({ anonymous: 403 });
      const api = await fetchFrom(closed, '/api', { token: null });
      expect(api.status).toBe(403);
      expect(JSON.parse(api.body)).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'forbidden: User "system:anonymous" cannot get path "/api"',
        reason: 'Forbidden',
        details: {},
        code: 403,
      });
    });

    it('accepts a given token', async () => {
      const own = await start({ token: 'abc.def' });
      expect(own.token).toBe('abc.def');
      expect((await fetchFrom(own, '/version')).status).toBe(200);
    });
  });

  describe('discovery', () => {
    it('GET /version', async () => {
      const res = await get('/version');
      expect(res.json).toMatchObject({
        major: '1',
        minor: '34',
        gitVersion: 'v1.34.2',
        gitTreeState: 'clean',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      expect(res.json.goVersion).toMatch(/^go1\./);
    });

    it('GET /apis lists the groups of the served resources, optional CRDs only when present', async () => {
      const res = await get('/apis');
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.json.kind).toBe('APIGroupList');
      const names = res.json.groups.map((g: any) => g.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'apps',
          'rbac.authorization.k8s.io',
          'velero.io',
          'autoscaling',
        ]),
      );
      expect(names).not.toContain('karpenter.sh');
      expect(res.json.groups.find((g: any) => g.name === 'apps')).toEqual({
        name: 'apps',
        versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
        preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
      });
    });

    it('adds the snapshot apiGroupVersions, preferring the version the checks read', async () => {
      const snapshot: ClusterSnapshot = {
        ...smallSnapshot(),
        apiGroupVersions: [
          'v1',
          'autoscaling/v1',
          'autoscaling/v2',
          'storage.k8s.io/v1',
        ],
      };
      const s = await start({ snapshot });
      const groups = JSON.parse((await fetchFrom(s, '/apis')).body).groups;
      expect(groups.find((g: any) => g.name === 'autoscaling')).toEqual({
        name: 'autoscaling',
        versions: [
          { groupVersion: 'autoscaling/v2', version: 'v2' },
          { groupVersion: 'autoscaling/v1', version: 'v1' },
        ],
        preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
      });
      const storage = await fetchFrom(s, '/apis/storage.k8s.io/v1');
      expect(JSON.parse(storage.body)).toEqual({
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'storage.k8s.io/v1',
        resources: [],
      });
      const group = JSON.parse((await fetchFrom(s, '/apis/autoscaling')).body);
      expect(group).toMatchObject({
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: 'autoscaling',
      });
    });

    it('GET /api/v1 and /apis/<group>/<version> are APIResourceLists', async () => {
      const core = (await get('/api/v1')).json;
      expect(core.kind).toBe('APIResourceList');
      expect(core.groupVersion).toBe('v1');
      expect(core.apiVersion).toBeUndefined();
      expect(core.resources.find((r: any) => r.name === 'pods')).toMatchObject({
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: expect.arrayContaining(['get', 'list', 'watch']),
        shortNames: ['po'],
        categories: ['all'],
      });
      const rbac = (await get('/apis/rbac.authorization.k8s.io/v1')).json;
      expect(rbac).toMatchObject({
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'rbac.authorization.k8s.io/v1',
      });
      expect(rbac.resources.map((r: any) => r.name)).toEqual([
        'clusterrolebindings',
        'clusterroles',
        'rolebindings',
        'roles',
      ]);
      expect((await get('/apis/karpenter.sh/v1')).status).toBe(404);
    });

    it('serves aggregated discovery to clients that ask for it', async () => {
      const res = await get('/apis', {
        headers: {
          Accept:
            'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
        },
      });
      expect(res.headers['content-type']).toBe(
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      );
      expect(res.json).toMatchObject({
        kind: 'APIGroupDiscoveryList',
        apiVersion: 'apidiscovery.k8s.io/v2',
      });
      const apps = res.json.items.find((i: any) => i.metadata.name === 'apps');
      expect(
        apps.versions[0].resources.find(
          (r: any) => r.resource === 'deployments',
        ),
      ).toMatchObject({
        resource: 'deployments',
        responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
        scope: 'Namespaced',
        singularResource: 'deployment',
      });
    });
  });

  describe('lists', () => {
    it('lists with kind <Kind>List, a resourceVersion and items with apiVersion/kind', async () => {
      const res = await get('/apis/apps/v1/deployments');
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        kind: 'DeploymentList',
        apiVersion: 'apps/v1',
        metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
        items: smallSnapshot().resources['deployments.apps'].items,
      });
    });

    it('fills apiVersion/kind of items that lack them, or omits them like a real apiserver', async () => {
      const snapshot = smallSnapshot();
      const bare = snapshot.resources.nodes.items!.map(
        ({ apiVersion: _a, kind: _k, ...rest }) => rest,
      );
      snapshot.resources.nodes = { items: bare };
      const fill = await start({ snapshot });
      const filled = JSON.parse(
        (await fetchFrom(fill, '/api/v1/nodes')).body,
      ).items;
      expect(
        filled.every((n: any) => n.apiVersion === 'v1' && n.kind === 'Node'),
      ).toBe(true);
      const omit = await start({
        snapshot: smallSnapshot(),
        itemTypeMeta: 'omit',
      });
      const omitted = JSON.parse(
        (await fetchFrom(omit, '/api/v1/nodes')).body,
      ).items;
      expect(omitted).toEqual(bare);
      // a get by name always carries them, as on a real apiserver
      const one = JSON.parse(
        (await fetchFrom(omit, '/api/v1/nodes/cp-1')).body,
      );
      expect(one).toMatchObject({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'cp-1' },
      });
    });

    it('filters namespaced lists by namespace; cluster-scoped resources have no namespaced path', async () => {
      const res = await get('/api/v1/namespaces/kube-system/pods');
      expect(res.json.kind).toBe('PodList');
      expect(res.json.items.map((p: any) => p.metadata.name)).toEqual([
        'coredns-7db6d8ff4d-abcde',
        'coredns-7db6d8ff4d-fghij',
        'kube-proxy-k2x9p',
      ]);
      expect((await get('/api/v1/namespaces/nowhere/pods')).json.items).toEqual(
        [],
      );
      expect((await get('/api/v1/namespaces/default/nodes')).status).toBe(404);
    });

    it('applies label and field selectors, and rejects unsupported fields like kube-apiserver', async () => {
      const byLabel = await get('/api/v1/pods?labelSelector=app%3Dweb');
      expect(byLabel.json.items.map((p: any) => p.metadata.name)).toEqual([
        'web-5d4f8c7b9-aaaaa',
        'web-5d4f8c7b9-bbbbb',
      ]);
      const byField = await get(
        '/api/v1/pods?fieldSelector=spec.nodeName%3Dworker-2,metadata.namespace!%3Dshop',
      );
      expect(byField.json.items.map((p: any) => p.metadata.name)).toEqual([
        'kube-proxy-k2x9p',
      ]);
      const bad = await get('/api/v1/pods?fieldSelector=spec.priority%3D1');
      expect(bad.status).toBe(400);
      expect(bad.json).toMatchObject({
        reason: 'BadRequest',
        message: 'field label not supported: spec.priority',
      });
    });

    it('pages with limit and continue, with remainingItemCount', async () => {
      const names: string[] = [];
      let token: string | undefined;
      const remaining: Array<number | undefined> = [];
      do {
        const res = await get(
          `/api/v1/pods?limit=3${
            token ? `&continue=${encodeURIComponent(token)}` : ''
          }`,
        );
        expect(res.status).toBe(200);
        names.push(...res.json.items.map((p: any) => p.metadata.name));
        token = res.json.metadata.continue;
        remaining.push(res.json.metadata.remainingItemCount);
      } while (token);
      expect(names).toEqual(
        smallSnapshot().resources.pods.items!.map(p => p.metadata!.name),
      );
      expect(remaining).toEqual([4, 1, undefined]);
      // the token is opaque, in the shape of kube-apiserver's: base64 JSON {v, rv, start}
      const first = await get('/api/v1/pods?limit=1');
      const decoded = JSON.parse(
        Buffer.from(first.json.metadata.continue, 'base64url').toString(),
      );
      expect(decoded).toMatchObject({
        v: 'meta.k8s.io/v1',
        rv: Number(first.json.metadata.resourceVersion),
      });
    });

    it('rejects a malformed continue token or one from another list with 400', async () => {
      const garbage = await get('/api/v1/pods?limit=2&continue=not-a-token');
      expect(garbage.status).toBe(400);
      expect(garbage.json.message).toMatch(/^continue key is not valid/);
      const nodes = await get('/api/v1/nodes?limit=1');
      const crossed = await get(
        `/api/v1/pods?limit=1&continue=${nodes.json.metadata.continue}`,
      );
      expect(crossed.status).toBe(400);
      const withRv = await get(
        `/api/v1/nodes?limit=1&resourceVersion=5&continue=${nodes.json.metadata.continue}`,
      );
      expect(withRv.json.message).toBe(
        'specifying resource version is not allowed when using continue',
      );
    });

    it('answers 410 Expired to a continue token of an older list generation', async () => {
      const s = await start();
      const first = JSON.parse(
        (await fetchFrom(s, '/api/v1/pods?limit=2')).body,
      );
      s.expireContinueTokens();
      const res = await fetchFrom(
        s,
        `/api/v1/pods?limit=2&continue=${first.metadata.continue}`,
      );
      expect(res.status).toBe(410);
      const status = JSON.parse(res.body);
      expect(status).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Expired',
        code: 410,
      });
      expect(status.message).toMatch(
        /^The provided continue parameter is too old to display a consistent list result\./,
      );
      // like kube-apiserver, it hands out a token that continues (inconsistently) at the latest version
      const resumed = await fetchFrom(
        s,
        `/api/v1/pods?limit=2&continue=${status.metadata.continue}`,
      );
      expect(resumed.status).toBe(200);
      expect(
        JSON.parse(resumed.body).items.map((p: any) => p.metadata.name),
      ).toEqual(['kube-proxy-k2x9p', 'web-5d4f8c7b9-aaaaa']);
      // a fresh list works
      expect((await fetchFrom(s, '/api/v1/pods?limit=2')).status).toBe(200);
    });

    it("answers a denied resource with the snapshot's Status, on list and get", async () => {
      const res = await get(
        '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      );
      expect(res.status).toBe(403);
      expect(res.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          smallSnapshot().resources[
            'clusterrolebindings.rbac.authorization.k8s.io'
          ].error!.message,
        reason: 'Forbidden',
        details: {
          group: 'rbac.authorization.k8s.io',
          kind: 'clusterrolebindings',
        },
        code: 403,
      });
      expect(
        (
          await get(
            '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/admin',
          )
        ).status,
      ).toBe(403);
    });

    it('serves resources the snapshot did not collect as empty lists, secrets included', async () => {
      const res = await get('/apis/batch/v1/cronjobs');
      expect(res.json).toMatchObject({ kind: 'CronJobList', items: [] });
      const secrets = await get('/api/v1/secrets');
      expect(secrets.json).toMatchObject({ kind: 'SecretList', items: [] });
      expect(server.requests.at(-1)).toMatchObject({
        path: '/api/v1/secrets',
        status: 200,
      });
    });

    it('serves a meta.k8s.io/v1 Table when asked as=Table', async () => {
      const res = await get('/api/v1/namespaces/shop/pods?limit=2', {
        headers: {
          Accept:
            'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
        },
      });
      expect(res.headers['content-type']).toBe(
        'application/json;as=Table;v=v1;g=meta.k8s.io',
      );
      expect(res.json.kind).toBe('Table');
      expect(res.json.apiVersion).toBe('meta.k8s.io/v1');
      expect(res.json.metadata.continue).toEqual(expect.any(String));
      expect(
        res.json.columnDefinitions.slice(0, 5).map((c: any) => c.name),
      ).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
      expect(res.json.rows[0].cells.slice(0, 4)).toEqual([
        'web-5d4f8c7b9-aaaaa',
        '1/1',
        'Running',
        '0',
      ]);
      expect(res.json.rows[0].object).toEqual({
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: smallSnapshot().resources.pods.items![3].metadata,
      });
      const none = await get('/api/v1/nodes?includeObject=None', {
        headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      });
      expect(none.json.rows[0].object).toBeUndefined();
      const unacceptable = await get('/api/v1/nodes', {
        headers: { Accept: 'application/vnd.kubernetes.protobuf' },
      });
      expect(unacceptable.status).toBe(406);
    });
  });

  describe('get by name, unknown paths, methods', () => {
    it('gets namespaced and cluster-scoped objects by name', async () => {
      const deploy = await get('/apis/apps/v1/namespaces/shop/deployments/web');
      expect(deploy.json).toEqual(
        smallSnapshot().resources['deployments.apps'].items![0],
      );
      const ns = await get('/api/v1/namespaces/shop');
      expect(ns.json).toMatchObject({
        kind: 'Namespace',
        metadata: { name: 'shop' },
      });
      const node = await get('/api/v1/nodes/worker-2');
      expect(node.json.metadata.name).toBe('worker-2');
    });

    it('answers 404 NotFound with details for an absent object', async () => {
      const res = await get('/apis/apps/v1/namespaces/default/deployments/web');
      expect(res.status).toBe(404);
      expect(res.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'deployments.apps "web" not found',
        reason: 'NotFound',
        details: { name: 'web', group: 'apps', kind: 'deployments' },
        code: 404,
      });
      const pod = await get('/api/v1/namespaces/shop/pods/nope');
      expect(pod.json.message).toBe('pods "nope" not found');
    });

    it('answers 404 Status for unknown paths, groups and resources', async () => {
      for (const path of [
        '/nope',
        '/api/v2',
        '/apis/example.com/v1',
        '/api/v1/widgets',
        '/apis/apps/v1/namespaces/x/deployments/y/scale',
      ]) {
        const res = await get(path);
        expect(res.status).toBe(404);
        expect(res.json).toMatchObject({
          kind: 'Status',
          reason: 'NotFound',
          code: 404,
        });
      }
    });

    it('answers 405 MethodNotAllowed to anything but GET, and records it', async () => {
      const res = await get('/api/v1/namespaces/shop/pods', { method: 'POST' });
      expect(res.status).toBe(405);
      expect(res.json).toMatchObject({
        reason: 'MethodNotAllowed',
        message: 'create is not supported on resources of kind "pods"',
      });
      expect(
        (
          await get('/apis/apps/v1/namespaces/shop/deployments/web', {
            method: 'DELETE',
          })
        ).status,
      ).toBe(405);
      expect(server.requests.slice(-2).map(r => [r.method, r.status])).toEqual([
        ['POST', 405],
        ['DELETE', 405],
      ]);
    });
  });

  describe('faults', () => {
    it('delay waits before answering, on matching paths only', async () => {
      server.setFaults([{ match: '/api/v1/nodes', kind: 'delay', ms: 300 }]);
      const res = await get('/api/v1/nodes');
      expect(res.status).toBe(200);
      expect(res.ms).toBeGreaterThanOrEqual(290); // a lower bound holds on any machine
      // Other paths are not delayed: /version answers while a nodes request waits
      // (for ten minutes, far beyond this test), whatever the machine's speed.
      const s = await start({
        faults: [{ match: '/api/v1/nodes', kind: 'delay', ms: 600_000 }],
      });
      let answered = false;
      const waiting = fetchFrom(s, '/api/v1/nodes').then(r => {
        answered = true;
        return r;
      });
      expect((await fetchFrom(s, '/version')).status).toBe(200);
      expect(answered).toBe(false);
      await s.close(); // ends the sleeper and the waiting request
      expect((await waiting).status).toBe(0);
    });

    it('refuse destroys the socket without an answer', async () => {
      server.setFaults([
        { match: /^\/api\/v1\/pods$/, kind: 'refuse', times: 1 },
      ]);
      const refused = await get('/api/v1/pods');
      expect(refused.status).toBe(0);
      expect(refused.error).toBe('ECONNRESET');
      expect(server.requests.at(-1)).toMatchObject({
        path: '/api/v1/pods',
        status: 0,
      });
      expect((await get('/api/v1/pods')).status).toBe(200); // times: 1
    });

    it('status 429 with Retry-After, then normal service', async () => {
      server.setFaults([
        {
          match: '/apis/apps',
          kind: 'status',
          status: 429,
          retryAfterSeconds: 2,
          times: 2,
        },
      ]);
      for (let i = 0; i < 2; i++) {
        const res = await get('/apis/apps/v1/deployments');
        expect(res.status).toBe(429);
        expect(res.headers['retry-after']).toBe('2');
        expect(res.json).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Too many requests, please try again later.',
          reason: 'TooManyRequests',
          details: { retryAfterSeconds: 2 },
          code: 429,
        });
      }
      expect((await get('/apis/apps/v1/deployments')).status).toBe(200);
    });

    it('status 500 and 503', async () => {
      server.setFaults([
        { match: '/api/v1/nodes', kind: 'status', status: 500 },
        {
          match: '/api/v1/namespaces',
          kind: 'status',
          status: 503,
          message: 'etcd is down',
        },
      ]);
      expect((await get('/api/v1/nodes')).json).toMatchObject({
        reason: 'InternalError',
        code: 500,
      });
      expect((await get('/api/v1/namespaces')).json).toMatchObject({
        reason: 'ServiceUnavailable',
        message: 'etcd is down',
        code: 503,
      });
    });

    it('truncate sends the headers and half the body, then cuts the connection', async () => {
      server.setFaults([{ match: '/api/v1/pods', kind: 'truncate', times: 1 }]);
      const cut = await fetchFrom(server, '/api/v1/pods');
      const whole = await fetchFrom(server, '/api/v1/pods');
      expect(whole.status).toBe(200);
      expect(cut.status).toBe(200);
      expect(cut.error).toBe('aborted');
      expect(Number(cut.headers['content-length'])).toBe(
        Buffer.byteLength(whole.body),
      );
      expect(Buffer.byteLength(cut.body)).toBe(
        Math.floor(Buffer.byteLength(whole.body) / 2),
      );
    });

    it('expire answers 410 to requests that continue a list', async () => {
      server.setFaults([{ match: '/api/v1/pods', kind: 'expire', times: 1 }]);
      const first = await get('/api/v1/pods?limit=2');
      expect(first.status).toBe(200); // no continue parameter: not matched
      const expired = await get(
        `/api/v1/pods?limit=2&continue=${first.json.metadata.continue}`,
      );
      expect(expired.status).toBe(410);
      expect(expired.json.reason).toBe('Expired');
      const again = await get(
        `/api/v1/pods?limit=2&continue=${first.json.metadata.continue}`,
      );
      expect(again.status).toBe(200);
    });

    it('loop hands out continue tokens that come back every period pages', async () => {
      const tokens = async (n: number) => {
        const seen: string[] = [];
        let token: string | undefined;
        for (let i = 0; i < n; i++) {
          const res = await get(
            `/api/v1/pods?limit=1${token ? `&continue=${token}` : ''}`,
          );
          expect(res.status).toBe(200);
          token = res.json.metadata.continue;
          seen.push(token!);
        }
        return seen;
      };
      server.setFaults([{ match: '/api/v1/pods', kind: 'loop' }]);
      const same = await tokens(4);
      expect(new Set(same).size).toBe(1);
      server.setFaults([{ match: '/api/v1/pods', kind: 'loop', period: 3 }]);
      const cycle = await tokens(7);
      expect(new Set(cycle).size).toBe(3);
      expect(cycle.slice(3, 6)).toEqual(cycle.slice(0, 3));
      server.setFaults([]);
      const normal = await tokens(4);
      expect(new Set(normal).size).toBe(4);
    });

    it('faults given at start apply too', async () => {
      const s = await start({
        faults: [{ match: '/version', kind: 'status', status: 403 }],
      });
      const res = await fetchFrom(s, '/version');
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).reason).toBe('Forbidden');
    });
  });

  describe('a 150,000-pod source', () => {
    const PODS = 150_000;
    const namespaces = 300;
    let calls = 0;
    let big: KubeApiTestServer;
    const lazyPod = (i: number) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `pod-${i}`,
        namespace: `ns-${i % namespaces}`,
        uid: `u-${i}`,
      },
      spec: {
        nodeName: `node-${i % 1000}`,
        containers: [{ name: 'c', image: 'app:1' }],
      },
      status: { phase: 'Running' },
    });

    beforeAll(async () => {
      big = await start({
        source: {
          count: key => (key === 'pods' ? PODS : 0),
          item: (_key, index) => {
            calls++;
            return lazyPod(index);
          },
        },
      });
    });

    it('walks every page at limit=500 reading each item once', async () => {
      calls = 0;
      let token: string | undefined;
      let total = 0;
      let pages = 0;
      const firstItems: object[] = [];
      const remaining: Array<number | undefined> = [];
      do {
        const res = await fetchFrom(
          big,
          `/api/v1/pods?limit=500${token ? `&continue=${token}` : ''}`,
        );
        const list = JSON.parse(res.body);
        firstItems.push(list.items[0]);
        total += list.items.length;
        pages++;
        token = list.metadata.continue;
        remaining.push(list.metadata.remainingItemCount);
      } while (token);
      expect(firstItems[0]).toEqual(lazyPod(0));
      expect(firstItems[299]).toEqual(lazyPod(149_500));
      expect(remaining).toEqual(
        remaining.map((_, page) =>
          page < 299 ? PODS - 500 * (page + 1) : undefined,
        ),
      );
      expect(total).toBe(PODS);
      expect(pages).toBe(PODS / 500);
      expect(calls).toBe(PODS); // no scans: each page reads only its own items
    }, 120_000);

    it('indexes namespaces and names once, then serves pages without scanning', async () => {
      calls = 0;
      const first = JSON.parse(
        (await fetchFrom(big, '/api/v1/namespaces/ns-7/pods?limit=100')).body,
      );
      expect(first.items).toHaveLength(100);
      expect(first.items[1].metadata.name).toBe(`pod-${7 + namespaces}`);
      expect(first.metadata.remainingItemCount).toBe(PODS / namespaces - 100);
      const indexing = calls;
      expect(indexing).toBe(PODS + 100); // one pass for the index, then the page
      calls = 0;
      const second = JSON.parse(
        (
          await fetchFrom(
            big,
            `/api/v1/namespaces/ns-7/pods?limit=100&continue=${first.metadata.continue}`,
          )
        ).body,
      );
      expect(second.items[0].metadata.name).toBe(`pod-${7 + 100 * namespaces}`);
      const one = JSON.parse(
        (await fetchFrom(big, '/api/v1/namespaces/ns-9/pods/pod-149709')).body,
      );
      expect(one.metadata.name).toBe('pod-149709');
      expect(calls).toBe(101);
    }, 120_000);
  });
});
