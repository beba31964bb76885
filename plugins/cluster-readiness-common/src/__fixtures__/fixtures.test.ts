/*
 * The fixtures of examples/snapshots, which are also the portal's demo data (built by
 * examples/snapshots/build-fixtures.js):
 *
 * - every Kubernetes object in them validates against the official schemas
 *   (kubernetes-models), and so do the objects the test factories build;
 * - every snapshot parses, is internally consistent, and evaluates to the profile it
 *   was designed for.
 *
 * kubernetes-models is published as ES modules only, which this package's Jest (CommonJS)
 * cannot load, so the schema validation runs in a child Node.js process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILTIN_CHECKS } from '../checks';
import { evaluate } from '../engine/evaluate';
import {
  ClusterSnapshot,
  parseClusterSnapshot,
} from '../snapshot/ClusterSnapshot';
import type { KubeObject } from '../snapshot/kube';
import {
  RESOURCE_TYPES,
  requiredGrant,
  resourceKeyOf,
  resourceType,
} from '../snapshot/resources';
import type { CheckStatus, ClusterReport } from '../types';
import * as factories from '../__testUtils__/factories';
import * as access from '../__testUtils__/accessFactories';
import * as controlPlane from '../__testUtils__/controlPlaneFactories';
import * as nodes from '../__testUtils__/nodeFactories';
import * as limits from '../__testUtils__/resourceLimitFactories';

const SNAPSHOT_DIR = resolve(__dirname, '../../../../examples/snapshots');
const PACKAGE_DIR = resolve(__dirname, '../..');
const SNAPSHOTS = [
  'prod-eu-1',
  'prod-us-1',
  'staging-1',
  'dev-1',
  'restricted',
] as const;
type Fixture = (typeof SNAPSHOTS)[number];

/** Custom resources: no official schema; checked for apiVersion, kind and name. */
const CUSTOM_RESOURCES: Record<string, string> = {
  'karpenter.sh/v1': 'NodePool',
  'velero.io/v1': 'Backup',
};

function readJson(file: string): any {
  return JSON.parse(readFileSync(join(SNAPSHOT_DIR, file), 'utf8'));
}

const raw = Object.fromEntries(
  SNAPSHOTS.map(name => [name, readJson(`${name}.json`)]),
) as Record<Fixture, any>;
const kubectlList = readJson('kubectl-list.json');

function describeObject(obj: KubeObject): string {
  const m = obj?.metadata ?? {};
  return `${obj?.kind}/${m.namespace ? `${m.namespace}/` : ''}${m.name}`;
}

// ---------------------------------------------------------------------------------
// Schema validation with kubernetes-models, in a child process

const VALIDATOR = `
import { readFileSync } from 'node:fs';
const objects = JSON.parse(readFileSync(0, 'utf8'));
const modules = new Map();
async function modelFor(apiVersion, kind) {
  const path = 'kubernetes-models/' + apiVersion;
  if (!modules.has(path)) {
    modules.set(path, await import(path).catch(e => ({ loadError: e.message })));
  }
  const mod = modules.get(path);
  if (mod.loadError) return { error: 'no kubernetes-models module ' + path + ': ' + mod.loadError };
  const model = Object.values(mod).find(
    m => typeof m === 'function' && m.apiVersion === apiVersion && m.kind === kind,
  );
  return model ? { model } : { error: 'no kubernetes-models class for ' + apiVersion + ' ' + kind };
}
const failures = [];
for (const { where, object } of objects) {
  const { model, error } = await modelFor(object.apiVersion, object.kind);
  if (error) {
    failures.push({ where, error });
    continue;
  }
  try {
    new model(object).validate();
  } catch (e) {
    failures.push({ where, error: e.message });
  }
}
process.stdout.write(JSON.stringify(failures));
`;

interface Located {
  where: string;
  object: KubeObject;
}

