import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ClusterSnapshot,
  evaluate,
  RESOURCE_TYPES,
  trimObject,
} from '@cluster-readiness/backstage-plugin-common';
import {
  KubeApiTestServer,
  KubeApiTestServerOptions,
  startKubeApiTestServer,
} from '@cluster-readiness/kube-api-test-server';
import { readSnapshot } from '../snapshot/readSnapshot';
import { writeSnapshot } from '../snapshot/writeSnapshot';
import { clusterFixture, COLLECTED_AT } from './__testUtils__/clusterFixture';
import type { ClusterTransport } from './ClusterTransport';
import {
  CollectProgressEvent,
  collectSnapshot,
  CollectSnapshotOptions,
} from './collectSnapshot';
import { DirectTransport } from './DirectTransport';
import {
  ClusterAuthenticationError,
  ClusterTimeoutError,
  ClusterTlsError,
  ClusterUnreachableError,
} from './errors';

// A generous hang guard: every test starts an HTTPS server (a fresh RSA CA); on a busy
// machine that alone takes seconds. No test depends on speed.
jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'collector-'));
let counter = 0;

const servers: KubeApiTestServer[] = [];
const transports: DirectTransport[] = [];

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  const stray: string[] = [];
  for (const server of servers.splice(0)) {
    stray.push(...strayRequests(server));
    await server.close();
  }
  // Only GET is ever sent, and never to secrets: checked after every test.
  if (stray.length) throw new Error(`unexpected requests: ${stray.join(', ')}`);
});

/** Requests that are not GET, or that touch secrets. */
function strayRequests(server: KubeApiTestServer): string[] {
  return server.requests
    .filter(r => r.method !== 'GET' || /secrets/.test(r.path))
    .map(r => `${r.method} ${r.path}`);
}

async function start(
  options: Partial<KubeApiTestServerOptions> = {},
): Promise<KubeApiTestServer> {
  const server = await startKubeApiTestServer({
    snapshot: clusterFixture(),
    itemTypeMeta: 'omit', // what a real API server sends for list items
    ...options,
  });
  servers.push(server);
  return server;
}

async function connect(
  server: KubeApiTestServer,
  kubeconfig: Parameters<KubeApiTestServer['writeKubeconfig']>[1] = {},
): Promise<DirectTransport> {
  const path = join(dir, `kubeconfig-${++counter}`);
  server.writeKubeconfig(path, { context: 'prod-eu-1', ...kubeconfig });
  const transport = await DirectTransport.fromKubeconfig({
    kubeconfigPath: path,
  });
  transports.push(transport);
  return transport;
}

const fixed = { collectedAt: () => new Date(COLLECTED_AT), backoffMs: 10 };

async function collect(
  server: KubeApiTestServer,
  options: CollectSnapshotOptions = {},
): Promise<ClusterSnapshot> {
  return collectSnapshot(await connect(server), { ...fixed, ...options });
}

