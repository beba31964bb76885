import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';
import {
  KubeApiTestServer,
  startKubeApiTestServer,
} from '@cluster-readiness/kube-api-test-server';
import { main } from './main';

/*
 * The real binary against kube-api-test-server, over TLS. The server runs in this
 * process, so the binary is spawned asynchronously (spawnSync would block the server).
 */

jest.setTimeout(60_000);

const BIN = resolve(__dirname, '../bin/cluster-readiness');
const dir = mkdtempSync(join(tmpdir(), 'cluster-readiness-collect-'));

function run(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        KUBECONFIG: join(dir, 'no-such-kubeconfig'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    const timer = setTimeout(() => child.kill(), 50_000);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const node = (name: string, controlPlane = false) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: (controlPlane
      ? { 'node-role.kubernetes.io/control-plane': '' }
      : {}) as Record<string, string>,
    annotations: { big: 'x'.repeat(100) },
  },
  status: {
    conditions: [{ type: 'Ready', status: 'True' }],
    nodeInfo: {
      kubeletVersion: 'v1.34.2',
      containerRuntimeVersion: 'containerd://2.0.5',
    },
  },
});

const pod = (i: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `web-${i}`, namespace: 'shop', labels: { app: 'web' } },
  spec: {
    nodeName: 'w-1',
    serviceAccountName: 'web',
    containers: [
      {
        name: 'web',
        resources: {
          requests: { cpu: '100m', memory: '64Mi' },
          limits: { memory: '128Mi' },
        },
      },
    ],
  },
  status: { phase: 'Running' },
});

const snapshot: ClusterSnapshot = {
  apiVersion: 'cluster-readiness/v1alpha1',
  kind: 'ClusterSnapshot',
  collectedAt: '2026-11-20T10:00:00Z',
  cluster: { name: 'served' },
  serverVersion: { major: '1', minor: '34', gitVersion: 'v1.34.2' },
  resources: {
    nodes: { items: [node('cp-1', true), node('w-1'), node('w-2')] },
    namespaces: {
      items: ['default', 'kube-system', 'shop'].map(name => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      })),
    },
    pods: { items: Array.from({ length: 25 }, (_, i) => pod(i)) },
  },
};

let server: KubeApiTestServer;
let kubeconfig: string;

beforeAll(async () => {
  server = await startKubeApiTestServer({ snapshot, itemTypeMeta: 'omit' });
  kubeconfig = join(dir, 'kubeconfig');
  server.writeKubeconfig(kubeconfig, { context: 'prod-eu-1' });
});

afterAll(async () => {
  await server.close();
});

describe('cluster-readiness collect (the real binary, a live test API server)', () => {
  it('writes a snapshot file, quietly when stderr is not a terminal', async () => {
    const out = join(dir, 'snapshot.json');
    const { code, stdout, stderr } = await run(
      'collect',
      '--kubeconfig',
      kubeconfig,
      '-o',
      out,
    );
    expect(stderr).toBe('');
    expect(stdout).toBe('');
    expect(code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toMatchObject({
      apiVersion: 'cluster-readiness/v1alpha1',
      kind: 'ClusterSnapshot',
      cluster: { name: 'prod-eu-1', server: server.url, skipTLSVerify: false },
      serverVersion: { major: '1', minor: '34' },
      anonymousProbe: { status: 401 },
    });
    expect(written.serverCertificate.subject).toBe('CN=kube-apiserver');
    expect(written.resources.pods.items).toHaveLength(25);
    expect(written.resources.nodes.items[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'cp-1' },
    });
    expect(
      written.resources.nodes.items[0].metadata.annotations,
    ).toBeUndefined(); // trimmed
    // Item by item: one object a line.
    expect(readFileSync(out, 'utf8').split('\n').length).toBeGreaterThan(25);
  });

  it('writes to standard output without -o, and keeps whole objects with --no-trim', async () => {
    const { code, stdout } = await run(
      'collect',
      '--kubeconfig',
      kubeconfig,
      '--no-trim',
      '--cluster-name',
      'renamed',
    );
    expect(code).toBe(0);
    const written = JSON.parse(stdout);
    expect(written.cluster.name).toBe('renamed');
    expect(written.resources.nodes.items[0].metadata.annotations).toEqual({
      big: 'x'.repeat(100),
    });
  });

  it('exits 2 with one line naming the cluster and the cause when collection fails', async () => {
    const bad = join(dir, 'bad-token');
    server.writeKubeconfig(bad, {
      context: 'prod-eu-1',
      token: 'not-the-token-abcdef',
    });
    const { code, stdout, stderr } = await run(
      'collect',
      '--kubeconfig',
      bad,
      '-o',
      join(dir, 'x.json'),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `cluster-readiness: cluster 'prod-eu-1': ${server.url} rejected the credentials (401 Unauthorized)\n`,
    );
    expect(stderr).not.toContain('not-the-token');

    const other = await startKubeApiTestServer({ snapshot });
    const wrongCa = join(dir, 'wrong-ca');
    server.writeKubeconfig(wrongCa, { caPem: other.caPem });
    await other.close();
    const tls = await run('collect', '--kubeconfig', wrongCa);
    expect(tls.code).toBe(2);
    expect(tls.stderr).toMatch(
      /^cluster-readiness: cluster 'kube-api-test-server': TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed: .+\n$/,
    );
  });

  it('exits 2 with one line for a kubeconfig problem', async () => {
    const missing = await run('collect', '--kubeconfig', join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `cluster-readiness: kubeconfig ${join(dir, 'nope')}: no such file\n`,
    );
    const context = await run(
      'collect',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'staging',
    );
    expect(context.code).toBe(2);
    expect(context.stderr).toBe(
      `cluster-readiness: kubeconfig ${kubeconfig}: no context 'staging' (contexts: prod-eu-1)\n`,
    );
  });
});