/** Validates objects with kubernetes-models; returns one line per invalid object. */
function schemaErrors(objects: Located[]): string[] {
  const custom = objects.filter(
    o => CUSTOM_RESOURCES[o.object.apiVersion ?? ''],
  );
  const errors = custom
    .filter(
      ({ object }) =>
        CUSTOM_RESOURCES[object.apiVersion!] !== object.kind ||
        typeof object.metadata?.name !== 'string' ||
        !object.metadata.name,
    )
    .map(
      ({ where }) =>
        `${where}: custom resource without the expected kind or metadata.name`,
    );
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '--eval', VALIDATOR],
    {
      cwd: PACKAGE_DIR,
      input: JSON.stringify(
        objects.filter(o => !CUSTOM_RESOURCES[o.object.apiVersion ?? '']),
      ),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `kubernetes-models validator exited with ${result.status}: ${result.stderr}`,
    );
  }
  const failures: Array<{ where: string; error: string }> = JSON.parse(
    result.stdout,
  );
  return [...errors, ...failures.map(f => `${f.where}: ${f.error}`)];
}

function snapshotObjects(file: string, snapshot: any): Located[] {
  const out: Located[] = [];
  for (const [key, list] of Object.entries<any>(snapshot.resources)) {
    (list.items ?? []).forEach((object: KubeObject, i: number) =>
      out.push({
        where: `${file}: resources["${key}"].items[${i}] ${describeObject(
          object,
        )}`,
        object,
      }),
    );
  }
  return out;
}

