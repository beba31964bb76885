import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '../bin/cluster-readiness');
const dir = mkdtempSync(join(tmpdir(), 'cluster-readiness-cli-'));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return path;
}

const node = (name: string, controlPlane = false) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {},
  },
  status: {
    conditions: [{ type: 'Ready', status: 'True' }],
    nodeInfo: {
      kubeletVersion: 'v1.35.1',
      containerRuntimeVersion: 'containerd://2.0.5',
    },
  },
});

const snapshot = {
  apiVersion: 'cluster-readiness/v1alpha1',
  kind: 'ClusterSnapshot',
  collectedAt: '2026-11-20T10:00:00Z',
  cluster: { name: 'ci-cluster', skipTLSVerify: true },
  serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
  resources: {
    nodes: { items: [node('cp-1', true), node('w-1')] },
    pods: { items: [] },
  },
};
const snapshotFile = file('snapshot.json', snapshot);

describe('cluster-readiness evaluate (the real binary)', () => {
  it('prints a table per category by default, without colours off a TTY', () => {
    const { code, stdout, stderr } = run('evaluate', snapshotFile);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // v2: the distribution is named, and a grade never promises more than was seen.
    expect(stdout).toMatch(/^Cluster ci-cluster \(unknown\): score \d+, no grade · coverage \d+ %, coverage \d+%/);
    for (const title of ['Control plane', 'Worker nodes', 'Access', 'Resource limits']) {
      expect(stdout).toContain(`${title} — score`);
    }
    expect(stdout).toContain('FAIL     high      access.tls-verification');
    expect(stdout).not.toContain('\u001b[');
  });

  it('shows a withheld grade in the table when coverage is below 0.5', () => {
    const report = JSON.parse(run('evaluate', snapshotFile, '--format', 'json').stdout);
    const table = run('evaluate', snapshotFile).stdout;
    // Nodes and an empty pod list only: most checks are unknown.
    expect(report.coverage).toBeLessThan(0.5);
    expect(report.score).not.toBeNull();
    expect(report.grade).toBeNull();
    expect(report.gradeCap.by).toBe('coverage');
    expect(table).toContain(`, no grade · coverage ${Math.round(report.coverage * 100)} %`);
  });

  it("treats --system-namespace 'cattle-*' as a prefix", () => {
    const rancher = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'rancher-1', namespace: 'cattle-system' },
      spec: { nodeName: 'cp-1', containers: [{ name: 'rancher', image: 'rancher/rancher:v2.9' }] },
      status: { phase: 'Running' },
    };
    const path = file('cattle.json', {
      ...snapshot,
      resources: { ...snapshot.resources, pods: { items: [rancher] } },
    });
    const status = (args: string[]) =>
      JSON.parse(run('evaluate', path, '--format', 'json', ...args).stdout).checks.find(
        (c: { id: string }) => c.id === 'resource-limits.container-resources',
      ).status;
    expect(status([])).toBe('fail');
    expect(status(['--system-namespace', 'cattle-*'])).toBe('not-applicable');
  });

  it('prints the full ClusterReport as JSON', () => {
    const { code, stdout } = run('evaluate', snapshotFile, '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.cluster.name).toBe('ci-cluster');
    expect(report.checks).toHaveLength(41);
    expect(report.distribution).toEqual({ name: 'unknown', evidence: [] });
    expect(report).toHaveProperty('gradeCap');
    expect(report.categories.map((c: { id: string }) => c.id)).toEqual([
      'control-plane',
      'nodes',
      'access',
      'resource-limits',
    ]);
    const tls = report.checks.find((c: { id: string }) => c.id === 'access.tls-verification');
    expect(tls).toMatchObject({ status: 'fail', severity: 'high', category: 'access' });
    expect(tls.remediation).toMatch(/^https:\/\/kubernetes\.io\//);
  });

  it('prints SARIF 2.1.0 with one rule per check and results for warn/fail', () => {
    const { code, stdout } = run('evaluate', snapshotFile, '--format', 'sarif');
    expect(code).toBe(0);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(41);
    const levels = new Set(sarif.runs[0].results.map((r: { level: string }) => r.level));
    expect([...levels].every(l => l === 'error' || l === 'warning')).toBe(true);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain(
      'access.tls-verification',
    );
  });

  it('prints JUnit XML with a failure per failing check', () => {
    const { code, stdout } = run('evaluate', snapshotFile, '--format', 'junit');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<\?xml version="1.0"/);
    expect(stdout).toMatch(/<testsuites name="cluster-readiness ci-cluster" tests="41"/);
    expect(stdout).toMatch(
      /<testcase classname="ci-cluster.access" name="access.tls-verification: [^"]+"><failure type="high"/,
    );
  });

  it('writes to --output', () => {
    const out = join(dir, 'report.json');
    const { code, stdout } = run('evaluate', snapshotFile, '--format', 'json', '--output', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).cluster.name).toBe('ci-cluster');
  });

  it('is a CI gate: --fail-on fail and --fail-under exit 1 and say why', () => {
    const failOn = run('evaluate', snapshotFile, '--format', 'json', '--fail-on', 'fail');
    expect(failOn.code).toBe(1);
    expect(failOn.stderr).toMatch(/gate failed: \d+ check\(s\) fail: .*access\.tls-verification/);
    const score = JSON.parse(failOn.stdout).score as number;
    expect(run('evaluate', snapshotFile, '--fail-under', String(score)).code).toBe(0);
    const under = run('evaluate', snapshotFile, '--fail-under', String(score + 1));
    expect(under.code).toBe(1);
    expect(under.stderr).toContain(`gate failed: score ${score} is below ${score + 1}`);
  });

  it('applies waivers and reports expired ones', () => {
    const waivers = file(
      'waivers.yaml',
      [
        '- check: access.tls-verification',
        '  cluster: ci-cluster',
        '  reason: lab cluster with a self-signed certificate',
        '  owner: platform-team',
        '  expires: 2026-12-31',
        '- check: nodes.worker-count',
        '  reason: old waiver',
        '  owner: someone',
        '  expires: 2026-01-01',
      ].join('\n'),
    );
    const { code, stdout } = run('evaluate', snapshotFile, '--format', 'json', '--waivers', waivers);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const tls = report.checks.find((c: { id: string }) => c.id === 'access.tls-verification');
    expect(tls.status).toBe('fail');
    expect(tls.waiver).toMatchObject({ owner: 'platform-team', expired: false });
    const workers = report.checks.find((c: { id: string }) => c.id === 'nodes.worker-count');
    expect(workers.waiver).toMatchObject({ expired: true });
    expect(report.counts.waived).toBe(1);
    // A waived failure no longer trips the gate on its own.
    const table = run('evaluate', snapshotFile, '--waivers', waivers);
    expect(table.stdout).toContain('WAIVED');
    expect(table.stdout).toContain('waiver (EXPIRED): old waiver');
  });

  it('reads a kubectl List', () => {
    const list = file('cluster.json', {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: [node('cp-1', true), node('w-1'), node('w-2'), node('w-3')],
    });
    const { code, stdout, stderr } = run(
      'evaluate',
      list,
      '--format',
      'json',
      '--collected-at',
      '2026-11-20T10:00:00Z',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.cluster.name).toBe('cluster');
    expect(report.collectedAt).toBe('2026-11-20T10:00:00.000Z');
    const workers = report.checks.find((c: { id: string }) => c.id === 'nodes.worker-count');
    expect(workers.status).toBe('pass');
  });

  it.each([
    [['evaluate', join(dir, 'missing.json')], `${join(dir, 'missing.json')}: no such file`],
    [['evaluate', file('text.json', 'hello')], 'text.json: not valid JSON at byte 0'],
    [
      ['evaluate', file('shape.json', { ...snapshot, cluster: { name: 5 } })],
      'shape.json: cluster.name: expected a string, got a number',
    ],
    [
      ['evaluate', file('version.json', { ...snapshot, kind: 'Snapshot' })],
      'version.json: kind: expected "ClusterSnapshot", got "Snapshot"',
    ],
    [
      [
        'evaluate',
        file('conditions.json', {
          ...snapshot,
          resources: { nodes: { items: [{ metadata: { name: 'cp-1' }, status: { conditions: 'Ready' } }] } },
        }),
      ],
      'conditions.json: Node/cp-1 .status.conditions: expected a list, got a string',
    ],
    [['evaluate', snapshotFile, '--format', 'xml'], "argument 'xml' is invalid"],
    [['evaluate', snapshotFile, '--fail-under', 'high'], 'expected a whole number'],
    [
      ['evaluate', snapshotFile, '--waivers', file('w.yaml', '- check: x\n  owner: me\n')],
      'w.yaml: [0].reason: is required (expected a string)',
    ],
    // File system errors are worded, never quoted (Node's text names the syscall).
    [['evaluate', snapshotFile, '--waivers', dir], `${dir}: is a directory, not a file`],
    [
      ['evaluate', snapshotFile, '--output', join(dir, 'no-such-dir', 'report.json')],
      `${join(dir, 'no-such-dir', 'report.json')}: no such file or directory`,
    ],
  ])('exits 2 with one line for bad input %#', (args, message) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toMatch(/E[A-Z]{3,}:|unexpected error/);
  });

  it('lists the check catalog', () => {
    const { code, stdout } = run('checks', '--format', 'json');
    expect(code).toBe(0);
    const checks = JSON.parse(stdout);
    expect(checks).toHaveLength(41);
    expect(checks[0]).toMatchObject({ id: 'control-plane.dedicated-nodes', severity: 'high' });
  });
});