describe('cluster-readiness evaluate --kubeconfig (the real binary)', () => {
  it('collects, then evaluates', async () => {
    const { code, stdout, stderr } = await run(
      'evaluate',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'prod-eu-1',
      '--format',
      'json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.cluster.name).toBe('prod-eu-1');
    expect(report.checks).toHaveLength(41);
    expect(
      report.checks.find(
        (c: { id: string }) => c.id === 'access.tls-verification',
      ).status,
    ).toBe('pass');
    expect(
      report.checks.find(
        (c: { id: string }) => c.id === 'access.anonymous-auth',
      ).status,
    ).toBe('pass');
  });

  it('still evaluates a file, and needs exactly one of a file or --kubeconfig/--context', async () => {
    const file = join(dir, 'for-evaluate.json');
    expect(
      (await run('collect', '--kubeconfig', kubeconfig, '-o', file)).code,
    ).toBe(0);
    const fromFile = await run('evaluate', file, '--format', 'json');
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout).cluster.name).toBe('prod-eu-1');

    const neither = await run('evaluate');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toBe(
      'cluster-readiness: evaluate: give a snapshot file, or --kubeconfig/--context to collect from a live cluster\n',
    );
    const both = await run('evaluate', file, '--kubeconfig', kubeconfig);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      'cluster-readiness: evaluate: give either a snapshot file or --kubeconfig/--context, not both\n',
    );
    const collectedAt = await run(
      'evaluate',
      '--kubeconfig',
      kubeconfig,
      '--collected-at',
      '2026-01-01T00:00:00Z',
    );
    expect(collectedAt.code).toBe(2);
    expect(collectedAt.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('requests sent', () => {
  it('were only GETs, never to secrets', () => {
    expect(server.requests.length).toBeGreaterThan(0);
    expect(
      server.requests.filter(r => r.method !== 'GET' || /secrets/.test(r.path)),
    ).toEqual([]);
  });
});

describe('progress', () => {
  function io(isTTY: boolean) {
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY });
    let out = '';
    let err = '';
    stdout.on('data', d => (out += d));
    stderr.on('data', d => (err += d));
    return { io: { stdout, stderr }, out: () => out, err: () => err };
  }

  it('shows each resource with its count on a terminal', async () => {
    const t = io(true);
    const code = await main(
      [
        'node',
        'cluster-readiness',
        'collect',
        '--kubeconfig',
        kubeconfig,
        '-o',
        join(dir, 'tty.json'),
      ],
      t.io,
    );
    expect(code).toBe(0);
    expect(t.err()).toContain(`Collecting cluster 'prod-eu-1' (${server.url})`);
    expect(t.err()).toContain('✓ pods 25\n');
    expect(t.err()).toContain('✓ nodes 3\n');
    expect(t.err()).toMatch(/Collected \d+ resources into .*tty\.json\n$/);
  });

  it('is quiet off a terminal', async () => {
    const t = io(false);
    const code = await main(
      ['node', 'cluster-readiness', 'collect', '--kubeconfig', kubeconfig],
      t.io,
    );
    expect(code).toBe(0);
    expect(t.err()).toBe('');
    expect(JSON.parse(t.out()).resources.pods.items).toHaveLength(25);
  });
});
