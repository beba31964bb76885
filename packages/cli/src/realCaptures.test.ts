import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * End to end through the CLI binary, on the real captures of examples/real/ (see its
 * README for their sources and how they were trimmed). The statuses asserted here are
 * those whose rules v2 does not change; V2 below holds what the v2 rules decide on the
 * same data (distribution, grade cap, and the changed rules).
 */

const BIN = resolve(__dirname, '../bin/cluster-readiness');
const REAL = resolve(__dirname, '../../../examples/real');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-readiness-real-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const reports = new Map<string, { code: number | null; report: any }>();

/** Evaluates a capture through the CLI once; both describe blocks read the result. */
function evaluated(capture: { name: string; path: string }) {
  let result = reports.get(capture.name);
  if (!result) {
    const { code, stdout } = run(
      'evaluate',
      resolve(REAL, capture.path),
      '--format',
      'json',
      '--cluster-name',
      capture.name,
    );
    result = { code, report: code === 0 ? JSON.parse(stdout) : undefined };
    reports.set(capture.name, result);
  }
  return result;
}

function statusesOf(report: any, ids: string[]): Record<string, string> {
  return Object.fromEntries(
    ids.map(id => [
      id,
      report.checks.find((c: { id: string }) => c.id === id)?.status,
    ]),
  );
}

interface Capture {
  name: string;
  path: string;
  /** Resource keys collected, each with its item count. */
  keys: Record<string, number>;
  serverVersion?: string;
  collectedAt: string;
  /** The one stderr line naming skipped files, when the input has some. */
  skipped?: string[];
  statuses: Record<string, string>;
}

const CAPTURES: Capture[] = [
  {
    name: 'k3s-124',
    path: 'k3s-1.24-bundle/support-bundle.tar.gz',
    keys: {
      nodes: 1,
      namespaces: 4,
      pods: 8,
      resourcequotas: 0,
      limitranges: 0,
      'deployments.apps': 5,
      'statefulsets.apps': 0,
      'cronjobs.batch': 0,
      'clusterroles.rbac.authorization.k8s.io': 69,
      'clusterrolebindings.rbac.authorization.k8s.io': 54,
      'roles.rbac.authorization.k8s.io': 7,
      'rolebindings.rbac.authorization.k8s.io': 9,
      'poddisruptionbudgets.policy': 0,
      'networkpolicies.networking.k8s.io': 0,
    },
    serverVersion: 'v1.24.4+k3s1',
    collectedAt: '2022-12-21T16:41:53.000Z',
    skipped: [
      'support-bundle/cluster-resources/pods/logs/default/nginx-deployment-7986654d4-ztx2g/hello-previous.log',
      'support-bundle/version.yaml',
    ],
    statuses: {
      'nodes.conditions': 'pass',
      'nodes.zone-spread': 'fail',
      'resource-limits.dns-replicas': 'fail',
      'access.cluster-admin-bindings': 'pass',
      'access.anonymous-bindings': 'pass',
      'control-plane.version-supported': 'pass',
    },
  },
  {
    name: 'k3s-131',
    path: 'k3s-1.31-bundle-dir',
    keys: {
      nodes: 1,
      namespaces: 4,
      pods: 7,
      serviceaccounts: 43,
      resourcequotas: 0,
      limitranges: 0,
      configmaps: 0,
      'deployments.apps': 4,
      'daemonsets.apps': 1,
      'statefulsets.apps': 0,
      'cronjobs.batch': 0,
      'leases.coordination.k8s.io': 1,
      'endpointslices.discovery.k8s.io': 1,
      'clusterroles.rbac.authorization.k8s.io': 72,
      'clusterrolebindings.rbac.authorization.k8s.io': 57,
      'roles.rbac.authorization.k8s.io': 7,
      'rolebindings.rbac.authorization.k8s.io': 9,
      'poddisruptionbudgets.policy': 0,
      'networkpolicies.networking.k8s.io': 0,
    },
    serverVersion: 'v1.31.2+k3s1',
    collectedAt: '2025-12-10T17:26:36.736Z',
    skipped: [
      'supportbundle/cluster-resources/pods/logs/default/run-example/collector.log',
      'supportbundle/version.yaml',
    ],
    statuses: {
      'nodes.conditions': 'pass',
      'nodes.zone-spread': 'fail',
      'resource-limits.dns-replicas': 'fail',
      'access.cluster-admin-bindings': 'pass',
      'access.default-service-account': 'pass',
    },
  },
  {
    name: 'kurl-129',
    path: 'kurl-1.29-kubeadm/nodes.json',
    keys: { nodes: 1 },
    collectedAt: '2024-12-19T02:59:48.000Z',
    statuses: {
      'nodes.conditions': 'pass',
      'nodes.worker-count': 'fail',
      'nodes.zone-spread': 'fail',
      'access.cluster-admin-bindings': 'unknown',
    },
  },
  {
    name: 'doks-119',
    path: 'doks-1.19-managed/nodes.json',
    keys: { nodes: 5 },
    collectedAt: '2020-12-03T22:45:37.000Z',
    statuses: {
      'nodes.conditions': 'pass',
      'nodes.worker-count': 'pass',
      'nodes.zone-spread': 'fail',
      'resource-limits.dns-replicas': 'unknown',
    },
  },
  {
    name: 'openshift-47',
    path: 'openshift-4.7-insights/cluster.yaml',
    keys: {
      nodes: 2,
      'validatingwebhookconfigurations.admissionregistration.k8s.io': 5,
      'mutatingwebhookconfigurations.admissionregistration.k8s.io': 2,
      'apiservers.config.openshift.io': 1,
      'authentications.config.openshift.io': 1,
    },
    collectedAt: '2023-09-21T13:47:51.000Z',
    statuses: {
      'nodes.conditions': 'pass',
      'nodes.zone-spread': 'fail',
      'access.admission-webhooks': 'pass',
    },
  },
];

