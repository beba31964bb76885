import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@cluster-readiness/backstage-plugin-common';
import { startKubeApiTestServer } from './server';
import type { KubeApiTestServer } from './types';
import { kubectl, smallSnapshot } from './testing/fixtures';

// Every test starts HTTPS servers (a fresh RSA CA each) or the real kubectl: slow on a
// busy machine. A generous hang guard; no test depends on speed.
jest.setTimeout(60_000);

/**
 * Faithfulness is judged by the real kubectl: whatever it accepts and prints from a
 * kube-apiserver, it must accept and print from this server.
 */
describe('kube-api-test-server, as seen by the real kubectl', () => {
  const snapshot = smallSnapshot();
  const items = (key: string) => snapshot.resources[key].items as KubeObject[];
  let server: KubeApiTestServer;
  let dir: string;
  let env: { kubeconfig: string; home: string };
  const run = (...args: string[]) => kubectl(args, env);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-api-test-server-'));
    server = await startKubeApiTestServer({ snapshot });
    env = { kubeconfig: join(dir, 'kubeconfig'), home: join(dir, 'home') };
    server.writeKubeconfig(env.kubeconfig);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  it('kubectl get nodes -o json prints exactly the snapshot nodes', async () => {
    const result = await run('get', 'nodes', '-o', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout);
    expect(list.kind).toBe('List');
    expect(list.items).toEqual(items('nodes'));
    const lists = server.requests.filter(r => r.path === '/api/v1/nodes');
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({
      method: 'GET',
      authenticated: true,
      status: 200,
    });
    expect(lists[0].query.limit).toBe('500');
    expect(lists[0].accept).not.toContain('as=Table');
  });

  it('kubectl cluster-info dump writes its directory layout, with GET requests only', async () => {
    const out = join(dir, 'dump');
    const result = await run(
      'cluster-info',
      'dump',
      '--all-namespaces',
      `--output-directory=${out}`,
    );
    expect(result.code).toBe(0);
    const nodes = JSON.parse(readFileSync(join(out, 'nodes.json'), 'utf8'));
    expect(nodes.items.map((n: KubeObject) => n.metadata?.name)).toEqual(
      items('nodes').map(n => n.metadata?.name),
    );
    for (const file of ['events', 'services', 'replicasets', 'pods']) {
      const list = JSON.parse(
        readFileSync(join(out, 'kube-system', `${file}.json`), 'utf8'),
      );
      expect(Array.isArray(list.items)).toBe(true);
    }
    expect(server.requests.every(r => r.method === 'GET')).toBe(true);
  }, 120_000);

  it('kubectl get nodes prints a server-side Table with the node names', async () => {
    const result = await run('get', 'nodes');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
    ]);
    expect(lines.slice(1).map(l => l.split(/\s+/)[0])).toEqual([
      'cp-1',
      'worker-1',
      'worker-2',
    ]);
    expect(lines[1]).toMatch(
      /^cp-1\s+Ready\s+control-plane\s+\S+\s+v1\.34\.2$/,
    );
    expect(lines[2]).toMatch(/^worker-1\s+Ready\s+<none>\s+\S+\s+v1\.34\.2$/);
    const list = server.requests.find(r => r.path === '/api/v1/nodes');
    expect(list?.accept).toContain(
      'application/json;as=Table;v=v1;g=meta.k8s.io',
    );
  });

  it('kubectl get nodes -o wide shows the priority-1 columns', async () => {
    const result = await run('get', 'nodes', '-o', 'wide');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME/,
    );
    expect(lines[1]).toContain('10.0.1.10');
    expect(lines[1]).toContain('containerd://2.1.4');
  });

  it('kubectl get pods -A --chunk-size=2 -o json pages through every pod', async () => {
    const result = await run(
      'get',
      'pods',
      '-A',
      '--chunk-size=2',
      '-o',
      'json',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).items).toEqual(items('pods'));
    const pages = server.requests.filter(r => r.path === '/api/v1/pods');
    // 7 pods in pages of 2: four requests, the last three carrying a continue token
    expect(pages).toHaveLength(4);
    expect(pages.every(p => p.query.limit === '2' && p.status === 200)).toBe(
      true,
    );
    expect(pages[0].query.continue).toBeUndefined();
    expect(
      pages.slice(1).every(p => typeof p.query.continue === 'string'),
    ).toBe(true);
    expect(new Set(pages.slice(1).map(p => p.query.continue)).size).toBe(3);
  });

  it("kubectl get pods -A prints the NAMESPACE column from the rows' metadata", async () => {
    const result = await run('get', 'pods', '-A');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual([
      'NAMESPACE',
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
    ]);
    const rows = lines.slice(1).map(l => l.split(/\s+/).slice(0, 4));
    expect(rows).toEqual(
      items('pods').map(p => [
        p.metadata!.namespace,
        p.metadata!.name,
        '1/1',
        'Running',
      ]),
    );
  });

  it('kubectl get pods -n <ns> lists only that namespace', async () => {
    const result = await run('get', 'pods', '-n', 'shop');
    expect(result.code).toBe(0);
    const names = result.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map(l => l.split(/\s+/)[0]);
    expect(names).toEqual([
      'web-5d4f8c7b9-aaaaa',
      'web-5d4f8c7b9-bbbbb',
      'cart-6c9f7d8b5-ccccc',
    ]);
    expect(server.requests.map(r => r.path)).toContain(
      '/api/v1/namespaces/shop/pods',
    );

    const empty = await run('get', 'pods', '-n', 'nothing-here');
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain(
      'No resources found in nothing-here namespace.',
    );
  });

  it('kubectl get deployment and pod by name, and NotFound', async () => {
    const deploy = await run(
      'get',
      'deployment',
      'web',
      '-n',
      'shop',
      '-o',
      'json',
    );
    expect(deploy.code).toBe(0);
    expect(JSON.parse(deploy.stdout)).toEqual(items('deployments.apps')[0]);
    expect(server.requests.map(r => r.path)).toContain(
      '/apis/apps/v1/namespaces/shop/deployments/web',
    );

    const table = await run('get', 'deploy', 'web', '-n', 'shop');
    expect(table.stdout).toMatch(
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\/2\s+2\s+2\s+\S+\n$/,
    );

    const missing = await run('get', 'pod', 'nope', '-n', 'shop');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
  });

  it('kubectl version -o json reads the server version', async () => {
    const result = await run('version', '-o', 'json');
    expect(result.code).toBe(0);
    const version = JSON.parse(result.stdout);
    expect(version.serverVersion).toMatchObject({
      major: '1',
      minor: '34',
      gitVersion: 'v1.34.2',
      platform: 'linux/amd64',
    });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(
      server.requests.every(r => r.path === '/version' && r.status === 200),
    ).toBe(true);
  });

  it('kubectl api-resources lists the served resources (and optional CRDs only when present)', async () => {
    const result = await run('api-resources');
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map(l => l.split(/\s+/));
    const byName = new Map(rows.map(r => [r[0], r]));
    expect(byName.get('pods')).toEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(byName.get('nodes')).toEqual(['nodes', 'no', 'v1', 'false', 'Node']);
    expect(byName.get('deployments')).toEqual([
      'deployments',
      'deploy',
      'apps/v1',
      'true',
      'Deployment',
    ]);
    expect(byName.get('horizontalpodautoscalers')).toEqual([
      'horizontalpodautoscalers',
      'hpa',
      'autoscaling/v2',
      'true',
      'HorizontalPodAutoscaler',
    ]);
    expect(byName.get('backups')).toEqual([
      'backups',
      'velero.io/v1',
      'true',
      'Backup',
    ]);
    expect(byName.has('nodepools')).toBe(false);
    // kubectl 1.30+ asks for aggregated discovery and got it: no per-group requests
    const paths = server.requests.map(r => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/api', '/apis']));
    expect(
      paths.filter(p => p.startsWith('/apis/') || p.startsWith('/api/')),
    ).toEqual([]);
  });

  it("kubectl reports the snapshot's 403 as Forbidden", async () => {
    const result = await run('get', 'clusterrolebindings');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Error from server (Forbidden): clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:readiness:collector" cannot list resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
  });

  it('kubectl with a wrong token is Unauthorized', async () => {
    const kubeconfig = join(dir, 'wrong-token');
    server.writeKubeconfig(kubeconfig, { token: 'not-the-token' });
    const result = await kubectl(['get', 'nodes'], {
      kubeconfig,
      home: join(dir, 'home-wrong'),
    });
    expect(result.code).toBe(1);
    // exactly what kubectl 1.32 prints against a real apiserver: discovery reads the raw
    // 401 and client-go words it as "asked for the client to provide credentials"
    expect(result.stderr.trim().split('\n').pop()).toBe(
      'error: You must be logged in to the server (the server has asked for the client to provide credentials)',
    );
    // where kubectl decodes the Status body itself, it shows its reason and message
    const raw = await kubectl(['get', '--raw', '/api/v1/nodes'], {
      kubeconfig,
      home: join(dir, 'home-wrong'),
    });
    expect(raw.code).toBe(1);
    expect(raw.stderr.trim()).toBe(
      'error: You must be logged in to the server (Unauthorized)',
    );
    expect(server.requests.length).toBeGreaterThan(0);
    expect(
      server.requests.every(r => !r.authenticated && r.status === 401),
    ).toBe(true);
  });

  it('kubectl trusts the generated CA, and refuses another one', async () => {
    const other = await startKubeApiTestServer({ snapshot });
    try {
      const kubeconfig = join(dir, 'wrong-ca');
      server.writeKubeconfig(kubeconfig, { caPem: other.caPem });
      const result = await kubectl(['get', 'nodes'], {
        kubeconfig,
        home: join(dir, 'home-ca'),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'x509: certificate signed by unknown authority',
      );

      const insecure = join(dir, 'insecure');
      server.writeKubeconfig(insecure, { insecure: true, context: 'lab' });
      const ok = await kubectl(['get', 'nodes', '-o', 'name'], {
        kubeconfig: insecure,
        home: join(dir, 'home-insecure'),
      });
      expect(ok.code).toBe(0);
      expect(ok.stdout).toBe('node/cp-1\nnode/worker-1\nnode/worker-2\n');
    } finally {
      await other.close();
    }
  });

  it('kubectl selects by label and field', async () => {
    const byLabel = await run(
      'get',
      'pods',
      '-A',
      '-l',
      'app=web',
      '-o',
      'name',
    );
    expect(byLabel.stdout).toBe(
      'pod/web-5d4f8c7b9-aaaaa\npod/web-5d4f8c7b9-bbbbb\n',
    );
    const byField = await run(
      'get',
      'pods',
      '-A',
      '--field-selector',
      'spec.nodeName=worker-1',
      '-o',
      'name',
    );
    expect(byField.stdout).toBe(
      'pod/coredns-7db6d8ff4d-fghij\npod/web-5d4f8c7b9-aaaaa\npod/debug-shell\n',
    );
  });

  it('kubectl reports a 410 Expired continue token mid-list like against a compacted apiserver', async () => {
    server.setFaults([{ match: '/api/v1/pods', kind: 'expire', times: 1 }]);
    try {
      const result = await run(
        'get',
        'pods',
        '-A',
        '--chunk-size=3',
        '-o',
        'json',
      );
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(
        /^Error from server \(Expired\): The provided continue parameter is too old to display a consistent list result\./,
      );
      expect(
        server.requests
          .filter(r => r.path === '/api/v1/pods')
          .map(r => r.status),
      ).toEqual([200, 410]);
    } finally {
      server.setFaults([]);
    }
  });

  it('kubectl honours Retry-After on 429 and retries', async () => {
    server.setFaults([
      {
        match: '/api/v1/nodes',
        kind: 'status',
        status: 429,
        retryAfterSeconds: 1,
        times: 1,
      },
    ]);
    try {
      const result = await run('get', 'nodes', '-o', 'name');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('node/cp-1\nnode/worker-1\nnode/worker-2\n');
      expect(
        server.requests
          .filter(r => r.path === '/api/v1/nodes')
          .map(r => r.status),
      ).toEqual([429, 200]);
    } finally {
      server.setFaults([]);
    }
  });

  it('kubectl never wrote anything: every request was a GET', async () => {
    await run('get', 'pods,deployments', '-A', '-o', 'name');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every(r => r.method === 'GET')).toBe(true);
    expect(server.requests.some(r => r.path.includes('secrets'))).toBe(false);
  });
});