describe('Kubernetes objects follow the official schemas', () => {
  it('reports an invalid object with the fixture, the object and the error', () => {
    const errors = schemaErrors([
      {
        where: 'broken.json: items[0]',
        object: {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: 'kube-scheduler' },
          spec: { renewTime: 'two seconds ago' },
        },
      },
      {
        where: 'broken.json: items[1]',
        object: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: { containers: [{ image: 'nginx' }] },
        },
      },
      {
        where: 'broken.json: items[2]',
        object: { apiVersion: 'example.com/v1', kind: 'Widget' },
      },
    ]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^broken\.json: items\[0\]: .*renewTime/);
    expect(errors[1]).toMatch(/^broken\.json: items\[1\]: .*name/);
    expect(errors[2]).toMatch(
      /^broken\.json: items\[2\]: no kubernetes-models/,
    );
  });

  it('validates every object of every fixture', () => {
    const objects = [
      ...SNAPSHOTS.flatMap(name => snapshotObjects(`${name}.json`, raw[name])),
      ...kubectlList.items.map((object: KubeObject, i: number) => ({
        where: `kubectl-list.json: items[${i}] ${describeObject(object)}`,
        object,
      })),
    ];
    expect(objects.length).toBeGreaterThan(900);
    expect(schemaErrors(objects)).toEqual([]);
  });

  it('validates what the test factories build', () => {
    const f = factories;
    const cp = f.kubeadmControlPlane({
      'audit-log-path': '/var/log/audit.log',
    });
    const rbac = access.kubeadmRbac();
    const dns = limits.coreDns();
    const built: KubeObject[] = [
      f.node('w-1', { zone: 'a', unschedulable: true }),
      f.node('cp-1', { controlPlane: true, providerID: 'aws:///a/i-1' }),
      f.pod('p', { node: 'w-1', owner: { kind: 'ReplicaSet', name: 'p-1' } }),
      f.pod('q', { unschedulable: true }),
      f.mirrorPod('etcd', 'cp-1', { 'data-dir': '/var/lib/etcd' }),
      f.namespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
      f.lease('kube-scheduler', { holder: 'cp-1', renewTime: f.ago(f.MINUTE) }),
      f.deployment('web', { namespace: 'shop' }),
      f.clusterRoleBinding('b', 'view', [{ kind: 'Group', name: 'g' }]),
      f.roleBinding('rb', 'shop', { kind: 'ClusterRole', name: 'edit' }, [
        { kind: 'ServiceAccount', name: 'default' },
      ]),
      f.clusterRole('r', [
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      ]),
      ...cp.nodes,
      ...cp.pods,
      access.validatingWebhookConfiguration('v'),
      access.mutatingWebhookConfiguration('m'),
      access.certificateSigningRequest('csr-1'),
      access.networkPolicy('deny', 'shop'),
      ...rbac.clusterRoles,
      ...rbac.clusterRoleBindings,
      ...rbac.roleBindings,
      controlPlane.apiserverEndpointSlice(['10.0.0.1', '10.0.0.2']),
      ...controlPlane.leaderLeases(),
      controlPlane.cronJob('etcd-backup'),
      controlPlane.etcdSnapshotCronJob('nightly'),
      controlPlane.veleroBackup('daily'),
      nodes.daemonSet('kube-proxy'),
      nodes.npdDaemonSet(),
      nodes.statefulSet('db', { namespace: 'shop' }),
      nodes.pdb('web'),
      nodes.apiService('v1beta1.metrics.k8s.io'),
      nodes.metricsApiService('True'),
      nodes.configMap('c', 'kube-system'),
      nodes.clusterAutoscalerStatus(),
      nodes.nodePool('general'),
      limits.resourceQuota('q', 'shop', { hard: { cpu: '1', memory: '1Gi' } }),
      limits.computeQuota('shop'),
      limits.containerDefaults('shop'),
      limits.horizontalPodAutoscaler('web', 'shop', {
        kind: 'Deployment',
        name: 'web',
      }),
      limits.podDisruptionBudget('web', 'shop', {
        matchLabels: { app: 'web' },
      }),
      limits.daemonSet('node-local-dns', 'kube-system'),
      dns.deployment,
      ...dns.pods,
    ];
    expect(
      schemaErrors(
        built.map((object, i) => ({
          where: `factory object ${i} ${describeObject(object)}`,
          object,
        })),
      ),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------
// Snapshots: format and consistency

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function timestamps(
  value: unknown,
  path: string,
  out: Array<[string, string]>,
) {
  if (typeof value === 'string') {
    if (ISO.test(value)) out.push([path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => timestamps(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      timestamps(v, `${path}.${k}`, out);
  }
}

/** Problems that make a fixture unrealistic: dangling references, duplicates, future times. */
function consistencyProblems(name: string, s: ClusterSnapshot): string[] {
  const problems: string[] = [];
  const items = (key: string) => s.resources[key]?.items;
  const namespaces = items('namespaces')?.map(n => n.metadata?.name);
  const nodeNames = items('nodes')?.map(n => n.metadata?.name);
  const serviceAccounts = new Set(
    items('serviceaccounts')?.map(
      sa => `${sa.metadata?.namespace}/${sa.metadata?.name}`,
    ),
  );
  const uids = new Map<string, string>();
  for (const [key, list] of Object.entries(s.resources)) {
    const type = resourceType(key);
    if (!type) {
      problems.push(`${key}: not a resource key of snapshot.md`);
      continue;
    }
    const seen = new Set<string>();
    (list.items ?? []).forEach((obj, i) => {
      const where = `${name} ${key}[${i}] ${describeObject(obj)}`;
      const m = obj.metadata ?? {};
      if (resourceKeyOf(obj.apiVersion, obj.kind) !== key) {
        problems.push(`${where}: ${obj.apiVersion} ${obj.kind} is not ${key}`);
      }
      if (
        obj.apiVersion !==
        `${type.group ? `${type.group}/` : ''}${type.version}`
      ) {
        problems.push(`${where}: apiVersion ${obj.apiVersion}`);
      }
      if (type.namespaced !== (m.namespace !== undefined)) {
        problems.push(`${where}: namespace ${m.namespace}`);
      }
      if (type.namespace && m.namespace !== type.namespace) {
        problems.push(`${where}: only ${type.namespace} is collected`);
      }
      if (type.names && !type.names.includes(m.name ?? '')) {
        problems.push(`${where}: only ${type.names.join(', ')} is collected`);
      }
      if (m.namespace && namespaces && !namespaces.includes(m.namespace)) {
        problems.push(`${where}: namespace ${m.namespace} does not exist`);
      }
      const id = `${m.namespace}/${m.name}`;
      if (seen.has(id)) problems.push(`${where}: duplicate name`);
      seen.add(id);
      const uid = (m as { uid?: string }).uid;
      if (!uid) problems.push(`${where}: no uid`);
      else if (uids.has(uid))
        problems.push(`${where}: uid of ${uids.get(uid)}`);
      else uids.set(uid, where);
      if (key === 'pods') {
        const node = obj.spec?.nodeName;
        if (node && nodeNames && !nodeNames.includes(node)) {
          problems.push(`${where}: node ${node} does not exist`);
        }
        const sa = obj.spec?.serviceAccountName;
        if (sa && !serviceAccounts.has(`${m.namespace}/${sa}`)) {
          problems.push(`${where}: ServiceAccount ${sa} does not exist`);
        }
      }
    });
  }
  for (const type of RESOURCE_TYPES.filter(t => t.optional)) {
    const groupVersion = `${type.group}/${type.version}`;
    if (
      s.resources[type.key]?.items?.length &&
      !s.apiGroupVersions?.includes(groupVersion)
    ) {
      problems.push(
        `${name} ${type.key}: listed but ${groupVersion} is not in discovery`,
      );
    }
  }
  const times: Array<[string, string]> = [];
  timestamps(s.resources, `${name} resources`, times);
  for (const [path, time] of times) {
    // Velero records when a backup will expire; everything else is in the past.
    if (path.endsWith('.status.expiration')) continue;
    if (Date.parse(time) > Date.parse(s.collectedAt)) {
      problems.push(`${path}: ${time} is after collectedAt`);
    }
  }
  return problems;
}

describe.each(SNAPSHOTS)('%s.json', name => {
  const snapshot = parseClusterSnapshot(raw[name], `${name}.json`);

  it('is a valid ClusterSnapshot with every resource key of snapshot.md', () => {
    expect(snapshot.apiVersion).toBe('cluster-readiness/v1alpha1');
    expect(snapshot.kind).toBe('ClusterSnapshot');
    expect(snapshot.collectedAt).toBe('2026-11-20T10:00:00Z');
    // restricted.json is the demo cluster edge-1 of examples/entities.yaml.
    expect(snapshot.cluster.name).toBe(name === 'restricted' ? 'edge-1' : name);
    expect(snapshot.cluster.server).toMatch(/^https:\/\//);
    expect(snapshot.serverVersion?.gitVersion).toMatch(/^v1\.3[45]\./);
    expect(snapshot.serverCertificate?.notAfter).toBeDefined();
    expect(snapshot.anonymousProbe?.status).toBeDefined();
    expect(snapshot.apiGroupVersions).toContain('rbac.authorization.k8s.io/v1');
    // Every resource key, except optional ones whose group discovery does not serve
    // (snapshot.md v2, "Absent optional keys"): those may be left out.
    const served = new Set(snapshot.apiGroupVersions);
    const keys = Object.keys(snapshot.resources);
    expect(RESOURCE_TYPES.map(t => t.key)).toEqual(
      expect.arrayContaining(keys),
    );
    expect(keys).toEqual(
      expect.arrayContaining(
        RESOURCE_TYPES.filter(
          t =>
            !t.optional ||
            served.has(t.group ? `${t.group}/${t.version}` : t.version),
        ).map(t => t.key),
      ),
    );
  });

  it('is internally consistent', () => {
    expect(consistencyProblems(name, snapshot)).toEqual([]);
  });

  it('evaluates the same way every time, whatever the clock says', () => {
    jest.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z') });
    try {
      expect(evaluate(snapshot)).toEqual(
        evaluate(parseClusterSnapshot(raw[name])),
      );
    } finally {
      jest.useRealTimers();
    }
    expect(evaluate(snapshot)).toEqual(evaluate(snapshot));
  });
});

// ---------------------------------------------------------------------------------
// Evaluation profiles

const P: CheckStatus = 'pass';
const W: CheckStatus = 'warn';
const F: CheckStatus = 'fail';
const U: CheckStatus = 'unknown';
const N: CheckStatus = 'not-applicable';

/** The status every check was designed to have on each fixture (see build-fixtures.js). */
const DESIGN: Record<Fixture, Record<string, CheckStatus>> = {
  'prod-eu-1': {
    ...Object.fromEntries(BUILTIN_CHECKS.map(c => [c.id, P])),
    // Stacked etcd is kubeadm's default topology: a low-severity warning.
    'control-plane.etcd-topology': W,
  },
  'prod-us-1': {
    'control-plane.dedicated-nodes': N,
    'control-plane.apiserver-replicas': N,
    'control-plane.apiserver-load-balanced': N,
    'control-plane.leader-election': N,
    'control-plane.zone-spread': N,
    'control-plane.etcd-quorum': N,
    'control-plane.etcd-topology': N,
    'control-plane.etcd-backup': N,
    'control-plane.secrets-encryption': N,
    'control-plane.audit-logging': N,
    'control-plane.certificate-expiry': P,
    'control-plane.version-supported': P,
    'nodes.worker-count': P,
    'nodes.conditions': P,
    'nodes.zone-spread': P,
    'nodes.kubelet-version-skew': W, // system node group still on 1.34
    'nodes.runtime-supported': P,
    'nodes.problem-detector': W, // 6 of 7 NPD pods ready
    'nodes.autoscaling': P, // Karpenter
    'nodes.capacity-headroom': W, // CPU requests at 83 %
    'nodes.metrics-api': P,
    'nodes.large-cluster-limits': P,
    'nodes.disruption-budgets': W, // report-renderer has no PDB
    'access.authorization-mode': P, // inferred from discovery
    'access.anonymous-auth': W, // probe 403
    'access.anonymous-bindings': P,
    'access.cluster-admin-bindings': P,
    'access.privileged-rbac': W, // CI user reads Secrets cluster-wide
    'access.authentication-method': N,
    'access.pod-security': P,
    'access.admission-webhooks': P,
    'access.certificate-signing-requests': P,
    'access.default-service-account': P,
    'access.network-policies': W, // reporting-batch has none
    'access.tls-verification': P,
    'resource-limits.namespace-quotas': W, // reporting-batch has none
    'resource-limits.limit-ranges': P,
    'resource-limits.quota-headroom': P,
    'resource-limits.container-resources': P,
    'resource-limits.dns-replicas': P,
    'resource-limits.dns-autoscaling': W,
  },
  'staging-1': {
    'control-plane.dedicated-nodes': F, // reports-worker on the untainted cp
    'control-plane.apiserver-replicas': F,
    'control-plane.apiserver-load-balanced': F,
    'control-plane.leader-election': F, // kube-controller-manager lease stale
    'control-plane.zone-spread': F,
    'control-plane.etcd-quorum': F,
    'control-plane.etcd-topology': W,
    'control-plane.etcd-backup': F, // newest backup 10 days old
    'control-plane.secrets-encryption': F,
    'control-plane.audit-logging': W, // log without policy
    'control-plane.certificate-expiry': F, // 4 days 20 hours left
    'control-plane.version-supported': F, // 1.34 past end of life
    'nodes.worker-count': W,
    'nodes.conditions': F, // worker-2 NotReady
    'nodes.zone-spread': F,
    'nodes.kubelet-version-skew': F, // worker-4 kubelet 1.30
    'nodes.runtime-supported': W, // worker-4 docker://
    'nodes.problem-detector': F,
    'nodes.autoscaling': W,
    'nodes.capacity-headroom': W, // an Unschedulable pod
    'nodes.metrics-api': F,
    'nodes.large-cluster-limits': P,
    'nodes.disruption-budgets': W,
    'access.authorization-mode': W, // no NodeRestriction
    'access.anonymous-auth': F, // probe 200
    'access.anonymous-bindings': F,
    'access.cluster-admin-bindings': F,
    'access.privileged-rbac': F,
    'access.authentication-method': F, // --token-auth-file
    'access.pod-security': F,
    'access.admission-webhooks': W,
    'access.certificate-signing-requests': W,
    'access.default-service-account': F,
    'access.network-policies': W,
    'access.tls-verification': F,
    'resource-limits.namespace-quotas': W,
    'resource-limits.limit-ranges': F,
    'resource-limits.quota-headroom': W, // requests.cpu at 95 %
    'resource-limits.container-resources': F,
    'resource-limits.dns-replicas': F, // 1 replica
    'resource-limits.dns-autoscaling': W,
  },
  'dev-1': {
    'control-plane.dedicated-nodes': F, // single node
    'control-plane.apiserver-replicas': F,
    'control-plane.apiserver-load-balanced': F,
    'control-plane.leader-election': W, // no standby
    'control-plane.zone-spread': F,
    'control-plane.etcd-quorum': F,
    'control-plane.etcd-topology': W,
    'control-plane.etcd-backup': F,
    'control-plane.secrets-encryption': F,
    'control-plane.audit-logging': F,
    'control-plane.certificate-expiry': P,
    'control-plane.version-supported': P,
    'nodes.worker-count': F, // the only node is a control-plane node
    'nodes.conditions': P,
    'nodes.zone-spread': F,
    'nodes.kubelet-version-skew': P,
    'nodes.runtime-supported': W, // minikube's docker driver
    'nodes.problem-detector': F,
    'nodes.autoscaling': W,
    'nodes.capacity-headroom': P, // measured on all ready nodes
    'nodes.metrics-api': W,
    'nodes.large-cluster-limits': P,
    'nodes.disruption-budgets': N,
    'access.authorization-mode': P,
    'access.anonymous-auth': W,
    'access.anonymous-bindings': P,
    'access.cluster-admin-bindings': P, // minikube-rbac binds kube-system/default
    'access.privileged-rbac': P,
    'access.authentication-method': W, // client certificates only
    'access.pod-security': N,
    'access.admission-webhooks': P,
    'access.certificate-signing-requests': P,
    'access.default-service-account': P,
    'access.network-policies': N,
    'access.tls-verification': P,
    'resource-limits.namespace-quotas': N,
    'resource-limits.limit-ranges': N,
    'resource-limits.quota-headroom': N,
    'resource-limits.container-resources': N,
    'resource-limits.dns-replicas': F,
    'resource-limits.dns-autoscaling': W,
  },
  restricted: {
    'control-plane.dedicated-nodes': U,
    'control-plane.apiserver-replicas': P, // mirror pods are readable
    'control-plane.apiserver-load-balanced': P,
    'control-plane.leader-election': U,
    'control-plane.zone-spread': U,
    'control-plane.etcd-quorum': P,
    'control-plane.etcd-topology': W,
    'control-plane.etcd-backup': P, // a CronJob decides though Velero is denied
    'control-plane.secrets-encryption': P,
    'control-plane.audit-logging': P,
    'control-plane.certificate-expiry': P,
    'control-plane.version-supported': P,
    'nodes.worker-count': U,
    'nodes.conditions': U,
    'nodes.zone-spread': U,
    'nodes.kubelet-version-skew': U,
    'nodes.runtime-supported': U,
    'nodes.problem-detector': U,
    'nodes.autoscaling': P,
    'nodes.capacity-headroom': U,
    'nodes.metrics-api': U,
    'nodes.large-cluster-limits': U,
    'nodes.disruption-budgets': P,
    'access.authorization-mode': P,
    'access.anonymous-auth': P,
    'access.anonymous-bindings': U,
    'access.cluster-admin-bindings': U,
    'access.privileged-rbac': U,
    'access.authentication-method': P,
    'access.pod-security': P,
    'access.admission-webhooks': U,
    'access.certificate-signing-requests': U,
    'access.default-service-account': U,
    'access.network-policies': P,
    'access.tls-verification': P,
    'resource-limits.namespace-quotas': P,
    'resource-limits.limit-ranges': P,
    'resource-limits.quota-headroom': P,
    'resource-limits.container-resources': P,
    'resource-limits.dns-replicas': P,
    'resource-limits.dns-autoscaling': P,
  },
};

const reports = Object.fromEntries(
  SNAPSHOTS.map(name => [
    name,
    evaluate(parseClusterSnapshot(raw[name], name)),
  ]),
) as Record<Fixture, ClusterReport>;

const statusOf = (report: ClusterReport, id: string) =>
  report.checks.find(c => c.id === id)?.status;
const idsWith = (report: ClusterReport, status: CheckStatus) =>
  report.checks.filter(c => c.status === status).map(c => c.id);
const CP_CHECKS = BUILTIN_CHECKS.filter(c => c.controlPlane).map(c => c.id);

describe('evaluation of the fixtures', () => {
  it('covers every built-in check in the design table', () => {
    for (const name of SNAPSHOTS) {
      expect(Object.keys(DESIGN[name]).sort()).toEqual(
        BUILTIN_CHECKS.map(c => c.id).sort(),
      );
    }
  });

  it.each(SNAPSHOTS)('gives %s the status designed for each check', name => {
    const actual = Object.fromEntries(
      reports[name].checks.map(c => [c.id, c.status]),
    );
    expect(actual).toEqual(DESIGN[name]);
  });

  it.each(SNAPSHOTS)(
    'gives every result of %s a message, and a remediation on kubernetes.io',
    name => {
      for (const r of reports[name].checks) {
        expect(r.message.length).toBeGreaterThan(10);
        expect(r.remediation).toMatch(/^https:\/\/kubernetes\.io\//);
        expect(Array.isArray(r.evidence)).toBe(true);
      }
    },
  );

  it('rates prod-eu-1 A with no failure and full coverage', () => {
    const r = reports['prod-eu-1'];
    expect(r.grade).toBe('A');
    expect(r.score).toBe(100);
    expect(r.counts.fail).toBe(0);
    expect(r.counts.unknown).toBe(0);
    expect(r.coverage).toBe(1);
    expect(r.cluster.controlPlane).toBe('self-hosted');
    for (const category of r.categories) expect(category.grade).toBe('A');
  });

  it('treats prod-us-1 as managed: control-plane checks not-applicable, grade B', () => {
    const r = reports['prod-us-1'];
    expect(r.cluster.controlPlane).toBe('managed');
    for (const id of CP_CHECKS) expect(statusOf(r, id)).toBe('not-applicable');
    // Rules that apply to managed clusters too.
    expect(statusOf(r, 'control-plane.certificate-expiry')).toBe('pass');
    expect(statusOf(r, 'control-plane.version-supported')).toBe('pass');
    expect(r.counts.fail).toBe(0);
    expect(r.grade).toBe('B');
    expect(r.score).toBe(88);
    expect(r.score!).toBeGreaterThan(reports['staging-1'].score!);
    expect(r.score!).toBeLessThan(reports['prod-eu-1'].score!);
    expect(r.coverage).toBe(1);
  });

  it('fails staging-1 on what was broken on purpose, grade F', () => {
    const r = reports['staging-1'];
    expect(r.grade).toBe('F');
    expect(r.score!).toBeLessThan(60);
    expect(r.score).toBe(18);
    expect(r.counts.pass).toBe(1); // nodes.large-cluster-limits
    expect(idsWith(r, 'fail')).toEqual(
      expect.arrayContaining([
        'control-plane.apiserver-replicas',
        'control-plane.etcd-quorum',
        'control-plane.etcd-backup',
        'control-plane.certificate-expiry',
        'control-plane.version-supported',
        'nodes.conditions',
        'nodes.kubelet-version-skew',
        'nodes.problem-detector',
        'access.anonymous-auth',
        'access.anonymous-bindings',
        'access.cluster-admin-bindings',
        'access.default-service-account',
        'access.tls-verification',
        'resource-limits.container-resources',
        'resource-limits.dns-replicas',
      ]),
    );
    const byId = (id: string) => r.checks.find(c => c.id === id)!;
    expect(byId('control-plane.etcd-backup').message).toMatch(/10d/);
    expect(byId('control-plane.certificate-expiry').message).toMatch(/4d 20h/);
    expect(byId('nodes.kubelet-version-skew').message).toContain('v1.30.14');
    expect(byId('nodes.runtime-supported').message).toContain('docker://');
    expect(byId('access.cluster-admin-bindings').message).toContain(
      'ServiceAccount reports/reports-deployer',
    );
    expect(byId('resource-limits.quota-headroom').message).toContain('95 %');
    expect(byId('nodes.worker-count').message).toContain('staging-1-worker-2');
  });

  it('rates dev-1 poorly and leaves the workload checks not-applicable', () => {
    const r = reports['dev-1'];
    expect(r.grade).toBe('F');
    expect(r.score).toBe(51);
    expect(r.coverage).toBe(1);
    expect(statusOf(r, 'control-plane.dedicated-nodes')).toBe('fail');
    expect(
      r.checks.find(c => c.id === 'control-plane.dedicated-nodes')!.message,
    ).toContain('single node');
    expect(idsWith(r, 'not-applicable').sort()).toEqual([
      'access.network-policies',
      'access.pod-security',
      'nodes.disruption-budgets',
      'resource-limits.container-resources',
      'resource-limits.limit-ranges',
      'resource-limits.namespace-quotas',
      'resource-limits.quota-headroom',
    ]);
    expect(r.score!).toBeLessThan(reports['prod-us-1'].score!);
  });

  it('reports restricted as mostly unknown, naming the missing grants', () => {
    const r = reports.restricted;
    expect(r.coverage!).toBeLessThan(0.8);
    // 76 of 182 weight unknown.
    expect(r.coverage).toBeCloseTo(106 / 182, 3);
    // v2: a grade never promises more than was seen: A by score, capped at C.
    expect(r.score).toBe(100);
    expect(r.grade).toBe('C');
    expect(r.gradeCap).toEqual({
      by: 'coverage',
      coverage: 0.582,
      uncapped: 'A',
    });
    const unknown = r.checks.filter(c => c.status === 'unknown');
    expect(unknown.length).toBe(18);
    const denied = Object.entries(raw.restricted.resources)
      .filter(([, list]: [string, any]) => list.error)
      .map(([key]) => requiredGrant(key));
    for (const c of unknown) {
      expect(c.missingReads?.length).toBeGreaterThan(0);
      for (const grant of c.missingReads!) expect(denied).toContain(grant);
      for (const grant of c.missingReads!)
        expect(c.message).toContain(grant.split(' ')[1]);
    }
    expect(
      r.checks.find(c => c.id === 'access.cluster-admin-bindings')!
        .missingReads,
    ).toEqual(['list clusterrolebindings.rbac.authorization.k8s.io']);
    expect(
      r.checks.find(c => c.id === 'access.anonymous-bindings')!.missingReads,
    ).toEqual([
      'list clusterrolebindings.rbac.authorization.k8s.io',
      'list rolebindings.rbac.authorization.k8s.io',
    ]);
    expect(
      r.checks.find(c => c.id === 'control-plane.leader-election')!
        .missingReads,
    ).toEqual(['list leases.coordination.k8s.io in kube-system']);
    expect(
      r.checks.find(c => c.id === 'access.certificate-signing-requests')!
        .missingReads,
    ).toEqual(['list certificatesigningrequests.certificates.k8s.io']);
    expect(
      r.checks.find(c => c.id === 'nodes.metrics-api')!.missingReads,
    ).toEqual(['list apiservices.apiregistration.k8s.io']);
  });

  it('cannot see the control plane of restricted when pods are denied too', () => {
    const snapshot = parseClusterSnapshot(raw.restricted);
    snapshot.resources.pods = {
      error: {
        code: 403,
        reason: 'Forbidden',
        message:
          'pods is forbidden: User "system:serviceaccount:cluster-readiness:reader" cannot list resource "pods" in API group "" at the cluster scope',
      },
    };
    const r = evaluate(snapshot);
    expect(r.cluster.controlPlane).toBe('unknown');
    for (const id of CP_CHECKS) {
      const c = r.checks.find(x => x.id === id)!;
      expect(c.status).toBe('unknown');
      expect(c.missingReads).toEqual(['list nodes', 'list pods']);
    }
    expect(statusOf(r, 'resource-limits.container-resources')).toBe('unknown');
    expect(r.coverage!).toBeLessThan(reports.restricted.coverage!);
  });

  it('orders the clusters as designed', () => {
    const score = (name: Fixture) => reports[name].score!;
    expect(score('prod-eu-1')).toBeGreaterThan(score('prod-us-1'));
    expect(score('prod-us-1')).toBeGreaterThan(score('dev-1'));
    expect(score('dev-1')).toBeGreaterThan(score('staging-1'));
  });
});

describe('every result of every fixture carries evidence and a remediation link', () => {
  it.each(SNAPSHOTS)('%s', name => {
    const report = evaluate(parseClusterSnapshot(raw[name], `${name}.json`));
    const bare = report.checks
      .filter(c => c.evidence.length === 0)
      .map(c => c.id);
    expect(bare).toEqual([]);
    for (const c of report.checks) {
      expect(c.remediation).toMatch(/^https:\/\/kubernetes\.io\//);
      expect(c.message.length).toBeGreaterThan(10);
    }
  });
});