describe.each(CAPTURES)('real capture $name ($path)', capture => {
  const input = join(REAL, capture.path);

  it('reads into a snapshot with the keys its files hold', () => {
    const out = join(dir, `${capture.name}.json`);
    const { code, stderr } = run(
      'convert',
      input,
      '-o',
      out,
      '--cluster-name',
      capture.name,
    );
    expect(code).toBe(0);
    const snapshot = JSON.parse(readFileSync(out, 'utf8'));
    expect(snapshot.cluster.name).toBe(capture.name);
    expect(snapshot.collectedAt).toBe(capture.collectedAt);
    expect(snapshot.serverVersion?.gitVersion).toBe(capture.serverVersion);
    const counts = Object.fromEntries(
      Object.entries(snapshot.resources).map(([key, list]) => [
        key,
        (list as { items: unknown[] }).items.length,
      ]),
    );
    expect(counts).toEqual(capture.keys);
    const expected = capture.skipped
      ? [
          `cluster-readiness: ${input}: skipped ${
            capture.skipped.length
          } files that hold no Kubernetes lists or objects (logs, host files, discovery): ${capture.skipped.join(
            ', ',
          )}`,
        ]
      : [];
    expect(stderr.split('\n').filter(Boolean)).toEqual(expected);
  });

  it('evaluates through the CLI', () => {
    const { code, report } = evaluated(capture);
    expect(code).toBe(0);
    expect(report.cluster.name).toBe(capture.name);
    expect(statusesOf(report, Object.keys(capture.statuses))).toEqual(
      capture.statuses,
    );
  });
});

/** What checks.md v2 decides on each capture (examples/real/README.md, "After"). */
const V2: Record<
  string,
  {
    distribution: string;
    grade: string | null;
    gradeCap: string | null;
    statuses: Record<string, string>;
  }
> = {
  'k3s-124': {
    distribution: 'k3s',
    grade: 'F',
    gradeCap: null,
    statuses: {
      // k3s without --cluster-init: embedded SQLite, read from the node-args annotation.
      'control-plane.etcd-quorum': 'fail',
      'control-plane.etcd-topology': 'not-applicable',
      'control-plane.etcd-backup': 'not-applicable',
      'access.anonymous-auth': 'pass',
      'access.privileged-rbac': 'pass',
      'nodes.runtime-supported': 'warn',
      'nodes.large-cluster-limits': 'pass',
      'control-plane.secrets-encryption': 'fail',
    },
  },
  'k3s-131': {
    distribution: 'k3s',
    grade: 'F',
    gradeCap: null,
    statuses: {
      'control-plane.etcd-quorum': 'fail',
      // One server: no election, no standby (not "no live leader").
      'control-plane.leader-election': 'warn',
      'access.anonymous-auth': 'pass',
      'nodes.runtime-supported': 'pass',
      'nodes.large-cluster-limits': 'pass',
    },
  },
  'kurl-129': {
    distribution: 'unknown',
    grade: null,
    gradeCap: 'coverage',
    statuses: {
      'nodes.runtime-supported': 'warn',
      'control-plane.secrets-encryption': 'unknown',
    },
  },
  'doks-119': {
    distribution: 'unknown',
    grade: null,
    gradeCap: 'coverage',
    statuses: {
      // Docker Engine through dockershim: warn on every node.
      'nodes.runtime-supported': 'warn',
    },
  },
  'openshift-47': {
    distribution: 'openshift',
    grade: null,
    gradeCap: 'coverage',
    statuses: {
      // From APIServer/cluster and Authentication/cluster, not kube-apiserver flags.
      'control-plane.secrets-encryption': 'fail',
      'access.authentication-method': 'pass',
      'nodes.runtime-supported': 'pass',
    },
  },
};