describe('kube-api-test-server variants, as seen by the real kubectl', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-api-test-server-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('legacy discovery (no aggregated discovery) and items without apiVersion/kind, like older apiservers', async () => {
    const snapshot = smallSnapshot();
    snapshot.resources['nodepools.karpenter.sh'] = {
      items: [
        {
          apiVersion: 'karpenter.sh/v1',
          kind: 'NodePool',
          metadata: {
            name: 'default',
            creationTimestamp: '2026-01-10T08:00:00Z',
          },
          spec: { limits: { cpu: '1000' } },
        },
      ],
    };
    const server = await startKubeApiTestServer({
      snapshot,
      aggregatedDiscovery: false,
      itemTypeMeta: 'omit',
    });
    try {
      const env = {
        kubeconfig: join(dir, 'legacy'),
        home: join(dir, 'home-legacy'),
      };
      server.writeKubeconfig(env.kubeconfig);
      const resources = await kubectl(
        ['api-resources', '--api-group=karpenter.sh'],
        env,
      );
      expect(resources.code).toBe(0);
      expect(resources.stdout.trim().split('\n')[1].split(/\s+/)).toEqual([
        'nodepools',
        'karpenter.sh/v1',
        'false',
        'NodePool',
      ]);
      const paths = server.requests.map(r => r.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api',
          '/apis',
          '/api/v1',
          '/apis/apps/v1',
          '/apis/karpenter.sh/v1',
        ]),
      );

      // the server sends bare items; kubectl fills apiVersion/kind back from the list kind
      const nodes = await kubectl(['get', 'nodes', '-o', 'json'], env);
      expect(JSON.parse(nodes.stdout).items).toEqual(
        snapshot.resources.nodes.items,
      );
      const pools = await kubectl(['get', 'nodepools'], env);
      expect(pools.stdout).toMatch(/^NAME\s+AGE\ndefault\s+\S+\n$/);
    } finally {
      await server.close();
    }
  });
});