/** JSON round trip: drops the `undefined` fields that trimObject leaves. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function listRequests(server: KubeApiTestServer, path: string) {
  return server.requests.filter(r => r.path === path);
}

describe('collectSnapshot over real TLS against kube-api-test-server', () => {
  it('round trip: snapshot → server → collector → a snapshot that evaluates identically', async () => {
    const original = clusterFixture();
    const server = await start({ snapshot: original });
    const events: CollectProgressEvent[] = [];
    const collected = await collect(server, {
      onProgress: e => events.push(e),
    });

    expect(collected.collectedAt).toBe(COLLECTED_AT);
    expect(collected.cluster).toEqual({
      name: 'prod-eu-1',
      server: server.url,
      skipTLSVerify: false,
    });
    expect(collected.serverVersion).toMatchObject({
      major: '1',
      minor: '34',
      gitVersion: 'v1.34.2',
    });
    expect(collected.serverCertificate).toEqual({
      ...server.certificate,
      notAfter: new Date(server.certificate.notAfter)
        .toISOString()
        .replace('.000Z', 'Z'),
    });
    expect(collected.anonymousProbe).toEqual({ status: 401 });
    expect(collected.apiGroupVersions).toEqual(
      expect.arrayContaining([
        'v1',
        'apps/v1',
        'rbac.authorization.k8s.io/v1',
        'velero.io/v1',
      ]),
    );
    expect(collected.apiGroupVersions).not.toContain('karpenter.sh/v1');

    // Every resource, in RESOURCE_TYPES order; the optional resources whose groups
    // discovery does not serve (Karpenter, OpenShift's config) are left out.
    expect(Object.keys(collected.resources)).toEqual(
      RESOURCE_TYPES.map(t => t.key).filter(
        k =>
          k !== 'nodepools.karpenter.sh' && !k.endsWith('.config.openshift.io'),
      ),
    );
    for (const [key, list] of Object.entries(original.resources)) {
      // apiVersion/kind filled in (the server omits them per item), objects trimmed.
      expect(plain(collected.resources[key])).toEqual(
        plain({ items: list.items!.map(item => trimObject(key, item)) }),
      );
    }
    expect(JSON.stringify(collected)).not.toContain('managedFields');

    const expected = {
      ...original,
      cluster: collected.cluster,
      serverCertificate: collected.serverCertificate,
      apiGroupVersions: collected.apiGroupVersions,
    };
    const report = evaluate(collected);
    expect(report.score).not.toBeNull();
    expect(report).toEqual(evaluate(expected));

    // And through a file written item by item.
    const file = join(dir, 'round-trip.json');
    await writeSnapshot(collected, file);
    expect(evaluate(await readSnapshot(file))).toEqual(report);

    // Progress: one `done` per collected resource, with its count.
    const done = events.filter(e => e.done);
    expect(done.map(e => e.key).sort()).toEqual(
      Object.keys(collected.resources).sort(),
    );
    expect(done.find(e => e.key === 'pods')?.items).toBe(
      original.resources.pods.items!.length,
    );

    // The configmap is read by name, leases and endpointslices in their namespace only.
    const paths = server.requests.map(r => r.path);
    expect(paths).toContain(
      '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
    );
    expect(paths).toContain(
      '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases',
    );
    expect(paths).toContain(
      '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
    );
    expect(paths).not.toContain('/api/v1/configmaps');
    expect(strayRequests(server)).toEqual([]);
    expect(server.requests.length).toBeGreaterThan(RESOURCE_TYPES.length);
    // The anonymous probe went without credentials.
    expect(
      server.requests.filter(r => !r.authenticated).map(r => r.path),
    ).toEqual(['/api']);
  });

  it('keeps whole objects with trim: false', async () => {
    const original = clusterFixture();
    const server = await start({ snapshot: original, itemTypeMeta: 'keep' });
    const collected = await collect(server, { trim: false });
    expect(collected.resources.pods).toEqual(original.resources.pods);
  });

  it('pages through lists with limit and continue (pageSize 2)', async () => {
    const original = clusterFixture(40);
    const server = await start({ snapshot: original });
    const collected = await collect(server, { pageSize: 2 });
    const pods = original.resources.pods.items!;
    expect(collected.resources.pods.items?.map(p => p.metadata?.name)).toEqual(
      pods.map(p => p.metadata?.name),
    );
    const pages = listRequests(server, '/api/v1/pods');
    expect(pages).toHaveLength(Math.ceil(pods.length / 2));
    expect(pages.every(r => r.query.limit === '2')).toBe(true);
    expect(pages[0].query.continue).toBeUndefined();
    expect(pages.slice(1).every(r => !!r.query.continue)).toBe(true);
  });

  it('records 403s as error entries and collects the rest', async () => {
    const server = await start({
      faults: [
        { match: '/clusterrolebindings', kind: 'status', status: 403 },
        {
          match: '/api/v1/nodes',
          kind: 'status',
          status: 403,
          message:
            'nodes is forbidden: User "system:serviceaccount:cluster-readiness:cluster-readiness-reader" cannot list resource "nodes" in API group "" at the cluster scope',
        },
      ],
    });
    const collected = await collect(server);
    expect(collected.resources.nodes).toEqual({
      error: {
        code: 403,
        reason: 'Forbidden',
        message:
          'nodes is forbidden: User "system:serviceaccount:cluster-readiness:cluster-readiness-reader" cannot list resource "nodes" in API group "" at the cluster scope',
      },
    });
    expect(
      collected.resources['clusterrolebindings.rbac.authorization.k8s.io']
        .error,
    ).toMatchObject({
      code: 403,
      reason: 'Forbidden',
    });
    expect(collected.resources.pods.items?.length).toBeGreaterThan(0);
    // Not retried: a denial is an answer.
    expect(listRequests(server, '/api/v1/nodes')).toHaveLength(1);
    const report = evaluate(collected);
    const adminBindings = report.checks.find(
      c => c.id === 'access.cluster-admin-bindings',
    );
    expect(adminBindings?.status).toBe('unknown');
  });

  it('restarts a list once from the start when its continue token expired (410)', async () => {
    const server = await start({
      snapshot: clusterFixture(10),
      faults: [{ match: '/api/v1/pods', kind: 'expire', times: 1 }],
    });
    const collected = await collect(server, { pageSize: 5 });
    const pods = listRequests(server, '/api/v1/pods');
    expect(pods.map(r => [r.status, !!r.query.continue])).toEqual([
      [200, false],
      [410, true],
      [200, false],
      ...pods.slice(3).map(() => [200, true]),
    ]);
    expect(collected.resources.pods.items).toHaveLength(
      clusterFixture(10).resources.pods.items!.length,
    );

    // Expired again after the restart: an error entry, not a loop.
    server.setFaults([{ match: '/api/v1/pods', kind: 'expire' }]);
    const again = await collect(server, { pageSize: 5 });
    expect(again.resources.pods.error).toMatchObject({
      code: 410,
      reason: 'Expired',
    });
    expect(again.resources.nodes.items).toHaveLength(6);
  });

  it('abandons a list whose continue token comes back twice in a row, counting pages', async () => {
    const server = await start({
      snapshot: clusterFixture(40),
      faults: [{ match: '/api/v1/pods', kind: 'loop' }],
    });
    const collected = await collect(server, { pageSize: 2 });
    expect(collected.resources.pods).toEqual({
      error: {
        code: 502,
        reason: 'InvalidResponse',
        message:
          'GET /api/v1/pods: the API server repeated a continue token (twice in a row, after 2 pages), so the list would never end; it was abandoned',
      },
    });
    // Two pages, not until the deadline; the rest is collected.
    expect(listRequests(server, '/api/v1/pods')).toHaveLength(2);
    expect(collected.resources.nodes.items?.length).toBeGreaterThan(0);
  });

  it('abandons a list whose continue tokens cycle, within a bounded number of pages', async () => {
    const server = await start({
      snapshot: clusterFixture(40),
      faults: [{ match: '/api/v1/pods', kind: 'loop', period: 3 }],
    });
    const collected = await collect(server, { pageSize: 2 });
    expect(collected.resources.pods.error?.message).toMatch(
      /^GET \/api\/v1\/pods: the API server repeated a continue token \(a cycle, after \d+ pages\)/,
    );
    // Brent's detector: a 3-cycle after the first page is found by page 6.
    const pages = listRequests(server, '/api/v1/pods').length;
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(6);
  });

  it('keeps memory bounded by the items kept, whatever the pages: a long cycle is still caught', async () => {
    // 400 pods in pages of 1 cycling over 100 tokens: found within ~2 cycles, and
    // the detector keeps two tokens whatever the number of pages.
    const server = await start({
      snapshot: clusterFixture(400),
      faults: [{ match: '/api/v1/pods', kind: 'loop', period: 100 }],
    });
    const collected = await collect(server, { pageSize: 1 });
    expect(collected.resources.pods.error?.reason).toBe('InvalidResponse');
    const pages = listRequests(server, '/api/v1/pods').length;
    expect(pages).toBeGreaterThan(100);
    expect(pages).toBeLessThanOrEqual(3 * 100 + 1);
  });

  it('records an object with wrong field types as the resource error, naming object and field', async () => {
    const original = clusterFixture();
    const nodes = original.resources.nodes.items!;
    nodes[1] = { ...nodes[1], status: { conditions: 'Ready' } };
    const server = await start({ snapshot: original });
    const collected = await collect(server);
    expect(collected.resources.nodes).toEqual({
      error: {
        code: 502,
        reason: 'InvalidResponse',
        message: `the API server sent an unusable object: Node/${nodes[1].metadata?.name} .status.conditions: expected a list, got a string`,
      },
    });
    expect(collected.resources.pods.items?.length).toBeGreaterThan(0);
  });

  it('reads roles, OpenShift config objects and kubeadm-config when discovery serves them', async () => {
    const original = clusterFixture();
    const openshift = (kind: string, name: string) => ({
      apiVersion: 'config.openshift.io/v1',
      kind,
      metadata: { name },
      spec: {},
    });
    original.resources.configmaps.items!.push(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kubeadm-config', namespace: 'kube-system' },
        data: { ClusterConfiguration: 'apiServer: {}' },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'other', namespace: 'kube-system' },
      },
    );
    original.resources['roles.rbac.authorization.k8s.io'] = {
      items: [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'reader', namespace: 'shop' },
          rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
        },
      ],
    };
    original.resources['apiservers.config.openshift.io'] = {
      items: [openshift('APIServer', 'cluster'), openshift('APIServer', 'x')],
    };
    original.resources['authentications.config.openshift.io'] = {
      items: [openshift('Authentication', 'cluster')],
    };
    const server = await start({ snapshot: original });
    const collected = await collect(server);
    expect(collected.apiGroupVersions).toContain('config.openshift.io/v1');
    const names = (key: string) =>
      collected.resources[key].items?.map(i => i.metadata?.name);
    expect(names('roles.rbac.authorization.k8s.io')).toEqual(['reader']);
    expect(names('apiservers.config.openshift.io')).toEqual(['cluster']);
    expect(names('authentications.config.openshift.io')).toEqual(['cluster']);
    expect(names('configmaps')).toEqual([
      'cluster-autoscaler-status',
      'kubeadm-config',
    ]);
    const paths = server.requests.map(r => r.path);
    expect(paths).toContain('/apis/rbac.authorization.k8s.io/v1/roles');
    expect(paths).toContain('/apis/config.openshift.io/v1/apiservers/cluster');
    expect(paths).toContain(
      '/apis/config.openshift.io/v1/authentications/cluster',
    );
    expect(paths).toContain(
      '/api/v1/namespaces/kube-system/configmaps/kubeadm-config',
    );
    // Read by name: never listed.
    expect(paths).not.toContain('/apis/config.openshift.io/v1/apiservers');
  });

  it('leaves an optional resource absent when discovery does not serve its group', async () => {
    const server = await start(); // no OpenShift, no Karpenter
    const collected = await collect(server);
    expect(collected.apiGroupVersions).not.toContain('config.openshift.io/v1');
    for (const key of [
      'apiservers.config.openshift.io',
      'authentications.config.openshift.io',
      'nodepools.karpenter.sh',
    ]) {
      expect(key in collected.resources).toBe(false);
    }
    expect(
      server.requests.some(r => r.path.startsWith('/apis/config.openshift.io')),
    ).toBe(false);
    // Served but empty: present with no items (kubeadm-config absent is a 404 → none).
    expect(collected.resources['roles.rbac.authorization.k8s.io']).toEqual({
      items: [],
    });
  });

  it('times out one slow request: that resource errors, the others are collected', async () => {
    const server = await start({
      // Ten minutes: the test's own timeout guards against waiting for it.
      faults: [{ match: '/api/v1/nodes', kind: 'delay', ms: 600_000 }],
    });
    const collected = await collect(server, { requestTimeoutMs: 3_000 });
    expect(collected.resources.nodes).toEqual({
      error: {
        code: 504,
        reason: 'Timeout',
        message: 'no answer to GET /api/v1/nodes within 3 s (request timeout)',
      },
    });
    expect(collected.resources.pods.items?.length).toBeGreaterThan(0);
    expect(collected.resources.namespaces.items).toHaveLength(5);
  });

  it('stops at the overall deadline and records what was not read', async () => {
    const server = await start({
      // Ten minutes: the test's own timeout guards against waiting for it.
      faults: [{ match: /^\/apis/, kind: 'delay', ms: 600_000 }],
    });
    const collected = await collect(server, {
      deadlineMs: 3_000,
      requestTimeoutMs: 600_000,
    });
    expect(collected.apiGroupVersions).toBeUndefined(); // /apis did not answer in time
    expect(collected.resources['deployments.apps'].error).toMatchObject({
      code: 504,
      reason: 'Timeout',
    });
    expect(collected.resources['deployments.apps'].error?.message).toMatch(
      /collection deadline of 3 s/,
    );
  });

  it('retries 429 (honouring Retry-After), 500 and reset connections, then succeeds', async () => {
    const server = await start({
      faults: [
        {
          match: /^\/api\/v1\/namespaces$/,
          kind: 'status',
          status: 429,
          retryAfterSeconds: 1,
          times: 1,
        },
        {
          match: '/apis/apps/v1/deployments',
          kind: 'status',
          status: 500,
          times: 2,
        },
        { match: '/apis/apps/v1/daemonsets', kind: 'truncate', times: 1 },
        { match: '/apis/apps/v1/statefulsets', kind: 'refuse', times: 1 },
      ],
    });
    const transport = await connect(server);
    const times: Record<string, number[]> = {};
    const timed: ClusterTransport = {
      target: transport.target,
      supportsUnauthenticated: true,
      get: (path, options) => {
        (times[path] ??= []).push(performance.now());
        return transport.get(path, options);
      },
    };
    const collected = await collectSnapshot(timed, fixed);
    expect(
      listRequests(server, '/api/v1/namespaces').map(r => r.status),
    ).toEqual([429, 200]);
    const [first, second] = times['/api/v1/namespaces'];
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(collected.resources.namespaces.items).toHaveLength(5);
    expect(
      listRequests(server, '/apis/apps/v1/deployments').map(r => r.status),
    ).toEqual([500, 500, 200]);
    expect(collected.resources['deployments.apps'].items).toHaveLength(2);
    expect(collected.resources['daemonsets.apps'].items).toHaveLength(1);
    expect(listRequests(server, '/apis/apps/v1/daemonsets')).toHaveLength(2);
    expect(collected.resources['statefulsets.apps'].items).toHaveLength(1);
  });

  it('gives up after the retries and records the last answer', async () => {
    const server = await start({
      faults: [
        { match: '/apis/apps/v1/deployments', kind: 'status', status: 503 },
      ],
    });
    const collected = await collect(server, { retries: 2 });
    expect(listRequests(server, '/apis/apps/v1/deployments')).toHaveLength(3);
    expect(collected.resources['deployments.apps'].error).toMatchObject({
      code: 503,
      reason: 'ServiceUnavailable',
    });
  });

  it('never has more requests in flight than the concurrency', async () => {
    const server = await start({
      faults: [{ match: /^\/api/, kind: 'delay', ms: 40 }],
    });
    for (const concurrency of [1, 3]) {
      server.requests.length = 0;
      let max = 0;
      const poll = setInterval(() => {
        max = Math.max(max, server.requests.filter(r => r.status === 0).length);
      }, 2);
      const collected = await collect(server, { concurrency });
      clearInterval(poll);
      expect(collected.resources.pods.items?.length).toBeGreaterThan(0);
      expect(max).toBeLessThanOrEqual(concurrency);
      expect(max).toBe(concurrency); // and it does use them
    }
  });

  it('records the anonymous probe as the server answers it', async () => {
    const server = await start({ anonymous: 403 });
    expect((await collect(server)).anonymousProbe).toEqual({ status: 403 });
  });

  it('records skipTLSVerify for an insecure kubeconfig', async () => {
    const server = await start();
    const transport = await connect(server, { insecure: true });
    const collected = await collectSnapshot(transport, fixed);
    expect(collected.cluster.skipTLSVerify).toBe(true);
    expect(collected.resources.nodes.items).toHaveLength(6);
  });
});

describe('collectSnapshot: the demo snapshots of examples/snapshots', () => {
  const EXAMPLES = resolve(__dirname, '../../../../examples/snapshots');

  it.each(['prod-eu-1', 'prod-us-1', 'staging-1', 'dev-1', 'restricted'])(
    '%s: served, collected and evaluated identically',
    async name => {
      const original: ClusterSnapshot = JSON.parse(
        readFileSync(join(EXAMPLES, `${name}.json`), 'utf8'),
      );
      const server = await start({
        snapshot: original,
        anonymous: original.anonymousProbe?.status as 401 | 403 | 200,
        serverCertificate: original.serverCertificate,
      });
      const transport = await connect(server, {
        context: original.cluster.name,
        insecure: original.cluster.skipTLSVerify, // (staging-1's certificate expired)
      });
      const collected = await collectSnapshot(transport, {
        collectedAt: () => new Date(original.collectedAt),
        controlPlane: original.cluster.controlPlane,
      });
      expect(collected.cluster).toEqual({
        ...original.cluster,
        server: server.url,
        skipTLSVerify: !!original.cluster.skipTLSVerify,
      });
      expect(collected.serverVersion).toMatchObject(original.serverVersion!);
      expect(collected.serverCertificate).toEqual(original.serverCertificate);
      expect(collected.anonymousProbe).toEqual(original.anonymousProbe);
      for (const [key, list] of Object.entries(original.resources)) {
        expect([key, plain(collected.resources[key])]).toEqual([
          key,
          list.error
            ? list
            : plain({ items: list.items!.map(item => trimObject(key, item)) }),
        ]);
      }
      expect(evaluate(collected)).toEqual(
        evaluate({
          ...original,
          cluster: collected.cluster,
          apiGroupVersions: collected.apiGroupVersions,
        }),
      );
    },
  );
});

describe('collectSnapshot: whole-cluster failures', () => {
  async function failure(
    transport: ClusterTransport,
    options: CollectSnapshotOptions = {},
  ) {
    try {
      await collectSnapshot(transport, { ...fixed, ...options });
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected the collection to fail');
  }

  it('a CA that did not sign the server certificate: ClusterTlsError', async () => {
    const server = await start();
    const other = await start();
    const error = await failure(await connect(server, { caPem: other.caPem }));
    expect(error).toBeInstanceOf(ClusterTlsError);
    expect(error.message).toMatch(
      new RegExp(
        `^cluster 'prod-eu-1': TLS handshake with ${server.url} failed: .+`,
      ),
    );
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(server.token);
    expect((error as ClusterTlsError).cluster).toBe('prod-eu-1');
  });

  it('a wrong token: ClusterAuthenticationError, without the token', async () => {
    const server = await start();
    const error = await failure(
      await connect(server, { token: 'wrong-token-0123456789' }),
    );
    expect(error).toBeInstanceOf(ClusterAuthenticationError);
    expect(error.message).toBe(
      `cluster 'prod-eu-1': ${server.url} rejected the credentials (401 Unauthorized)`,
    );
    expect(error.message).not.toContain('wrong-token');
    expect(server.requests.map(r => r.path)).toEqual(['/version']);
  });

  it('a refused port: ClusterUnreachableError', async () => {
    const port = await new Promise<number>(done => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => done(p));
      });
    });
    const transport = new DirectTransport({
      name: 'gone',
      server: `https://127.0.0.1:${port}`,
      token: 'secret-token-value',
    });
    transports.push(transport);
    const error = await failure(transport);
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect(error.message).toBe(
      `cluster 'gone': cannot reach https://127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
  });

  it('a closed connection on every try: ClusterUnreachableError after the retries', async () => {
    const server = await start({
      faults: [{ match: /^\/version$/, kind: 'refuse' }],
    });
    const error = await failure(await connect(server), { retries: 2 });
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect(error.message).toMatch(
      /^cluster 'prod-eu-1': cannot reach https:\/\/127\.0\.0\.1:\d+: (connection reset|connection closed|socket hang up)/,
    );
    expect(listRequests(server, '/version')).toHaveLength(3);
  });

  it('no answer to /version in time: ClusterTimeoutError', async () => {
    const server = await start({
      faults: [{ match: /^\/version$/, kind: 'delay', ms: 600_000 }],
    });
    const error = await failure(await connect(server), {
      requestTimeoutMs: 2_000,
    });
    expect(error).toBeInstanceOf(ClusterTimeoutError);
    expect(error.message).toBe(
      `cluster 'prod-eu-1': ${server.url} did not answer GET /version within 2 s`,
    );
  });

  it('a 5xx from /version after the retries: ClusterUnreachableError naming the answer', async () => {
    const server = await start({
      faults: [{ match: /^\/version$/, kind: 'status', status: 503 }],
    });
    const error = await failure(await connect(server), { retries: 1 });
    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect(error.message).toMatch(
      /answered GET \/version with 503 ServiceUnavailable/,
    );
  });
});