describe.each(CAPTURES)('real capture $name under checks v2', capture => {
  it('names the distribution, caps or withholds the grade, and applies the v2 rules', () => {
    const { code, report } = evaluated(capture);
    expect(code).toBe(0);
    const expected = V2[capture.name];
    expect(report.distribution.name).toBe(expected.distribution);
    expect(report.grade).toBe(expected.grade);
    expect(report.gradeCap?.by ?? null).toBe(expected.gradeCap);
    expect(report.checks).toHaveLength(41);
    expect(statusesOf(report, Object.keys(expected.statuses))).toEqual(
      expected.statuses,
    );
  });
});

it('reads a kubectl cluster-info dump directory exactly as kubectl wrote it', () => {
  const dump = resolve(REAL, 'kubeadm-cluster-info-dump');
  const { code, stdout, stderr } = run(
    'evaluate',
    dump,
    '--format',
    'json',
    '--cluster-name',
    'staging-1',
  );
  expect(code).toBe(0);
  // The per-container logs.txt files are named and skipped, in one line.
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /skipped 24 files that hold no Kubernetes lists or objects .*logs\.txt/,
  );
  const report = JSON.parse(stdout);
  expect(report.distribution.name).toBe('kubeadm');
  expect(report.checks).toHaveLength(41);
  const status = (id: string) =>
    report.checks.find((c: { id: string }) => c.id === id)?.status;
  // A dump holds nodes and workloads but no RBAC: those checks name the missing read.
  expect(status('nodes.worker-count')).not.toBe('unknown');
  expect(status('control-plane.apiserver-replicas')).toBe('fail');
  expect(status('access.cluster-admin-bindings')).toBe('unknown');
});

it('reads the support bundle from standard input', () => {
  const bundle = join(REAL, 'k3s-1.24-bundle/support-bundle.tar.gz');
  const result = spawnSync(
    process.execPath,
    [BIN, 'convert', '-', '--cluster-name', 'stdin-bundle'],
    { input: readFileSync(bundle), encoding: 'utf8', timeout: 60_000 },
  );
  expect(result.status).toBe(0);
  const snapshot = JSON.parse(result.stdout);
  expect(snapshot.resources.nodes.items).toHaveLength(1);
  expect(snapshot.serverVersion.gitVersion).toBe('v1.24.4+k3s1');
});

describe('bad inputs of the new kinds exit 2 with one line', () => {
  it.each([
    [
      'a file named .tar.gz that is not an archive',
      (root: string) => {
        writeFileSync(join(root, 'fake.tar.gz'), 'not a tarball');
        return join(root, 'fake.tar.gz');
      },
      (root: string) =>
        `${join(root, 'fake.tar.gz')}: not a readable .tar.gz support bundle: `,
    ],
    [
      'a directory with a list that does not parse',
      (root: string) => {
        mkdirSync(join(root, 'dump', 'kube-system'), { recursive: true });
        writeFileSync(
          join(root, 'dump', 'nodes.json'),
          '{"kind": "NodeList", "apiVersion": "v1", "items": []}',
        );
        writeFileSync(
          join(root, 'dump', 'kube-system', 'pods.json'),
          '{"kind": "PodList", "items": [',
        );
        return join(root, 'dump');
      },
      (root: string) =>
        `${join(
          root,
          'dump',
        )}: kube-system/pods.json: not valid JSON at byte 30: unexpected end of input`,
    ],
    [
      'a directory of logs only',
      (root: string) => {
        mkdirSync(join(root, 'logs'), { recursive: true });
        writeFileSync(join(root, 'logs', 'logs.txt'), 'hello');
        return join(root, 'logs');
      },
      (root: string) =>
        `${join(
          root,
          'logs',
        )}: found no ClusterSnapshot, kubectl List, typed list (NodeList, PodList, …) or Kubernetes object`,
    ],
  ])('%s', (_what, make, message) => {
    const root = mkdtempSync(join(dir, 'bad-'));
    const { code, stdout, stderr } = run('evaluate', make(root));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cluster-readiness: ${message(root)}`);
  });
});
