#!/usr/bin/env node
/*
 * Builds the demo and test fixtures in this folder: five ClusterSnapshots and one
 * kubectl List. Plain Node.js, no dependencies, deterministic (no clock, no random):
 *
 *   node examples/snapshots/build-fixtures.js
 *
 * Every object follows the official Kubernetes schemas (the common package's
 * src/__fixtures__/fixtures.test.ts validates each one with kubernetes-models) and the
 * reference time of every snapshot is 2026-11-20T10:00:00Z. The output is formatted the
 * way Prettier formats JSON, so `prettier --check` accepts the files as written.
 *
 * The clusters, the file of each and what it was designed to show are the table
 * CLUSTERS below, one row per cluster.
 *
 * Every snapshot lists every resource key of snapshot.md. The optional custom resources
 * (nodepools.karpenter.sh, backups.velero.io) are empty lists where the cluster does not
 * serve them (the collector leaves such keys out; the checks treat both alike), and
 * their group/version is in apiGroupVersions where it is served.
 *
 * Layout: the table of clusters, deterministic helpers, then one builder per kind of object (node, pod,
 * deployment, ...), then shared kube-system building blocks (kube-proxy, CoreDNS,
 * metrics-server, flannel, etcd backups), then one function per cluster. A cluster
 * function reads as its design: tables of nodes, namespaces, RBAC, budgets, and the
 * workloads with what makes each one differ from the defaults. Compact table rows
 * are spec strings parsed by the table's builder, for example an RBAC rule
 * `'core,apps pods,deployments get,list'`, a ClusterRoleBinding
 * `'name role subject...'` or a PodDisruptionBudget
 * `'namespace/name k=v maxUnavailable=1 3'`; each builder's comment gives its form.
 * Resource items are key-sorted and sorted by namespace and name, so the order in
 * which a cluster function adds objects does not matter, except that a ResourceQuota
 * counts the pods added before it and pod IPs follow the order of the nodes.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const OUT = __dirname;
const COLLECTED_AT = '2026-11-20T10:00:00Z';
const REF = Date.parse(COLLECTED_AT);
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Resource keys of snapshot.md, in the order of RESOURCE_TYPES. */
const KEYS = [
  'nodes',
  'namespaces',
  'pods',
  'serviceaccounts',
  'resourcequotas',
  'limitranges',
  'configmaps',
  'deployments.apps',
  'daemonsets.apps',
  'statefulsets.apps',
  'cronjobs.batch',
  'leases.coordination.k8s.io',
  'endpointslices.discovery.k8s.io',
  'clusterroles.rbac.authorization.k8s.io',
  'clusterrolebindings.rbac.authorization.k8s.io',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
  'poddisruptionbudgets.policy',
  'validatingwebhookconfigurations.admissionregistration.k8s.io',
  'mutatingwebhookconfigurations.admissionregistration.k8s.io',
  'certificatesigningrequests.certificates.k8s.io',
  'networkpolicies.networking.k8s.io',
  'horizontalpodautoscalers.autoscaling',
  'apiservices.apiregistration.k8s.io',
  'nodepools.karpenter.sh',
  'backups.velero.io',
];
/** The custom resources; the kubectl command of the README does not list them. */
const OPTIONAL_KEYS = ['nodepools.karpenter.sh', 'backups.velero.io'];

// ---------------------------------------------------------------------------------
// The clusters at a glance

const MINIKUBE_CERTS = '/var/lib/minikube/certs';

/**
 * One row per cluster: above it what it was designed to show (the grades are
 * asserted by the common package's fixtures.test.ts), in it the settings that differ
 * between clusters, which the cluster functions below read: the default creation time
 * of its objects, the `version` of its kubelets and control-plane components, the pod
 * network, the kube-apiserver flags over kubeadm's (`apiserver`), and the snapshot
 * header: `server`, `skipTLSVerify`, `controlPlane`, `serverVersion` (gitVersion,
 * minor, buildDate), the serving certificate `cert` (notAfter, subject, issuer), the
 * status of the anonymous probe, the API groups served besides API_GROUP_VERSIONS
 * (`apiGroups`; `-group/version` for one it does not serve) and the resource keys a
 * `user` may not list (`denied`). `nodes` is the node count, checked when the cluster
 * is built.
 */
const CLUSTERS = {
  // grade A (100). kubeadm HA, healthy: 3 stacked control planes and 6 workers in zones
  // eu-1a/b/c, Calico, OIDC, audit policy, encryption at rest, etcd backups every 6 h;
  // the team namespaces (checkout, ledger, observability) enforce the restricted Pod
  // Security level and have quotas, limit ranges, network policies, PDBs and spread
  // replicas.
  'prod-eu-1': {
    file: 'prod-eu-1.json',
    build: prodEu1,
    nodes: 9,
    created: '2025-12-18T09:12:44Z',
    version: 'v1.35.9',
    podNetwork: '10.244',
    apiserver: {
      'anonymous-auth': 'false',
      'audit-log-maxage': '30',
      'audit-log-maxbackup': '10',
      'audit-log-maxsize': '200',
      'audit-log-path': '/var/log/kubernetes/audit/audit.log',
      'audit-policy-file': '/etc/kubernetes/audit-policy.yaml',
      'encryption-provider-config': '/etc/kubernetes/encryption-config.yaml',
      'oidc-client-id': 'kubernetes',
      'oidc-groups-claim': 'groups',
      'oidc-groups-prefix': 'oidc:',
      'oidc-issuer-url': 'https://sso.example.com/realms/platform',
      'oidc-username-claim': 'email',
      'oidc-username-prefix': 'oidc:',
      profiling: 'false',
      'tls-min-version': 'VersionTLS12',
    },
    server: 'https://api.prod-eu-1.example.com:6443',
    skipTLSVerify: false,
    controlPlane: 'self-hosted',
    serverVersion: ['v1.35.9', '35', '2026-10-14T11:02:37Z'],
    cert: ['2027-09-14T07:11:02Z'],
    anonymousStatus: 401,
    apiGroups: [
      'crd.projectcalico.org/v1',
      'metrics.k8s.io/v1beta1',
      'monitoring.coreos.com/v1',
      'monitoring.coreos.com/v1alpha1',
    ],
  },
  // grade B (88). EKS-style managed control plane (its checks not applicable): 2 system
  // nodes a minor behind and 5 Karpenter nodes in us-east-1a/b/c, VPC CNI, IRSA service
  // accounts; a few warnings, among them node-problem-detector crash-looping on the
  // newest (spot) node.
  'prod-us-1': {
    file: 'prod-us-1.json',
    build: prodUs1,
    nodes: 7,
    created: '2025-09-02T15:41:07Z',
    version: 'v1.35.4-eks-3b2f1d9',
    podNetwork: '10.42',
    server: 'https://api.prod-us-1.example.com',
    skipTLSVerify: false,
    serverVersion: ['v1.35.4-eks-3b2f1d9', '35+', '2026-09-30T21:17:48Z'],
    cert: ['2027-06-30T18:03:11Z'],
    anonymousStatus: 403,
    apiGroups: [
      'crd.k8s.amazonaws.com/v1alpha1',
      'elbv2.k8s.aws/v1beta1',
      'karpenter.k8s.aws/v1',
      'karpenter.sh/v1',
      'metrics.k8s.io/v1beta1',
      'networking.k8s.aws/v1alpha1',
      'vpcresources.k8s.aws/v1alpha1',
      'vpcresources.k8s.aws/v1beta1',
    ],
  },
  // grade F (18). A degraded self-hosted cluster: one untainted control plane whose
  // controller manager crash-loops, no zones, a worker unreachable for 6 hours, one
  // cordoned for two weeks, one still on Docker Engine and kubelet 1.30; no encryption
  // at rest, a static token file, anonymous requests allowed, no NodeRestriction, TLS
  // verification skipped, a serving certificate expiring in 5 days, etcd backups failing
  // for 10 days.
  'staging-1': {
    file: 'staging-1.json',
    build: staging1,
    nodes: 5,
    created: '2024-03-11T14:20:33Z',
    version: 'v1.34.3',
    apiserver: {
      'audit-log-path': '/var/log/kubernetes/audit.log',
      'enable-admission-plugins':
        'NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota',
      'token-auth-file': '/etc/kubernetes/known_tokens.csv',
    },
    server: 'https://api.staging-1.example.com:6443',
    skipTLSVerify: true,
    controlPlane: 'self-hosted',
    serverVersion: ['v1.34.3', '34', '2025-12-09T15:06:39Z'],
    cert: ['2026-11-25T06:48:19Z'],
    anonymousStatus: 200,
    apiGroups: [
      '-resource.k8s.io/v1',
      'metrics.k8s.io/v1beta1',
      'velero.io/v1',
      'velero.io/v2alpha1',
    ],
  },
  // grade F (51). A single-node minikube (Docker Engine, untainted control plane) with
  // no workloads of its own, so the workload checks are not applicable.
  'dev-1': {
    file: 'dev-1.json',
    build: dev1,
    nodes: 1,
    created: '2026-11-17T08:41:22Z',
    version: 'v1.35.1',
    apiserver: {
      'client-ca-file': `${MINIKUBE_CERTS}/ca.crt`,
      'enable-admission-plugins':
        'NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds,NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota',
      'etcd-cafile': `${MINIKUBE_CERTS}/etcd/ca.crt`,
      'etcd-certfile': `${MINIKUBE_CERTS}/apiserver-etcd-client.crt`,
      'etcd-keyfile': `${MINIKUBE_CERTS}/apiserver-etcd-client.key`,
      'kubelet-client-certificate': `${MINIKUBE_CERTS}/apiserver-kubelet-client.crt`,
      'kubelet-client-key': `${MINIKUBE_CERTS}/apiserver-kubelet-client.key`,
      'proxy-client-cert-file': `${MINIKUBE_CERTS}/front-proxy-client.crt`,
      'proxy-client-key-file': `${MINIKUBE_CERTS}/front-proxy-client.key`,
      'requestheader-client-ca-file': `${MINIKUBE_CERTS}/front-proxy-ca.crt`,
      'secure-port': '8443',
      'service-account-key-file': `${MINIKUBE_CERTS}/sa.pub`,
      'service-account-signing-key-file': `${MINIKUBE_CERTS}/sa.key`,
      'tls-cert-file': `${MINIKUBE_CERTS}/apiserver.crt`,
      'tls-private-key-file': `${MINIKUBE_CERTS}/apiserver.key`,
    },
    server: 'https://127.0.0.1:6443',
    serverVersion: ['v1.35.1', '35', '2026-01-13T21:49:58Z'],
    cert: ['2029-11-17T08:40:58Z', 'CN=minikube', 'CN=minikubeCA'],
    anonymousStatus: 403,
    apiGroups: [],
  },
  // grade C, capped by coverage 58 % (A and 100 by score). A healthy kubeadm HA cluster
  // (3 control planes, 3 workers in eu-2a/b/c) read with the built-in `view` ClusterRole
  // only: the reads it may not make are 403s, so many checks stay unknown.
  'edge-1': {
    file: 'restricted.json',
    build: restrictedCluster,
    nodes: 6,
    created: '2025-10-06T07:55:02Z',
    version: 'v1.35.9',
    apiserver: {
      'anonymous-auth': 'false',
      'audit-log-path': '/var/log/kubernetes/audit/audit.log',
      'audit-policy-file': '/etc/kubernetes/audit-policy.yaml',
      'authentication-config': '/etc/kubernetes/authentication-config.yaml',
      'encryption-provider-config': '/etc/kubernetes/encryption-config.yaml',
    },
    server: 'https://api.edge-1.example.com:6443',
    serverVersion: ['v1.35.9', '35', '2026-10-14T11:02:37Z'],
    cert: ['2027-10-29T06:39:51Z'],
    anonymousStatus: 401,
    apiGroups: ['metrics.k8s.io/v1beta1'],
    user: 'system:serviceaccount:cluster-readiness:reader',
    denied: [
      'nodes',
      'leases.coordination.k8s.io',
      'clusterroles.rbac.authorization.k8s.io',
      'clusterrolebindings.rbac.authorization.k8s.io',
      'rolebindings.rbac.authorization.k8s.io',
      'validatingwebhookconfigurations.admissionregistration.k8s.io',
      'mutatingwebhookconfigurations.admissionregistration.k8s.io',
      'certificatesigningrequests.certificates.k8s.io',
      'apiservices.apiregistration.k8s.io',
    ],
  },
  // No snapshot: `kubectl get <README types> -A -o json` of a 3-node kubeadm cluster
  // (Debian, flannel) running a guestbook, with the managedFields kubectl prints.
  'lab-1': {
    file: 'kubectl-list.json',
    build: kubectlList,
    nodes: 3,
    created: '2026-09-08T13:04:51Z',
    version: 'v1.35.9',
  },
};

// ---------------------------------------------------------------------------------
// Deterministic helpers

function digest(seed) {
  return crypto.createHash('sha256').update(seed).digest();
}
function hex(seed, n) {
  return digest(seed).toString('hex').repeat(2).slice(0, n);
}
function uid(seed) {
  const h = hex(`uid:${seed}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}
/** The alphabet of generated name suffixes (k8s.io/apimachinery rand.String). */
const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(seed, n) {
  const h = digest(`sfx:${seed}`);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[h[i] % ALNUM.length];
  return s;
}
function rv(seed) {
  return String(1000000 + (digest(`rv:${seed}`).readUInt32BE(0) % 90000000));
}
function iso(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
function ago(ms) {
  return iso(REF - ms);
}
/** A MicroTime (leases), `micros` microseconds after the whole second of `ms`. */
function microTime(ms, micros) {
  const s = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  return `${s}.${String(micros).padStart(6, '0')}Z`;
}
function b64(text) {
  return Buffer.from(text).toString('base64');
}
function fakePem(type, seed, lines = 6) {
  const body = [];
  for (let i = 0; i < lines; i++) {
    body.push(
      Buffer.from(hex(`${type}:${seed}:${i}`, 96), 'hex').toString('base64'),
    );
  }
  return `-----BEGIN ${type}-----\n${body.join('\n')}\n-----END ${type}-----\n`;
}

// Quantities (only the forms used here).
const Ki = 1024;
const Mi = 1024 * Ki;
const Gi = 1024 * Mi;
function cpuMilli(q) {
  if (q === undefined) return 0;
  const s = String(q);
  return s.endsWith('m')
    ? Number(s.slice(0, -1))
    : Math.round(Number(s) * 1000);
}
function memBytes(q) {
  if (q === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)?$/.exec(String(q));
  if (!m) throw new Error(`quantity ${q}`);
  const unit = { Ki, Mi, Gi, Ti: 1024 * Gi }[m[2]] ?? 1;
  return Math.round(Number(m[1]) * unit);
}
function fmtCpu(milli) {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}
function fmtMem(bytes) {
  if (bytes === 0) return '0';
  if (bytes % Gi === 0) return `${bytes / Gi}Gi`;
  if (bytes % Mi === 0) return `${bytes / Mi}Mi`;
  return `${Math.round(bytes / Ki)}Ki`;
}

// ---------------------------------------------------------------------------------
// Objects

class Cluster {
  constructor(name) {
    this.name = name;
    this.row = CLUSTERS[name];
    this.created = this.row.created;
    this.version = this.row.version; // kubelet / component version, e.g. v1.35.9
    this.podNetwork = this.row.podNetwork;
    this.items = Object.fromEntries(KEYS.map(k => [k, []]));
    this.nodes = new Map(); // name -> { ip, runtime, zone }
  }
  add(key, obj) {
    if (!this.items[key]) throw new Error(`unknown key ${key}`);
    this.items[key].push(obj);
    return obj;
  }
  ref(kind, namespace, name) {
    return uid(`${this.name}/${kind}/${namespace ?? ''}/${name}`);
  }
}

function meta(c, kind, name, o = {}) {
  const m = { name };
  if (o.namespace) m.namespace = o.namespace;
  if (o.generateName) m.generateName = o.generateName;
  m.uid = c.ref(kind, o.namespace, name);
  m.resourceVersion = rv(`${c.name}/${kind}/${o.namespace}/${name}`);
  if (o.generation !== undefined) m.generation = o.generation;
  m.creationTimestamp = o.created ?? c.created;
  if (o.labels && Object.keys(o.labels).length) m.labels = { ...o.labels };
  if (o.annotations && Object.keys(o.annotations).length) {
    m.annotations = { ...o.annotations };
  }
  if (o.owner) {
    m.ownerReferences = [
      {
        apiVersion: o.owner.apiVersion,
        kind: o.owner.kind,
        name: o.owner.name,
        uid:
          o.owner.uid ?? c.ref(o.owner.kind, o.owner.namespace, o.owner.name),
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  if (o.finalizers) m.finalizers = o.finalizers;
  return m;
}

/**
 * An RBAC rule written `'groups resources verbs [resourceNames]'`, each a comma list;
 * `core` is the core group (""), and `urls` in place of the groups makes a
 * nonResourceURLs rule: `'urls /healthz,/livez get'`.
 */
function rule(spec) {
  const [groups, resources, verbs, names] = spec.split(' ');
  const list = s => s.split(',');
  if (groups === 'urls')
    return { nonResourceURLs: list(resources), verbs: list(verbs) };
  return {
    apiGroups: list(groups).map(g => (g === 'core' ? '' : g)),
    resources: list(resources),
    ...(names ? { resourceNames: list(names) } : {}),
    verbs: list(verbs),
  };
}

// Namespaces -----------------------------------------------------------------------

function namespace(c, name, labels = {}, o = {}) {
  return c.add('namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(c, 'Namespace', name, {
      created: o.created,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
      annotations: o.annotations,
    }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
}

/** Namespaces, a row each: `'name [k=v,k=v]'` (labels) or `[that, options]`. */
function namespaces(c, rows) {
  for (const row of rows) {
    const [spec, o] = specOf(row);
    const [name, labels] = spec.split(' ');
    namespace(c, name, labels ? labelsOf(labels) : {}, o);
  }
}

function serviceAccount(c, ns, name, o = {}) {
  return c.add('serviceaccounts', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(c, 'ServiceAccount', name, {
      namespace: ns,
      created: o.created,
      labels: o.labels,
      annotations: o.annotations,
    }),
    ...(o.automount === false ? { automountServiceAccountToken: false } : {}),
  });
}

// Nodes ----------------------------------------------------------------------------

/**
 * Node conditions, `'type status reason message'`: by CNI, of node-problem-detector,
 * of the kubelet.
 */
const NODE_CONDITIONS = {
  calico: [
    'NetworkUnavailable False CalicoIsUp Calico is running on this node',
  ],
  flannel: [
    'NetworkUnavailable False FlannelIsUp Flannel is running on this node',
  ],
  npd: [
    'KernelDeadlock False KernelHasNoDeadlock kernel has no deadlock',
    'ReadonlyFilesystem False FilesystemIsNotReadOnly Filesystem is not read-only',
    'FrequentKubeletRestart False NoFrequentKubeletRestart kubelet is functioning properly',
    'FrequentContainerdRestart False NoFrequentContainerdRestart containerd is functioning properly',
  ],
  kubelet: [
    'MemoryPressure False KubeletHasSufficientMemory kubelet has sufficient memory available',
    'DiskPressure False KubeletHasNoDiskPressure kubelet has no disk pressure',
    'PIDPressure False KubeletHasSufficientPID kubelet has sufficient PID available',
  ],
  ready: ['Ready True KubeletReady kubelet is posting ready status'],
  notReady: [
    'Ready False KubeletNotReady container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
  ],
};

/** A status condition from `'type status reason message'`. */
function condition(spec, heartbeat, transition) {
  const [type, status, reason, ...message] = spec.split(' ');
  return {
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: transition,
    message: message.join(' '),
    reason,
    status,
    type,
  };
}

/**
 * A node. `o.role` control-plane|worker, `o.zone`, `o.ip`, `o.runtime`
 * (containerd://2.1.4), `o.kubelet`, `o.cpu`/`o.memory` capacity, `o.ready`
 * (true|false|'Unknown'), `o.cordoned`, `o.taints`, `o.npd` (report NPD conditions),
 * `o.labels`, `o.providerID`, `o.os`.
 */
function node(c, name, o) {
  const heartbeat =
    o.heartbeat ?? REF - 20 * SEC - (digest(name)[0] % 200) * SEC;
  const since = o.since ?? '2026-11-03T07:12:40Z';
  const labels = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    ...(o.instanceType
      ? {
          'beta.kubernetes.io/instance-type': o.instanceType,
          'node.kubernetes.io/instance-type': o.instanceType,
        }
      : {}),
    ...(o.zone && o.betaZone !== false
      ? { 'failure-domain.beta.kubernetes.io/zone': o.zone }
      : {}),
    ...(o.region
      ? {
          'failure-domain.beta.kubernetes.io/region': o.region,
          'topology.kubernetes.io/region': o.region,
        }
      : {}),
    ...(o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {}),
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': o.hostname ?? name,
    'kubernetes.io/os': 'linux',
    ...(o.role === 'control-plane'
      ? {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        }
      : {}),
    ...o.labels,
  };
  if (!o.zone) {
    delete labels['failure-domain.beta.kubernetes.io/zone'];
  }
  const taints = [...(o.taints ?? [])];
  if (o.role === 'control-plane' && o.taintControlPlane !== false) {
    taints.unshift({
      key: 'node-role.kubernetes.io/control-plane',
      effect: 'NoSchedule',
    });
  }
  if (o.cordoned) {
    taints.push({
      key: 'node.kubernetes.io/unschedulable',
      effect: 'NoSchedule',
      timeAdded: o.cordonedAt,
    });
  }
  const cpu = o.cpu ?? '4';
  const memory = o.memory ?? '16393216Ki';
  const reservedCpu = o.reservedCpu ?? 0;
  const allocMemory = `${
    memBytes(memory) / Ki - (o.reservedMemKi ?? 102400)
  }Ki`;
  const ready = o.ready ?? true;
  const lastHb = iso(heartbeat);
  const conditions = [
    ...(NODE_CONDITIONS[o.cni] ?? []).map(x => condition(x, since, since)),
    ...(o.npd ? NODE_CONDITIONS.npd : []).map(x => condition(x, lastHb, since)),
  ];
  if (ready === 'Unknown') {
    for (const type of [
      'MemoryPressure',
      'DiskPressure',
      'PIDPressure',
      'Ready',
    ]) {
      const x = `${type} Unknown NodeStatusUnknown Kubelet stopped posting node status.`;
      conditions.push(condition(x, o.lastSeen, o.lostAt));
    }
  } else {
    for (const x of [
      ...NODE_CONDITIONS.kubelet,
      ...(ready ? NODE_CONDITIONS.ready : NODE_CONDITIONS.notReady),
    ]) {
      conditions.push(condition(x, lastHb, since));
    }
  }
  const runtime = o.runtime ?? 'containerd://2.1.4';
  const kubelet = o.kubelet ?? c.version;
  c.nodes.set(name, {
    ip: o.ip,
    runtime: runtime.split('://')[0],
    role: o.role,
  });
  const annotations = {
    ...(o.criSocket !== false
      ? {
          'kubeadm.alpha.kubernetes.io/cri-socket':
            o.criSocket ?? 'unix:///var/run/containerd/containerd.sock',
        }
      : {}),
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    ...o.annotations,
  };
  const spec = {};
  if (o.podCIDR) {
    spec.podCIDR = o.podCIDR;
    spec.podCIDRs = [o.podCIDR];
  }
  if (o.providerID) spec.providerID = o.providerID;
  if (taints.length) spec.taints = taints;
  if (o.cordoned) spec.unschedulable = true;
  return c.add('nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(c, 'Node', name, {
      created: o.created,
      labels,
      annotations,
    }),
    spec,
    status: {
      addresses: [
        { address: o.ip, type: 'InternalIP' },
        ...(o.externalIP
          ? [{ address: o.externalIP, type: 'ExternalIP' }]
          : []),
        { address: o.hostname ?? name, type: 'Hostname' },
        ...(o.dns ? [{ address: o.dns, type: 'InternalDNS' }] : []),
      ],
      allocatable: {
        cpu: fmtCpu(cpuMilli(cpu) - reservedCpu),
        'ephemeral-storage': '93478772582',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: allocMemory,
        pods: o.maxPods ?? '110',
      },
      capacity: {
        cpu,
        'ephemeral-storage': '101430960Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory,
        pods: o.maxPods ?? '110',
      },
      conditions,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uid(`boot:${c.name}:${name}`),
        containerRuntimeVersion: runtime,
        kernelVersion: o.kernel ?? '6.8.0-87-generic',
        kubeProxyVersion: '',
        kubeletVersion: kubelet,
        machineID: hex(`machine:${c.name}:${name}`, 32),
        operatingSystem: 'linux',
        osImage: o.os ?? 'Ubuntu 24.04.3 LTS',
        systemUUID: uid(`system:${c.name}:${name}`),
      },
    },
  });
}

/**
 * Nodes by name: each row's options over `common`; without a `podCIDR` of its own a
 * node gets 10.244.<its position>.0/24.
 */
function nodes(c, common, table) {
  for (const [name, o] of Object.entries(table)) {
    node(c, name, { podCIDR: `10.244.${c.nodes.size}.0/24`, ...common, ...o });
  }
}

// Pods -----------------------------------------------------------------------------

/** Tolerations of node.kubernetes.io taints, `'effect taint'` each. */
function tolerations(specs, extra = {}) {
  return specs.map(spec => {
    const [effect, taint] = spec.split(' ');
    const key = `node.kubernetes.io/${taint}`;
    return { effect, key, operator: 'Exists', ...extra };
  });
}

/** What the admission plugin DefaultTolerationSeconds adds to every pod. */
const DEFAULT_TOLERATIONS = tolerations(
  ['NoExecute not-ready', 'NoExecute unreachable'],
  { tolerationSeconds: 300 },
);

/** What the DaemonSet controller adds to its pods. */
const DS_TOLERATIONS = tolerations([
  'NoExecute not-ready',
  'NoExecute unreachable',
  'NoSchedule disk-pressure',
  'NoSchedule memory-pressure',
  'NoSchedule pid-pressure',
  'NoSchedule unschedulable',
]);

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
};
const RESTRICTED_POD = {
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** A container spec: `{ name, image, command, args, ports, requests, limits, ... }`. */
function containerSpec(x, apiAccessVolume) {
  const resources = {};
  if (x.limits) resources.limits = x.limits;
  if (x.requests) resources.requests = x.requests;
  const out = {
    name: x.name,
    image: x.image,
    imagePullPolicy: x.pullPolicy ?? 'IfNotPresent',
  };
  if (x.command) out.command = x.command;
  if (x.args) out.args = x.args;
  if (x.env) out.env = x.env;
  if (x.ports) out.ports = x.ports;
  if (x.livenessProbe) out.livenessProbe = x.livenessProbe;
  if (x.readinessProbe) out.readinessProbe = x.readinessProbe;
  if (x.startupProbe) out.startupProbe = x.startupProbe;
  out.resources = resources;
  if (x.securityContext) out.securityContext = x.securityContext;
  out.terminationMessagePath = '/dev/termination-log';
  out.terminationMessagePolicy = x.terminationMessagePolicy ?? 'File';
  const mounts = [...(x.volumeMounts ?? [])];
  if (apiAccessVolume) {
    mounts.push({
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
      name: apiAccessVolume,
      readOnly: true,
    });
  }
  if (mounts.length) out.volumeMounts = mounts;
  return out;
}

function qosClass(containers) {
  let any = false;
  let guaranteed = true;
  for (const x of containers) {
    const r = x.requests ?? {};
    const l = x.limits ?? {};
    if (Object.keys(r).length || Object.keys(l).length) any = true;
    for (const res of ['cpu', 'memory']) {
      if (!l[res] || (r[res] && r[res] !== l[res])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function imageID(image) {
  const repo = image.split(':')[0];
  return `${repo}@sha256:${hex(`image:${image}`, 64)}`;
}

/**
 * A pod. `o.namespace`, `o.node`, `o.labels`, `o.annotations`, `o.owner`
 * ({apiVersion, kind, name}), `o.serviceAccount` (undefined: none, as for mirror
 * pods), `o.containers`, `o.initContainers`, `o.phase` (Running|Succeeded|Failed|
 * Pending), `o.unschedulable` (message), `o.ready` (default true), `o.restarts`,
 * `o.created`, `o.started`, `o.hostNetwork`, `o.priorityClassName`, `o.volumes`,
 * `o.tolerations`, `o.nodeSelector`, `o.affinity`, `o.securityContext`, `o.mirror`.
 */
function pod(c, name, o) {
  const ns = o.namespace;
  const info = o.node ? c.nodes.get(o.node) : undefined;
  if (o.node && !info)
    throw new Error(`${c.name}: no node ${o.node} for ${name}`);
  const created = o.created ?? '2026-11-03T08:00:00Z';
  const started = o.started ?? iso(Date.parse(created) + 2 * SEC);
  const running = iso(Date.parse(started) + 3 * SEC);
  const phase = o.phase ?? (o.unschedulable ? 'Pending' : 'Running');
  const apiVolume =
    o.serviceAccount !== undefined && o.automount !== false
      ? `kube-api-access-${suffix(`${c.name}/${ns}/${name}/api`, 5)}`
      : undefined;
  const volumes = [...(o.volumes ?? [])];
  if (apiVolume) {
    volumes.push({
      name: apiVolume,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          {
            configMap: {
              items: [{ key: 'ca.crt', path: 'ca.crt' }],
              name: 'kube-root-ca.crt',
            },
          },
          {
            downwardAPI: {
              items: [
                {
                  fieldRef: {
                    apiVersion: 'v1',
                    fieldPath: 'metadata.namespace',
                  },
                  path: 'namespace',
                },
              ],
            },
          },
        ],
      },
    });
  }
  const spec = {};
  if (o.affinity) spec.affinity = o.affinity;
  spec.containers = o.containers.map(x => containerSpec(x, apiVolume));
  spec.dnsPolicy = o.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst';
  spec.enableServiceLinks = true;
  if (o.hostNetwork) spec.hostNetwork = true;
  if (o.initContainers) {
    spec.initContainers = o.initContainers.map(x =>
      containerSpec(x, apiVolume),
    );
  }
  if (o.node && !o.unschedulable) spec.nodeName = o.node;
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector;
  spec.preemptionPolicy = 'PreemptLowerPriority';
  spec.priority =
    o.priorityClassName === 'system-node-critical'
      ? 2000001000
      : o.priorityClassName === 'system-cluster-critical'
      ? 2000000000
      : o.priority ?? 0;
  if (o.priorityClassName) spec.priorityClassName = o.priorityClassName;
  spec.restartPolicy = o.restartPolicy ?? 'Always';
  spec.schedulerName = 'default-scheduler';
  spec.securityContext = o.securityContext ?? {};
  if (o.serviceAccount !== undefined) {
    spec.serviceAccount = o.serviceAccount;
    spec.serviceAccountName = o.serviceAccount;
  }
  spec.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds ?? 30;
  spec.tolerations = o.tolerations ?? DEFAULT_TOLERATIONS;
  if (volumes.length) spec.volumes = volumes;

  const status = { phase };
  if (o.unschedulable) {
    status.conditions = [
      {
        lastProbeTime: null,
        lastTransitionTime: created,
        message: o.unschedulable,
        reason: 'Unschedulable',
        status: 'False',
        type: 'PodScheduled',
      },
    ];
    status.qosClass = qosClass(o.containers);
  } else {
    const ready = o.ready ?? phase === 'Running';
    const finished = o.finished;
    const readyTime = o.readyChanged ?? running;
    const cond = (type, value, time, reason) => ({
      lastProbeTime: null,
      lastTransitionTime: time,
      ...(reason ? { reason } : {}),
      status: value,
      type,
    });
    status.conditions =
      phase === 'Succeeded' || phase === 'Failed'
        ? [
            cond('PodReadyToStartContainers', 'False', finished),
            cond('Initialized', 'True', started),
            cond('Ready', 'False', finished, 'PodCompleted'),
            cond('ContainersReady', 'False', finished, 'PodCompleted'),
            cond('PodScheduled', 'True', created),
          ]
        : [
            cond('PodReadyToStartContainers', 'True', running),
            cond('Initialized', 'True', started),
            cond(
              'Ready',
              ready ? 'True' : 'False',
              readyTime,
              ready ? undefined : 'ContainersNotReady',
            ),
            cond(
              'ContainersReady',
              ready ? 'True' : 'False',
              readyTime,
              ready ? undefined : 'ContainersNotReady',
            ),
            cond('PodScheduled', 'True', created),
          ];
    const runtime = info?.runtime ?? 'containerd';
    status.containerStatuses = o.containers.map((x, i) => {
      const id = `${runtime}://${hex(
        `ctr:${c.name}/${ns}/${name}/${x.name}`,
        64,
      )}`;
      let state;
      let lastState = {};
      if (phase === 'Succeeded' || phase === 'Failed') {
        state = {
          terminated: {
            containerID: id,
            exitCode: phase === 'Succeeded' ? 0 : 1,
            finishedAt: finished,
            reason: phase === 'Succeeded' ? 'Completed' : 'Error',
            startedAt: running,
          },
        };
      } else if (o.crashLoop && i === 0) {
        state = {
          waiting: {
            message: `back-off 5m0s restarting failed container=${
              x.name
            } pod=${name}_${ns}(${c.ref('Pod', ns, name)})`,
            reason: 'CrashLoopBackOff',
          },
        };
        lastState = {
          terminated: {
            containerID: id,
            exitCode: o.crashLoop.exitCode ?? 1,
            finishedAt: o.crashLoop.at,
            reason: o.crashLoop.reason ?? 'Error',
            startedAt: iso(Date.parse(o.crashLoop.at) - 41 * SEC),
          },
        };
      } else {
        state = { running: { startedAt: running } };
      }
      const out = {
        containerID: id,
        image: x.image,
        imageID: imageID(x.image),
        lastState,
        name: x.name,
        ready:
          phase === 'Running' && (o.ready ?? true) && !(o.crashLoop && i === 0),
        restartCount: i === 0 ? o.restarts ?? 0 : 0,
        started: phase === 'Running' && !(o.crashLoop && i === 0),
        state,
      };
      if (apiVolume || x.volumeMounts) {
        out.volumeMounts = [
          ...(x.volumeMounts ?? []).map(m => ({
            mountPath: m.mountPath,
            name: m.name,
            ...(m.readOnly ? { readOnly: true } : {}),
          })),
          ...(apiVolume
            ? [
                {
                  mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
                  name: apiVolume,
                  readOnly: true,
                  recursiveReadOnly: 'Disabled',
                },
              ]
            : []),
        ];
      }
      return out;
    });
    if (info) {
      status.hostIP = info.ip;
      status.hostIPs = [{ ip: info.ip }];
    }
    if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') {
      const podIP = o.hostNetwork
        ? info?.ip
        : o.podIP ?? podAddress(c, o.node, `${ns}/${name}`);
      if (podIP) {
        status.podIP = podIP;
        status.podIPs = [{ ip: podIP }];
      }
    }
    status.qosClass = qosClass(o.containers);
    status.startTime = started;
  }
  return c.add('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(c, 'Pod', name, {
      namespace: ns,
      created,
      generateName: o.generateName,
      labels: o.labels,
      annotations: o.annotations,
      owner: o.owner,
    }),
    spec,
    status,
  });
}

function podAddress(c, nodeName, seed) {
  const nodes = [...c.nodes.keys()];
  const n = Math.max(0, nodes.indexOf(nodeName));
  const h = digest(`ip:${c.name}:${seed}`);
  return `${c.podNetwork ?? '10.244'}.${n}.${2 + (h[1] % 250)}`;
}

/** A kubeadm static pod (mirror pod) of a control-plane component. */
function mirrorPod(c, component, nodeName, o) {
  const info = c.nodes.get(nodeName);
  const name = `${component}-${nodeName}`;
  const hash = hex(`cfg:${c.name}:${name}`, 32);
  const annotations = {
    'kubernetes.io/config.hash': hash,
    'kubernetes.io/config.mirror': hash,
    'kubernetes.io/config.seen': o.seen ?? '2026-11-03T07:12:41.118263014Z',
    'kubernetes.io/config.source': 'file',
  };
  if (component === 'kube-apiserver') {
    annotations[
      'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint'
    ] = `${info.ip}:${o.port ?? 6443}`;
  }
  if (component === 'etcd') {
    annotations[
      'kubeadm.kubernetes.io/etcd.advertise-client-urls'
    ] = `https://${info.ip}:2379`;
  }
  const probePort = {
    'kube-apiserver': o.port ?? 6443,
    etcd: 2381,
    'kube-scheduler': 10259,
    'kube-controller-manager': 10257,
  }[component];
  const probeHost = component === 'kube-apiserver' ? info.ip : '127.0.0.1';
  const probe = (p, failure) => ({
    failureThreshold: failure,
    httpGet: {
      host: probeHost,
      path: p,
      port: probePort,
      scheme: component === 'etcd' ? 'HTTP' : 'HTTPS',
    },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 15,
  });
  const requests = {
    'kube-apiserver': { cpu: '250m' },
    etcd: { cpu: '100m', memory: '100Mi' },
    'kube-scheduler': { cpu: '100m' },
    'kube-controller-manager': { cpu: '200m' },
  }[component];
  const image =
    component === 'etcd'
      ? `registry.k8s.io/etcd:${o.etcdVersion ?? '3.6.5-0'}`
      : `registry.k8s.io/${component}:${o.version ?? c.version}`;
  const paths = {
    'kube-apiserver': ['/livez', '/readyz'],
    etcd: ['/livez', '/readyz'],
    'kube-scheduler': ['/livez', '/readyz'],
    'kube-controller-manager': ['/healthz', undefined],
  }[component];
  const mounts = o.mounts ?? [];
  return pod(c, name, {
    namespace: 'kube-system',
    node: nodeName,
    labels: { component, tier: 'control-plane' },
    annotations,
    owner: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    created: o.created,
    started: o.started,
    priorityClassName: 'system-node-critical',
    hostNetwork: true,
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    restarts: o.restarts,
    ready: o.ready,
    crashLoop: o.crashLoop,
    readyChanged: o.readyChanged,
    volumes: mounts.map(m => ({
      hostPath: { path: m.hostPath, type: m.type ?? 'DirectoryOrCreate' },
      name: m.name,
    })),
    containers: [
      {
        name: component,
        image,
        command: [component, ...o.flags],
        livenessProbe: probe(paths[0], 8),
        ...(paths[1]
          ? {
              readinessProbe: {
                ...probe(paths[1], 3),
                initialDelaySeconds: undefined,
              },
            }
          : {}),
        startupProbe: probe(paths[0], 24),
        requests,
        volumeMounts: mounts.map(m => ({
          mountPath: m.mountPath ?? m.hostPath,
          name: m.name,
          ...(m.readOnly ? { readOnly: true } : {}),
        })),
      },
    ],
  });
}

const PKI_MOUNTS = [
  { name: 'ca-certs', hostPath: '/etc/ssl/certs', readOnly: true },
  {
    name: 'etc-ca-certificates',
    hostPath: '/etc/ca-certificates',
    readOnly: true,
  },
  { name: 'k8s-certs', hostPath: '/etc/kubernetes/pki', readOnly: true },
  {
    name: 'usr-local-share-ca-certificates',
    hostPath: '/usr/local/share/ca-certificates',
    readOnly: true,
  },
  {
    name: 'usr-share-ca-certificates',
    hostPath: '/usr/share/ca-certificates',
    readOnly: true,
  },
];

/** kube-apiserver flags of a kubeadm control plane; `extra` adds or overrides. */
function apiserverFlags(ip, extra = {}, remove = []) {
  const flags = {
    'advertise-address': ip,
    'allow-privileged': 'true',
    'authorization-mode': 'Node,RBAC',
    'client-ca-file': '/etc/kubernetes/pki/ca.crt',
    'enable-admission-plugins': 'NodeRestriction',
    'enable-bootstrap-token-auth': 'true',
    'etcd-cafile': '/etc/kubernetes/pki/etcd/ca.crt',
    'etcd-certfile': '/etc/kubernetes/pki/apiserver-etcd-client.crt',
    'etcd-keyfile': '/etc/kubernetes/pki/apiserver-etcd-client.key',
    'etcd-servers': 'https://127.0.0.1:2379',
    'kubelet-client-certificate':
      '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    'kubelet-client-key': '/etc/kubernetes/pki/apiserver-kubelet-client.key',
    'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
    'proxy-client-cert-file': '/etc/kubernetes/pki/front-proxy-client.crt',
    'proxy-client-key-file': '/etc/kubernetes/pki/front-proxy-client.key',
    'requestheader-allowed-names': 'front-proxy-client',
    'requestheader-client-ca-file': '/etc/kubernetes/pki/front-proxy-ca.crt',
    'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
    'requestheader-group-headers': 'X-Remote-Group',
    'requestheader-username-headers': 'X-Remote-User',
    'secure-port': '6443',
    'service-account-issuer': 'https://kubernetes.default.svc.cluster.local',
    'service-account-key-file': '/etc/kubernetes/pki/sa.pub',
    'service-account-signing-key-file': '/etc/kubernetes/pki/sa.key',
    'service-cluster-ip-range': '10.96.0.0/12',
    'tls-cert-file': '/etc/kubernetes/pki/apiserver.crt',
    'tls-private-key-file': '/etc/kubernetes/pki/apiserver.key',
    ...extra,
  };
  for (const r of remove) delete flags[r];
  return Object.keys(flags)
    .sort()
    .map(k => `--${k}=${flags[k]}`);
}

function etcdFlags(nodeName, ip, peers) {
  return [
    `--advertise-client-urls=https://${ip}:2379`,
    '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
    '--client-cert-auth=true',
    '--data-dir=/var/lib/etcd',
    '--feature-gates=InitialCorruptCheck=true',
    `--initial-advertise-peer-urls=https://${ip}:2380`,
    `--initial-cluster=${peers
      .map(p => `${p.name}=https://${p.ip}:2380`)
      .join(',')}`,
    ...(peers.length > 1 ? ['--initial-cluster-state=existing'] : []),
    '--key-file=/etc/kubernetes/pki/etcd/server.key',
    `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
    '--listen-metrics-urls=http://127.0.0.1:2381',
    `--listen-peer-urls=https://${ip}:2380`,
    `--name=${nodeName}`,
    '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
    '--peer-client-cert-auth=true',
    '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
    '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    '--snapshot-count=10000',
    '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    '--watch-progress-notify-interval=5s',
  ];
}

const SCHEDULER_FLAGS = [
  '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
  '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
  '--bind-address=127.0.0.1',
  '--kubeconfig=/etc/kubernetes/scheduler.conf',
  '--leader-elect=true',
];

function controllerManagerFlags(clusterName, podCidr) {
  return [
    '--allocate-node-cidrs=true',
    '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--bind-address=127.0.0.1',
    '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    `--cluster-cidr=${podCidr}`,
    `--cluster-name=${clusterName}`,
    '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
    '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
    '--controllers=*,bootstrapsigner,tokencleaner',
    '--kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--leader-elect=true',
    '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
    '--root-ca-file=/etc/kubernetes/pki/ca.crt',
    '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
    '--service-cluster-ip-range=10.96.0.0/12',
    '--use-service-account-credentials=true',
  ];
}

/** The four kubeadm mirror pods of one control-plane node. */
function kubeadmControlPlane(c, nodeName, o) {
  const info = c.nodes.get(nodeName);
  const peers = o.etcdPeers;
  mirrorPod(c, 'etcd', nodeName, {
    ...o.common,
    flags: etcdFlags(nodeName, info.ip, peers),
    mounts: [
      { name: 'etcd-certs', hostPath: '/etc/kubernetes/pki/etcd' },
      { name: 'etcd-data', hostPath: '/var/lib/etcd' },
    ],
  });
  mirrorPod(c, 'kube-apiserver', nodeName, {
    ...o.common,
    flags: o.apiserverFlags(info.ip),
    port: o.port,
    mounts: [...PKI_MOUNTS, ...(o.apiserverMounts ?? [])],
  });
  mirrorPod(c, 'kube-controller-manager', nodeName, {
    ...o.common,
    ...(o.controllerManager ?? {}),
    flags: controllerManagerFlags(c.name, o.podCidr ?? '10.244.0.0/16'),
    mounts: [
      ...PKI_MOUNTS,
      {
        name: 'flexvolume-dir',
        hostPath: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec',
      },
      {
        name: 'kubeconfig',
        hostPath: '/etc/kubernetes/controller-manager.conf',
        type: 'FileOrCreate',
        readOnly: true,
      },
    ],
  });
  mirrorPod(c, 'kube-scheduler', nodeName, {
    ...o.common,
    flags: SCHEDULER_FLAGS,
    mounts: [
      {
        name: 'kubeconfig',
        hostPath: '/etc/kubernetes/scheduler.conf',
        type: 'FileOrCreate',
        readOnly: true,
      },
    ],
  });
}

// Workloads ------------------------------------------------------------------------

/** The labels of application `name`, version `version`, of the service `partOf`. */
function appLabels(name, partOf, version) {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': partOf,
    'app.kubernetes.io/version': version,
    'backstage.io/kubernetes-id': partOf,
  };
}

/** The selector labels of an application installed (e.g. by Helm) as `name`. */
function instanceLabels(name) {
  return { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name };
}

function podTemplateHash(c, ns, name) {
  return suffix(`${c.name}/${ns}/${name}/rs`, 10);
}

/**
 * The pod template spec of a workload from its options (`o.containers`,
 * `o.hostNetwork`, `o.serviceAccount`, `o.securityContext`, `o.affinity`,
 * `o.nodeSelector`, `o.priorityClassName`, `o.tolerations`, `o.topologySpread`,
 * `o.volumes`), `fixed` overriding. Keys left undefined are not written.
 */
function templateSpec(o, fixed = {}) {
  return {
    affinity: o.affinity,
    containers: o.containers.map(x => containerSpec(x)),
    dnsPolicy: o.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    hostNetwork: o.hostNetwork || undefined,
    nodeSelector: o.nodeSelector,
    priorityClassName: o.priorityClassName,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: o.securityContext ?? {},
    serviceAccount: o.serviceAccount,
    serviceAccountName: o.serviceAccount,
    terminationGracePeriodSeconds: 30,
    tolerations: o.tolerations,
    topologySpreadConstraints: o.topologySpread,
    volumes: o.volumes,
    ...fixed,
  };
}

/**
 * A Deployment and its pods. `o.namespace`, `o.nodes` (one per pod, `null` for a
 * Pending pod), `o.replicas` (default: as many as nodes), `o.labels` (Deployment),
 * `o.podLabels` (selector and template; default: `o.labels`), `o.extraPodLabels`,
 * `o.containers`, `o.serviceAccount`, `o.automount`, `o.ready`, `o.podOptions(i)`.
 */
function deployment(c, name, o) {
  const ns = o.namespace;
  const replicas = o.replicas ?? o.nodes.length;
  const hash = podTemplateHash(c, ns, name);
  const selector = o.podLabels ?? o.labels;
  const templateLabels = { ...selector, ...(o.extraPodLabels ?? {}) };
  const created = o.created ?? c.created;
  const rolled = o.rolled ?? '2026-11-12T14:21:07Z';
  const readyCount = o.readyReplicas ?? replicas;
  c.add('deployments.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(c, 'Deployment', name, {
      namespace: ns,
      created,
      generation: o.generation ?? 4,
      labels: o.labels,
      annotations: {
        'deployment.kubernetes.io/revision': String(o.revision ?? 4),
        ...o.annotations,
      },
    }),
    spec: {
      progressDeadlineSeconds: 600,
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      strategy: {
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        type: 'RollingUpdate',
      },
      template: {
        metadata: {
          labels: templateLabels,
          ...(o.templateAnnotations
            ? { annotations: o.templateAnnotations }
            : {}),
        },
        spec: templateSpec(o),
      },
    },
    status: {
      ...(readyCount > 0 ? { availableReplicas: readyCount } : {}),
      conditions: [
        {
          lastTransitionTime:
            readyCount >= Math.min(replicas, 1)
              ? rolled
              : o.unavailableSince ?? rolled,
          lastUpdateTime:
            readyCount >= Math.min(replicas, 1)
              ? rolled
              : o.unavailableSince ?? rolled,
          message:
            readyCount >= replicas
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
          reason:
            readyCount >= replicas
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
          status: readyCount >= replicas ? 'True' : 'False',
          type: 'Available',
        },
        {
          lastTransitionTime: created,
          lastUpdateTime: rolled,
          message: `ReplicaSet "${name}-${hash}" has successfully progressed.`,
          reason: 'NewReplicaSetAvailable',
          status: 'True',
          type: 'Progressing',
        },
      ],
      observedGeneration: o.generation ?? 4,
      readyReplicas: readyCount || undefined,
      replicas,
      ...(readyCount < replicas
        ? { unavailableReplicas: replicas - readyCount }
        : {}),
      updatedReplicas: replicas,
    },
  });
  const rs = `${name}-${hash}`;
  for (let i = 0; i < replicas; i++) {
    const podName = `${rs}-${suffix(`${c.name}/${ns}/${rs}/${i}`, 5)}`;
    const nodeName = o.nodes[i];
    const extra = o.podOptions ? o.podOptions(i) : {};
    pod(c, podName, {
      namespace: ns,
      node: nodeName ?? undefined,
      generateName: `${rs}-`,
      labels: { ...templateLabels, 'pod-template-hash': hash },
      annotations: o.templateAnnotations,
      owner: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: rs,
        namespace: ns,
      },
      serviceAccount: o.serviceAccount ?? 'default',
      containers: o.containers,
      created: o.podCreated ?? rolled,
      priorityClassName: o.priorityClassName,
      securityContext: o.securityContext,
      affinity: o.affinity,
      nodeSelector: o.nodeSelector,
      tolerations: o.tolerations
        ? [...o.tolerations, ...DEFAULT_TOLERATIONS]
        : undefined,
      automount: o.automount,
      ...extra,
    });
  }
}

/** A DaemonSet and one pod per node in `o.nodes`. */
function daemonSet(c, name, o) {
  const ns = o.namespace;
  const hash = suffix(`${c.name}/${ns}/${name}/ds`, 10);
  const selector = o.podLabels ?? o.labels;
  const nodes = o.nodes;
  const ready = o.numberReady ?? nodes.length;
  const tolerations = o.tolerations ?? [{ operator: 'Exists' }];
  c.add('daemonsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta(c, 'DaemonSet', name, {
      namespace: ns,
      created: o.created,
      generation: 1,
      labels: o.labels,
      annotations: { 'deprecated.daemonset.template.generation': '1' },
    }),
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...selector, ...(o.extraPodLabels ?? {}) } },
        spec: templateSpec(o, { securityContext: {}, tolerations }),
      },
      updateStrategy: {
        rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
        type: 'RollingUpdate',
      },
    },
    status: {
      currentNumberScheduled: nodes.length,
      desiredNumberScheduled: nodes.length,
      numberAvailable: ready,
      numberMisscheduled: 0,
      numberReady: ready,
      ...(ready < nodes.length
        ? { numberUnavailable: nodes.length - ready }
        : {}),
      observedGeneration: 1,
      updatedNumberScheduled: nodes.length,
    },
  });
  nodes.forEach((nodeName, i) => {
    const podName = `${name}-${suffix(
      `${c.name}/${ns}/${name}/${nodeName}`,
      5,
    )}`;
    const extra = o.podOptions ? o.podOptions(nodeName, i) : {};
    pod(c, podName, {
      namespace: ns,
      node: nodeName,
      generateName: `${name}-`,
      labels: {
        ...selector,
        ...(o.extraPodLabels ?? {}),
        'controller-revision-hash': hash,
        'pod-template-generation': '1',
      },
      owner: { apiVersion: 'apps/v1', kind: 'DaemonSet', name, namespace: ns },
      serviceAccount: o.serviceAccount,
      containers: o.containers,
      hostNetwork: o.hostNetwork,
      priorityClassName: o.priorityClassName,
      created: o.podCreated,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchFields: [
                  { key: 'metadata.name', operator: 'In', values: [nodeName] },
                ],
              },
            ],
          },
        },
      },
      tolerations: [...tolerations, ...DS_TOLERATIONS],
      ...extra,
    });
  });
}

/** A StatefulSet and its pods; options as for `deployment`. */
function statefulSet(c, name, o) {
  const ns = o.namespace;
  const hash = `${name}-${suffix(`${c.name}/${ns}/${name}/sts`, 10)}`;
  const selector = o.podLabels ?? o.labels;
  const replicas = o.replicas ?? o.nodes.length;
  const ready = o.readyReplicas ?? replicas;
  c.add('statefulsets.apps', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(c, 'StatefulSet', name, {
      namespace: ns,
      created: o.created,
      generation: 2,
      labels: o.labels,
    }),
    spec: {
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: 'Retain',
        whenScaled: 'Retain',
      },
      podManagementPolicy: 'OrderedReady',
      replicas: replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      serviceName: o.serviceName ?? name,
      template: {
        metadata: { labels: { ...selector, ...(o.extraPodLabels ?? {}) } },
        spec: templateSpec(o, { terminationGracePeriodSeconds: 60 }),
      },
      updateStrategy: {
        rollingUpdate: { partition: 0 },
        type: 'RollingUpdate',
      },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: o.storage ?? '50Gi' } },
            storageClassName: o.storageClass ?? 'fast-ssd',
            volumeMode: 'Filesystem',
          },
          status: { phase: 'Pending' },
        },
      ],
    },
    status: {
      availableReplicas: ready,
      collisionCount: 0,
      currentReplicas: replicas,
      currentRevision: hash,
      observedGeneration: 2,
      readyReplicas: ready,
      replicas: replicas,
      updateRevision: hash,
      updatedReplicas: replicas,
    },
  });
  for (let i = 0; i < replicas; i++) {
    const podName = `${name}-${i}`;
    pod(c, podName, {
      namespace: ns,
      node: o.nodes[i],
      generateName: `${name}-`,
      labels: {
        ...selector,
        ...(o.extraPodLabels ?? {}),
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': hash,
        'statefulset.kubernetes.io/pod-name': podName,
      },
      owner: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name,
        namespace: ns,
      },
      serviceAccount: o.serviceAccount,
      containers: o.containers,
      securityContext: o.securityContext,
      created: o.podCreated,
      terminationGracePeriodSeconds: 60,
      volumes: [
        {
          name: 'data',
          persistentVolumeClaim: { claimName: `data-${podName}` },
        },
      ],
    });
  }
}

/** A CronJob; `o.jobs` adds finished Job pods (`{ at, phase, node }`). */
function cronJob(c, name, o) {
  const ns = o.namespace;
  c.add('cronjobs.batch', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(c, 'CronJob', name, {
      namespace: ns,
      created: o.created,
      generation: 1,
      labels: o.labels,
    }),
    spec: {
      concurrencyPolicy: 'Forbid',
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: {
          backoffLimit: o.backoffLimit ?? 2,
          template: {
            metadata: {
              creationTimestamp: null,
              labels: o.podLabels ?? o.labels,
            },
            spec: templateSpec(o, {
              restartPolicy: 'OnFailure',
              securityContext: {},
            }),
          },
        },
      },
      schedule: o.schedule,
      successfulJobsHistoryLimit: 3,
      suspend: o.suspend ?? false,
      ...(o.timeZone ? { timeZone: o.timeZone } : {}),
    },
    status: {
      ...(o.active ? { active: o.active } : {}),
      ...(o.lastScheduleTime ? { lastScheduleTime: o.lastScheduleTime } : {}),
      ...(o.lastSuccessfulTime
        ? { lastSuccessfulTime: o.lastSuccessfulTime }
        : {}),
    },
  });
  for (const job of o.jobs ?? []) {
    const jobName = `${name}-${Math.floor(Date.parse(job.at) / 60000)}`;
    const jobUid = c.ref('Job', ns, jobName);
    pod(c, `${jobName}-${suffix(`${c.name}/${jobName}`, 5)}`, {
      namespace: ns,
      node: job.node,
      generateName: `${jobName}-`,
      labels: {
        ...(o.podLabels ?? o.labels),
        'batch.kubernetes.io/controller-uid': jobUid,
        'batch.kubernetes.io/job-name': jobName,
        'controller-uid': jobUid,
        'job-name': jobName,
      },
      owner: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: jobName,
        namespace: ns,
      },
      serviceAccount: o.serviceAccount ?? 'default',
      containers: o.containers,
      hostNetwork: o.hostNetwork,
      nodeSelector: o.nodeSelector,
      tolerations: o.tolerations
        ? [...o.tolerations, ...DEFAULT_TOLERATIONS]
        : undefined,
      restartPolicy: 'OnFailure',
      volumes: o.volumes,
      phase: job.phase,
      created: job.at,
      started: iso(Date.parse(job.at) + SEC),
      finished: job.finished,
    });
  }
}

// Policy ---------------------------------------------------------------------------

/** Pods of a namespace that hold resources (not Succeeded/Failed). */
function activePods(c, ns) {
  return c.items.pods.filter(
    p =>
      p.metadata.namespace === ns &&
      p.status.phase !== 'Succeeded' &&
      p.status.phase !== 'Failed',
  );
}

/** A ResourceQuota whose status.used is computed from the namespace's pods. */
function resourceQuota(c, ns, name, hard, o = {}) {
  const pods = activePods(c, ns);
  const sum = (field, res) =>
    pods
      .flatMap(p => p.spec.containers)
      .reduce((n, x) => {
        const q = x.resources?.[field]?.[res];
        return n + (res === 'cpu' ? cpuMilli(q) : memBytes(q));
      }, 0);
  const used = {};
  for (const key of Object.keys(hard)) {
    if (o.used && key in o.used) {
      used[key] = o.used[key];
      continue;
    }
    const [field, res] = key.includes('.') ? key.split('.') : ['requests', key];
    if (key === 'pods') used[key] = String(pods.length);
    else if (res === 'cpu') used[key] = fmtCpu(sum(field, 'cpu'));
    else if (res === 'memory') used[key] = fmtMem(sum(field, 'memory'));
    else used[key] = '0';
  }
  return c.add('resourcequotas', {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta(c, 'ResourceQuota', name, {
      namespace: ns,
      created: o.created,
      labels: o.labels,
    }),
    spec: { hard },
    status: { hard, used },
  });
}

/**
 * ResourceQuotas, a row each: `'namespace/name resource=quantity,...'` (the hard
 * limits) or `[that, options]`.
 */
function resourceQuotas(c, rows) {
  for (const row of rows) {
    const [spec, o] = specOf(row);
    const [where, hard] = spec.split(' ');
    const [ns, name] = where.split('/');
    resourceQuota(c, ns, name, labelsOf(hard), o);
  }
}

function limitRange(c, ns, name = 'container-defaults', o = {}) {
  return c.add('limitranges', {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta(c, 'LimitRange', name, {
      namespace: ns,
      created: o.created,
    }),
    spec: {
      limits: [
        {
          default: o.default ?? { cpu: '500m', memory: '512Mi' },
          defaultRequest: o.defaultRequest ?? { cpu: '100m', memory: '128Mi' },
          max: o.max ?? { memory: '8Gi' },
          type: 'Container',
        },
      ],
    },
  });
}

function networkPolicy(c, ns, name, spec, o = {}) {
  return c.add('networkpolicies.networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(c, 'NetworkPolicy', name, {
      namespace: ns,
      created: o.created,
      generation: 1,
    }),
    spec,
  });
}

/** default-deny, DNS egress, and ingress from the namespace itself and `from`. */
function standardNetworkPolicies(c, ns, from = [], o = {}) {
  networkPolicy(
    c,
    ns,
    'default-deny-all',
    { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    o,
  );
  networkPolicy(
    c,
    ns,
    'allow-dns-egress',
    {
      egress: [
        {
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
        },
      ],
      podSelector: {},
      policyTypes: ['Egress'],
    },
    o,
  );
  networkPolicy(
    c,
    ns,
    'allow-namespace-traffic',
    {
      egress: [{ to: [{ podSelector: {} }] }],
      ingress: [
        {
          from: [
            { podSelector: {} },
            ...from.map(n => ({
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': n },
              },
            })),
          ],
        },
      ],
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    },
    o,
  );
}

/** A PodDisruptionBudget with a status consistent with `healthy` of `expected` pods. */
function pdb(c, ns, name, selector, budget, expected, o = {}) {
  const healthy = o.healthy ?? expected;
  let desired;
  if (budget.minAvailable !== undefined) {
    const v = budget.minAvailable;
    desired =
      typeof v === 'string' && v.endsWith('%')
        ? Math.ceil((parseInt(v, 10) * expected) / 100)
        : Number(v);
  } else {
    const v = budget.maxUnavailable;
    const max =
      typeof v === 'string' && v.endsWith('%')
        ? Math.ceil((parseInt(v, 10) * expected) / 100)
        : Number(v);
    desired = Math.max(0, expected - max);
  }
  const allowed = Math.max(0, healthy - desired);
  return c.add('poddisruptionbudgets.policy', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(c, 'PodDisruptionBudget', name, {
      namespace: ns,
      created: o.created,
      generation: 1,
      labels: o.labels,
    }),
    spec: { ...budget, selector: { matchLabels: selector } },
    status: {
      conditions: [
        {
          lastTransitionTime: o.since ?? '2026-11-12T14:22:31Z',
          message: '',
          observedGeneration: 1,
          reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          status: allowed > 0 ? 'True' : 'False',
          type: 'DisruptionAllowed',
        },
      ],
      currentHealthy: healthy,
      desiredHealthy: desired,
      disruptionsAllowed: allowed,
      expectedPods: expected,
      observedGeneration: 1,
    },
  });
}

/** A label selector requirement written `'key Operator value,value'`. */
function matchExpression(spec) {
  const [key, operator, values] = spec.split(' ');
  return { key, operator, values: values.split(',') };
}

/** `'k=v,k=v'` as an object. */
function labelsOf(text) {
  return Object.fromEntries(text.split(',').map(kv => kv.split('=')));
}

/**
 * PodDisruptionBudgets, a row each: `'namespace/name selector budget expectedPods'`
 * (selector `k=v,k=v`, budget `minAvailable=N|N%` or `maxUnavailable=N|N%`), or
 * `[that, options]`.
 */
function pdbs(c, rows) {
  for (const row of rows) {
    const [spec, o] = specOf(row);
    const [where, selector, budget, expected] = spec.split(' ');
    const [ns, name] = where.split('/');
    const [key, value] = budget.split('=');
    const n = /^\d+$/.test(value) ? Number(value) : value;
    pdb(c, ns, name, labelsOf(selector), { [key]: n }, Number(expected), o);
  }
}

/** A HorizontalPodAutoscaler `'namespace/name'` of the Deployment of that name. */
function hpa(c, where, min, max, o = {}) {
  const [ns, name] = where.split('/');
  return c.add('horizontalpodautoscalers.autoscaling', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(c, 'HorizontalPodAutoscaler', name, {
      namespace: ns,
      created: o.created,
      labels: o.labels,
    }),
    spec: {
      maxReplicas: max,
      metrics: [
        {
          resource: {
            name: 'cpu',
            target: {
              averageUtilization: o.cpuTarget ?? 70,
              type: 'Utilization',
            },
          },
          type: 'Resource',
        },
      ],
      minReplicas: min,
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name,
      },
    },
    status: {
      conditions: [
        '2026-11-12T14:23:02Z AbleToScale True ReadyForNewScale recommended size matches current size',
        '2026-11-12T14:23:02Z ScalingActive True ValidMetricFound the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        '2026-11-19T22:41:10Z ScalingLimited False DesiredWithinRange the desired count is within the acceptable range',
      ].map(spec => {
        const [since, ...rest] = spec.split(' ');
        return condition(rest.join(' '), undefined, since);
      }),
      currentMetrics: [
        {
          resource: {
            current: {
              averageUtilization: o.current ?? 41,
              averageValue: o.currentValue ?? '205m',
            },
            name: 'cpu',
          },
          type: 'Resource',
        },
      ],
      currentReplicas: o.replicas ?? min,
      desiredReplicas: o.replicas ?? min,
      lastScaleTime: o.lastScaleTime ?? '2026-11-19T08:02:44Z',
    },
  });
}

// Control-plane objects ------------------------------------------------------------

function lease(c, name, o) {
  const spec = {};
  if (o.acquireTime) spec.acquireTime = o.acquireTime;
  if (o.holder !== undefined) spec.holderIdentity = o.holder;
  spec.leaseDurationSeconds = o.duration ?? 15;
  if (o.transitions !== undefined) spec.leaseTransitions = o.transitions;
  if (o.renewTime) spec.renewTime = o.renewTime;
  return c.add('leases.coordination.k8s.io', {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: meta(c, 'Lease', name, {
      namespace: o.namespace ?? 'kube-system',
      created: o.created,
      labels: o.labels,
      owner: o.owner,
    }),
    spec,
  });
}

function apiserverLease(c, nodeName, renewMs, micros) {
  const id = `apiserver-${hex(`${c.name}/${nodeName}/apiserver`, 26)}`;
  return lease(c, id, {
    labels: {
      'apiserver.kubernetes.io/identity': 'kube-apiserver',
      'kubernetes.io/hostname': nodeName,
    },
    holder: `${id}_${uid(`${c.name}/${nodeName}/apiserver-holder`)}`,
    duration: 3600,
    renewTime: microTime(renewMs, micros),
    created: '2026-11-03T07:13:02Z',
  });
}

function kubernetesEndpointSlice(c, addresses, port = 6443, o = {}) {
  return c.add('endpointslices.discovery.k8s.io', {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: addresses.map(a => ({
      addresses: [a.ip ?? a],
      conditions: { ready: a.ready ?? true },
    })),
    kind: 'EndpointSlice',
    metadata: meta(c, 'EndpointSlice', 'kubernetes', {
      namespace: 'default',
      created: o.created,
      generation: o.generation ?? 7,
      labels: { 'kubernetes.io/service-name': 'kubernetes' },
    }),
    ports: [{ name: 'https', port, protocol: 'TCP' }],
  });
}

function apiService(c, group, version, o = {}) {
  const name = `${version}.${group}`;
  const local = !o.service;
  return c.add('apiservices.apiregistration.k8s.io', {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: meta(c, 'APIService', name, {
      created: o.created,
      labels:
        o.labels ??
        (local && !o.builtin
          ? { 'kube-aggregator.kubernetes.io/automanaged': 'true' }
          : local
          ? { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' }
          : o.serviceLabels),
      annotations: o.annotations,
    }),
    spec: {
      group: group === '' ? undefined : group,
      groupPriorityMinimum: o.groupPriority ?? 1000,
      ...(o.service ? { insecureSkipTLSVerify: true, service: o.service } : {}),
      version,
      versionPriority: o.versionPriority ?? 15,
    },
    status: {
      conditions: [
        {
          lastTransitionTime: o.since ?? '2026-11-03T07:13:10Z',
          message:
            o.message ??
            (local
              ? 'Local APIServices are always available'
              : 'all checks passed'),
          reason: o.reason ?? (local ? 'Local' : 'Passed'),
          status: o.available === false ? 'False' : 'True',
          type: 'Available',
        },
      ],
    },
  });
}

const BUILTIN_APISERVICES = [
  ['', 'v1', 18000, 1],
  ['admissionregistration.k8s.io', 'v1', 16700, 15],
  ['apiextensions.k8s.io', 'v1', 16700, 15],
  ['apps', 'v1', 17800, 15],
  ['authentication.k8s.io', 'v1', 17700, 15],
  ['authorization.k8s.io', 'v1', 17600, 15],
  ['autoscaling', 'v1', 17500, 15],
  ['autoscaling', 'v2', 17500, 9],
  ['batch', 'v1', 17400, 15],
  ['certificates.k8s.io', 'v1', 17300, 15],
  ['coordination.k8s.io', 'v1', 16500, 15],
  ['discovery.k8s.io', 'v1', 16200, 15],
  ['networking.k8s.io', 'v1', 17200, 15],
  ['policy', 'v1', 17100, 15],
  ['rbac.authorization.k8s.io', 'v1', 17000, 15],
  ['storage.k8s.io', 'v1', 16800, 15],
];

function builtinApiServices(c) {
  for (const [
    group,
    version,
    groupPriority,
    versionPriority,
  ] of BUILTIN_APISERVICES) {
    const svc = apiService(c, group, version, {
      builtin: true,
      groupPriority,
      versionPriority,
    });
    if (group === '') svc.metadata.name = 'v1.';
    if (group === '') svc.metadata.uid = c.ref('APIService', undefined, 'v1.');
  }
}

// RBAC -----------------------------------------------------------------------------

const RBAC_DEFAULTS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
/** The options of the objects the API server bootstraps. */
const BOOTSTRAP = { labels: RBAC_DEFAULTS, annotations: AUTOUPDATE };

/** The aggregationRule of a ClusterRole that gathers those labelled aggregate-to-`to`. */
function aggregateTo(to) {
  const label = `rbac.authorization.k8s.io/aggregate-to-${to}`;
  return { clusterRoleSelectors: [{ matchLabels: { [label]: 'true' } }] };
}

function clusterRole(c, name, rules, o = {}) {
  const system =
    o.system ??
    (name.startsWith('system:') ||
      ['cluster-admin', 'admin', 'edit', 'view'].includes(name));
  return c.add('clusterroles.rbac.authorization.k8s.io', {
    ...(o.aggregationRule ? { aggregationRule: o.aggregationRule } : {}),
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(c, 'ClusterRole', name, {
      created: o.created,
      labels: o.labels ?? (system ? RBAC_DEFAULTS : undefined),
      annotations: o.annotations ?? (system ? AUTOUPDATE : undefined),
    }),
    rules: rules.map(rule),
  });
}

/**
 * ClusterRoles by name: their rules (specs of `rule`), or `[rules, options]`.
 */
function clusterRoles(c, table) {
  for (const [name, v] of Object.entries(table)) {
    const [rules, o] = Array.isArray(v[0]) ? v : [v];
    clusterRole(c, name, rules, o);
  }
}

function subject(s) {
  if (s.startsWith('sa:')) {
    const [ns, name] = s.slice(3).split('/');
    return { kind: 'ServiceAccount', name, namespace: ns };
  }
  if (s.startsWith('group:')) {
    return {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: s.slice(6),
    };
  }
  if (s.startsWith('user:')) {
    return {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'User',
      name: s.slice(5),
    };
  }
  throw new Error(`subject ${s}`);
}

function clusterRoleBinding(c, name, role, subjects, o = {}) {
  const system = o.system ?? name.startsWith('system:');
  return c.add('clusterrolebindings.rbac.authorization.k8s.io', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta(c, 'ClusterRoleBinding', name, {
      created: o.created,
      labels: o.labels ?? (system ? RBAC_DEFAULTS : undefined),
      annotations: o.annotations ?? (system ? AUTOUPDATE : undefined),
    }),
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role,
    },
    subjects: subjects.map(subject),
  });
}

/** A row of a table: a spec string, or `[spec, options]`. */
function specOf(row) {
  return typeof row === 'string' ? [row, undefined] : row;
}

/** ClusterRoleBindings, a row each: `'name role subject...'` or `[that, options]`. */
function clusterRoleBindings(c, rows) {
  for (const row of rows) {
    const [spec, o] = specOf(row);
    const [name, role, ...subjects] = spec.split(' ');
    clusterRoleBinding(c, name, role, subjects, o);
  }
}

/**
 * RoleBindings, a row each: `'namespace/name Kind/role subject...'` or
 * `[that, options]`.
 */
function roleBindings(c, rows) {
  for (const row of rows) {
    const [spec, o] = specOf(row);
    const [where, ref, ...subjects] = spec.split(' ');
    const [ns, name] = where.split('/');
    const [kind, roleName] = ref.split('/');
    roleBinding(c, ns, name, kind, roleName, subjects, o);
  }
}

function role(c, ns, name, rules, o = {}) {
  return c.add('roles.rbac.authorization.k8s.io', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta(c, 'Role', name, {
      namespace: ns,
      created: o.created,
      labels: o.labels,
      annotations: o.annotations,
    }),
    rules: rules.map(rule),
  });
}

function roleBinding(c, ns, name, roleKind, role, subjects, o = {}) {
  return c.add('rolebindings.rbac.authorization.k8s.io', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(c, 'RoleBinding', name, {
      namespace: ns,
      created: o.created,
      labels: o.labels,
      annotations: o.annotations,
    }),
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: roleKind,
      name: role,
    },
    subjects: subjects.map(subject),
  });
}

/** The default ClusterRoles and bindings every cluster has (a representative subset). */
function defaultRbac(c, o = {}) {
  clusterRoles(c, {
    'cluster-admin': ['* * *', 'urls * *'],
    admin: [
      [
        'core pods,pods/attach,pods/exec,pods/portforward,pods/proxy create,delete,deletecollection,patch,update',
        'core configmaps,endpoints,persistentvolumeclaims,replicationcontrollers,secrets,serviceaccounts,services create,delete,deletecollection,patch,update',
        'apps daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,statefulsets create,delete,deletecollection,patch,update',
        'rbac.authorization.k8s.io rolebindings,roles create,delete,deletecollection,get,list,patch,update,watch',
      ],
      {
        aggregationRule: aggregateTo('admin'),
      },
    ],
    edit: [
      [
        'core pods,pods/attach,pods/exec,pods/portforward,pods/proxy create,delete,deletecollection,patch,update',
        'core configmaps,endpoints,persistentvolumeclaims,secrets,services create,delete,deletecollection,patch,update',
        'apps daemonsets,deployments,deployments/scale,replicasets,statefulsets create,delete,deletecollection,patch,update',
        'autoscaling horizontalpodautoscalers create,delete,deletecollection,patch,update',
        'batch cronjobs,jobs create,delete,deletecollection,patch,update',
        'policy poddisruptionbudgets create,delete,deletecollection,patch,update',
      ],
      {
        aggregationRule: aggregateTo('edit'),
        labels: {
          ...RBAC_DEFAULTS,
          'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
        },
      },
    ],
    view: [
      [
        'core configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status get,list,watch',
        'core bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status get,list,watch',
        'core namespaces get,list,watch',
        'discovery.k8s.io endpointslices get,list,watch',
        'apps controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status get,list,watch',
        'autoscaling horizontalpodautoscalers,horizontalpodautoscalers/status get,list,watch',
        'batch cronjobs,cronjobs/status,jobs,jobs/status get,list,watch',
        'policy poddisruptionbudgets,poddisruptionbudgets/status get,list,watch',
        'networking.k8s.io ingresses,ingresses/status,networkpolicies get,list,watch',
      ],
      {
        aggregationRule: aggregateTo('view'),
        labels: {
          ...RBAC_DEFAULTS,
          'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        },
      },
    ],
    'system:basic-user': [
      'authorization.k8s.io selfsubjectaccessreviews,selfsubjectrulesreviews create',
      'authentication.k8s.io selfsubjectreviews create',
    ],
    'system:discovery': [
      'urls /api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/ get',
    ],
    'system:public-info-viewer': [
      'urls /healthz,/livez,/readyz,/version,/version/ get',
    ],
    'system:node-proxier': [
      'core endpoints,services list,watch',
      'core nodes get,list,watch',
      'core,events.k8s.io events create,patch,update',
      'discovery.k8s.io endpointslices list,watch',
    ],
    'system:coredns': [
      [
        'core endpoints,services,pods,namespaces list,watch',
        'discovery.k8s.io endpointslices list,watch',
      ],
      { system: false },
    ],
  });
  clusterRoleBindings(c, [
    'cluster-admin cluster-admin group:system:masters',
    'system:basic-user system:basic-user group:system:authenticated',
    'system:discovery system:discovery group:system:authenticated',
    'system:public-info-viewer system:public-info-viewer group:system:authenticated group:system:unauthenticated',
    ['system:coredns system:coredns sa:kube-system/coredns', { system: false }],
  ]);

  if (o.kubeProxy !== false) {
    clusterRoleBindings(c, [
      [
        'kubeadm:node-proxier system:node-proxier sa:kube-system/kube-proxy',
        { system: false },
      ],
    ]);
  }
}

/** The ClusterRoles, bindings and kube-public RoleBinding that kubeadm creates. */
function kubeadmRbac(c) {
  const token = 'group:system:bootstrappers:kubeadm:default-node-token';
  const csrs = 'system:certificates.k8s.io:certificatesigningrequests';
  clusterRoles(c, {
    'kubeadm:get-nodes': [['core nodes get'], { system: false }],
    'system:node-bootstrapper': [
      'certificates.k8s.io certificatesigningrequests create,get,list,watch',
    ],
    [`${csrs}:nodeclient`]: [
      'certificates.k8s.io certificatesigningrequests/nodeclient create',
    ],
    [`${csrs}:selfnodeclient`]: [
      'certificates.k8s.io certificatesigningrequests/selfnodeclient create',
    ],
  });
  clusterRoleBindings(c, [
    'kubeadm:cluster-admins cluster-admin group:kubeadm:cluster-admins',
    `kubeadm:get-nodes kubeadm:get-nodes ${token}`,
    `kubeadm:kubelet-bootstrap system:node-bootstrapper ${token}`,
    `kubeadm:node-autoapprove-bootstrap ${csrs}:nodeclient ${token}`,
    `kubeadm:node-autoapprove-certificate-rotation ${csrs}:selfnodeclient group:system:nodes`,
  ]);
  role(c, 'kube-public', 'kubeadm:bootstrap-signer-clusterinfo', [
    'core configmaps get cluster-info',
  ]);
  role(
    c,
    'kube-public',
    'system:controller:bootstrap-signer',
    [
      'core configmaps get,list,watch',
      'core configmaps update cluster-info',
      'core,events.k8s.io events create,patch,update',
    ],
    BOOTSTRAP,
  );
  roleBindings(c, [
    'kube-public/kubeadm:bootstrap-signer-clusterinfo Role/kubeadm:bootstrap-signer-clusterinfo user:system:anonymous',
    [
      'kube-public/system:controller:bootstrap-signer Role/system:controller:bootstrap-signer sa:kube-system/bootstrap-signer',
      BOOTSTRAP,
    ],
    [
      'kube-system/system::extension-apiserver-authentication-reader Role/extension-apiserver-authentication-reader user:system:kube-controller-manager user:system:kube-scheduler',
      BOOTSTRAP,
    ],
    [
      'kube-system/system::leader-locking-kube-controller-manager Role/system::leader-locking-kube-controller-manager user:system:kube-controller-manager sa:kube-system/kube-controller-manager',
      BOOTSTRAP,
    ],
    [
      'kube-system/system::leader-locking-kube-scheduler Role/system::leader-locking-kube-scheduler user:system:kube-scheduler sa:kube-system/kube-scheduler',
      BOOTSTRAP,
    ],
    `kube-system/kube-proxy Role/kube-proxy ${token}`,
    `kube-system/kubeadm:kubelet-config Role/kubeadm:kubelet-config group:system:nodes ${token}`,
    `kube-system/kubeadm:nodes-kubeadm-config Role/kubeadm:nodes-kubeadm-config group:system:nodes ${token}`,
  ]);
}

// Admission, certificates ----------------------------------------------------------

/**
 * An admission rule written `'operations groups versions resources scope'`, each a
 * comma list (`core` is the core group "").
 */
function admissionRule(spec) {
  const [operations, groups, versions, resources, scope] = spec
    .split(' ')
    .map(s => s.split(','));
  return {
    apiGroups: groups.map(g => (g === 'core' ? '' : g)),
    apiVersions: versions,
    operations,
    resources,
    scope: scope[0],
  };
}

/**
 * A webhook configuration; each webhook has a `name`, its `service`
 * ('namespace/name') and `path`, `failurePolicy`, `rules` (specs of `admissionRule`)
 * and optional selectors and `timeoutSeconds`.
 */
function webhookConfig(c, kind, name, webhooks, o = {}) {
  const key =
    kind === 'ValidatingWebhookConfiguration'
      ? 'validatingwebhookconfigurations.admissionregistration.k8s.io'
      : 'mutatingwebhookconfigurations.admissionregistration.k8s.io';
  return c.add(key, {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: meta(c, kind, name, {
      created: o.created,
      generation: 2,
      labels: o.labels,
      annotations: o.annotations,
    }),
    webhooks: webhooks.map(w => ({
      admissionReviewVersions: ['v1'],
      clientConfig: {
        caBundle: b64(fakePem('CERTIFICATE', `${c.name}/${name}/ca`, 4)),
        service: {
          name: w.service.split('/')[1],
          namespace: w.service.split('/')[0],
          path: w.path,
          port: 443,
        },
      },
      failurePolicy: w.failurePolicy,
      matchPolicy: 'Equivalent',
      name: w.name,
      namespaceSelector: w.namespaceSelector ?? {},
      objectSelector: w.objectSelector ?? {},
      ...(kind === 'MutatingWebhookConfiguration'
        ? { reinvocationPolicy: 'Never' }
        : {}),
      rules: w.rules.map(admissionRule),
      sideEffects: 'None',
      timeoutSeconds: w.timeoutSeconds ?? 10,
    })),
  });
}

/**
 * A CSR. `o.signer`, `o.username`, `o.groups`, `o.usages`, `o.expirationSeconds`,
 * `o.created`, `o.approved` (time, or undefined for pending), `o.reason`.
 */
function csr(c, name, o) {
  const cn = o.cn ?? o.username;
  const status = {};
  if (o.approved) {
    status.certificate = b64(
      fakePem('CERTIFICATE', `${c.name}/${name}/cert`, 8),
    );
    status.conditions = [
      {
        lastTransitionTime: o.approved,
        lastUpdateTime: o.approved,
        message:
          o.message ?? 'This CSR was approved by kubectl certificate approve.',
        reason: o.reason ?? 'KubectlApprove',
        status: 'True',
        type: 'Approved',
      },
    ];
  }
  return c.add('certificatesigningrequests.certificates.k8s.io', {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: meta(c, 'CertificateSigningRequest', name, {
      created: o.created,
      generateName: o.generateName,
    }),
    spec: {
      ...(o.expirationSeconds
        ? { expirationSeconds: o.expirationSeconds }
        : {}),
      groups: o.groups,
      request: b64(
        fakePem('CERTIFICATE REQUEST', `${c.name}/${name}/${cn}`, 7),
      ),
      signerName: o.signer,
      uid: uid(`${c.name}/requester/${o.username}`),
      usages: o.usages,
      username: o.username,
    },
    status,
  });
}

function configMap(c, ns, name, data, o = {}) {
  return c.add('configmaps', {
    apiVersion: 'v1',
    data,
    kind: 'ConfigMap',
    metadata: meta(c, 'ConfigMap', name, {
      namespace: ns,
      created: o.created,
      labels: o.labels,
      annotations: o.annotations,
    }),
  });
}

// ---------------------------------------------------------------------------------
// Output

function forbidden(key, user) {
  const [plural, ...groupParts] = key.split('.');
  const group = groupParts.join('.');
  const scope =
    key === 'leases.coordination.k8s.io'
      ? 'in the namespace "kube-system"'
      : key === 'endpointslices.discovery.k8s.io'
      ? 'in the namespace "default"'
      : 'at the cluster scope';
  return {
    error: {
      code: 403,
      reason: 'Forbidden',
      message: `${key} is forbidden: User "${user}" cannot list resource "${plural}" in API group "${group}" ${scope}`,
    },
  };
}

function sortKeysDeep(value) {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) {
      if (value[k] !== undefined) out[k] = sortKeysDeep(value[k]);
    }
    return out;
  }
  return value;
}

function byNamespaceAndName(a, b) {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * JSON as Prettier prints it (printWidth 80): objects one key a line, arrays of
 * primitives on one line when they fit, else one element a line.
 */
function format(value, indent = 0, column = 0, tail = 0) {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(v => v === null || typeof v !== 'object')) {
      const one = `[${value.map(v => JSON.stringify(v)).join(', ')}]`;
      if (column + one.length + tail <= 80) return one;
    }
    const pad = ' '.repeat(indent + 2);
    const body = value
      .map(
        (v, i) =>
          pad + format(v, indent + 2, indent + 2, i < value.length - 1 ? 1 : 0),
      )
      .join(',\n');
    return `[\n${body}\n${' '.repeat(indent)}]`;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter(k => value[k] !== undefined);
    if (keys.length === 0) return '{}';
    const pad = ' '.repeat(indent + 2);
    const body = keys
      .map((k, i) => {
        const key = `${JSON.stringify(k)}: `;
        return (
          pad +
          key +
          format(
            value[k],
            indent + 2,
            indent + 2 + key.length,
            i < keys.length - 1 ? 1 : 0,
          )
        );
      })
      .join(',\n');
    return `{\n${body}\n${' '.repeat(indent)}}`;
  }
  return JSON.stringify(value);
}

function checkNodeCount(c) {
  if (c.items.nodes.length !== c.row.nodes) {
    throw new Error(
      `${c.name}: ${c.items.nodes.length} nodes, not ${c.row.nodes}`,
    );
  }
}

/** A ClusterSnapshot of `c`, its header from the cluster's row of CLUSTERS. */
function snapshotDocument(c) {
  const h = c.row;
  checkNodeCount(c);
  const without = h.apiGroups
    .filter(g => g.startsWith('-'))
    .map(g => g.slice(1));
  const header = {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: COLLECTED_AT,
    cluster: {
      name: c.name,
      server: h.server,
      skipTLSVerify: h.skipTLSVerify,
      controlPlane: h.controlPlane,
    },
    serverVersion: serverVersion(...h.serverVersion),
    serverCertificate: {
      notAfter: h.cert[0],
      subject: h.cert[1] ?? 'CN=kube-apiserver',
      issuer: h.cert[2] ?? 'CN=kubernetes',
    },
    anonymousProbe: { status: h.anonymousStatus },
    apiGroupVersions: [
      ...API_GROUP_VERSIONS.filter(g => !without.includes(g)),
      ...h.apiGroups.filter(g => !g.startsWith('-')),
    ],
  };
  const resources = {};
  for (const key of KEYS) {
    if (h.denied && h.denied.includes(key)) {
      resources[key] = forbidden(key, h.user);
      continue;
    }
    resources[key] = {
      items: [...c.items[key]].sort(byNamespaceAndName).map(sortKeysDeep),
    };
  }
  return { ...header, resources };
}

// ---------------------------------------------------------------------------------
// Shared kube-system building blocks

const API_GROUP_VERSIONS = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'resource.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
];

function serverVersion(gitVersion, minor, buildDate) {
  return {
    major: '1',
    minor,
    emulationMajor: '1',
    emulationMinor: minor.replace('+', ''),
    minCompatibilityMajor: '1',
    minCompatibilityMinor: String(Number(minor.replace('+', '')) - 1),
    gitVersion,
    gitCommit: hex(`commit:${gitVersion}`, 40),
    gitTreeState: 'clean',
    buildDate,
    goVersion: 'go1.25.3',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

const CLUSTER_CRITICAL = 'system-cluster-critical';
const NODE_CRITICAL = 'system-node-critical';
const CP_TOLERATIONS = [
  { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
];

function kubeProxy(c, nodes, o = {}) {
  daemonSet(c, 'kube-proxy', {
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-proxy' },
    nodes,
    hostNetwork: true,
    serviceAccount: 'kube-proxy',
    priorityClassName: NODE_CRITICAL,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    created: o.created,
    podCreated: o.podCreated,
    numberReady: o.numberReady,
    podOptions: o.podOptions,
    containers: [
      {
        name: 'kube-proxy',
        image: o.image ?? `registry.k8s.io/kube-proxy:${c.version}`,
        command: [
          '/usr/local/bin/kube-proxy',
          '--config=/var/lib/kube-proxy/config.conf',
          '--hostname-override=$(NODE_NAME)',
        ],
        env: [
          {
            name: 'NODE_NAME',
            valueFrom: {
              fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' },
            },
          },
        ],
        requests: o.requests,
        securityContext: { privileged: true },
      },
    ],
  });
}

function coreDns(c, nodes, o = {}) {
  const replicas = o.replicas ?? nodes.length;
  deployment(c, 'coredns', {
    namespace: 'kube-system',
    replicas,
    readyReplicas: o.readyReplicas,
    nodes,
    labels: { 'k8s-app': 'kube-dns', ...(o.labels ?? {}) },
    podLabels: { 'k8s-app': 'kube-dns', ...(o.podLabels ?? {}) },
    serviceAccount: 'coredns',
    priorityClassName: CLUSTER_CRITICAL,
    created: o.created,
    rolled: o.rolled,
    tolerations: [
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
    ],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            podAffinityTerm: {
              labelSelector: {
                matchExpressions: [matchExpression('k8s-app In kube-dns')],
              },
              topologyKey: 'kubernetes.io/hostname',
            },
            weight: 100,
          },
        ],
      },
    },
    containers: [
      {
        name: 'coredns',
        image: o.image ?? 'registry.k8s.io/coredns/coredns:v1.12.4',
        args: ['-conf', '/etc/coredns/Corefile'],
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
          { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
        ],
        livenessProbe: {
          failureThreshold: 5,
          httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 60,
          periodSeconds: 10,
          successThreshold: 1,
          timeoutSeconds: 5,
        },
        readinessProbe: {
          failureThreshold: 3,
          httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
          periodSeconds: 10,
          successThreshold: 1,
          timeoutSeconds: 1,
        },
        requests: { cpu: '100m', memory: '70Mi' },
        limits: { memory: '170Mi' },
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
          readOnlyRootFilesystem: true,
        },
        volumeMounts: [
          { mountPath: '/etc/coredns', name: 'config-volume', readOnly: true },
        ],
      },
    ],
    podOptions: () => ({
      volumes: [
        {
          configMap: {
            defaultMode: 420,
            items: [{ key: 'Corefile', path: 'Corefile' }],
            name: 'coredns',
          },
          name: 'config-volume',
        },
      ],
    }),
  });
}

/** metrics-server: its Deployment, RBAC and APIService. */
function metricsServer(c, nodes, o = {}) {
  deployment(c, 'metrics-server', {
    namespace: 'kube-system',
    replicas: nodes.length,
    readyReplicas: o.readyReplicas,
    nodes,
    labels: { 'k8s-app': 'metrics-server' },
    serviceAccount: 'metrics-server',
    priorityClassName: CLUSTER_CRITICAL,
    created: o.created,
    tolerations: o.tolerations,
    podOptions: o.podOptions,
    containers: [
      {
        name: 'metrics-server',
        image: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0',
        args: [
          '--cert-dir=/tmp',
          '--secure-port=10250',
          '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
          '--kubelet-use-node-status-port',
          '--metric-resolution=15s',
        ],
        ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
        requests: { cpu: '100m', memory: '200Mi' },
        ...(o.limits === false ? {} : { limits: { memory: '400Mi' } }),
        securityContext: { ...RESTRICTED_CONTAINER, runAsUser: 1000 },
      },
    ],
  });
  const rbac = {
    labels: { 'k8s-app': 'metrics-server' },
    annotations: {},
    created: o.created,
  };
  clusterRoles(c, {
    'system:metrics-server': [
      ['core nodes/metrics get', 'core pods,nodes get,list,watch'],
      rbac,
    ],
  });
  clusterRoleBindings(c, [
    [
      'system:metrics-server system:metrics-server sa:kube-system/metrics-server',
      rbac,
    ],
  ]);
  apiService(c, 'metrics.k8s.io', 'v1beta1', {
    service: { name: 'metrics-server', namespace: 'kube-system', port: 443 },
    groupPriority: 100,
    versionPriority: 100,
    serviceLabels: { 'k8s-app': 'metrics-server' },
    available: o.available,
    reason: o.reason,
    message: o.message,
    since: o.since,
  });
}

/** The flannel DaemonSet (in `o.namespace`, default kube-system) and its RBAC. */
function flannel(c, nodes, o) {
  const ns = o.namespace ?? 'kube-system';
  daemonSet(c, 'kube-flannel-ds', {
    namespace: ns,
    labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
    podLabels: { app: 'flannel', 'k8s-app': 'flannel' },
    extraPodLabels: { tier: 'node' },
    nodes,
    numberReady: o.numberReady,
    hostNetwork: true,
    serviceAccount: 'flannel',
    priorityClassName: NODE_CRITICAL,
    created: o.created,
    podCreated: o.podCreated,
    podOptions: o.podOptions,
    containers: [
      {
        name: 'kube-flannel',
        image: o.image,
        command: ['/opt/bin/flanneld', '--ip-masq', '--kube-subnet-mgr'],
        requests: { cpu: '100m', memory: '50Mi' },
        securityContext: {
          capabilities: { add: ['NET_ADMIN', 'NET_RAW'] },
          privileged: false,
        },
      },
    ],
  });
  const rbac = { created: o.created };
  clusterRoles(c, {
    flannel: [
      ['core pods get', 'core nodes get,list,watch', 'core nodes/status patch'],
      rbac,
    ],
  });
  clusterRoleBindings(c, [[`flannel flannel sa:${ns}/flannel`, rbac]]);
}

const ETCDCTL =
  'etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key';

/**
 * A CronJob that runs `o.script` on a control-plane node: `o.backup` the volume it
 * writes to (mounted at `o.mountPath`, default /backup), `o.last` its last schedule
 * time and the start of the one finished Job `o.job` ({ phase, node, finished }).
 */
function etcdBackup(c, name, o) {
  const backup = o.backup ? [{ ...o.backup, name: 'backup' }] : [];
  const certs = o.backup
    ? [
        {
          hostPath: { path: '/etc/kubernetes/pki/etcd', type: 'Directory' },
          name: 'etcd-certs',
        },
      ]
    : [];
  cronJob(c, name, {
    namespace: 'kube-system',
    labels: o.labels ?? { app: name },
    podLabels: o.podLabels,
    schedule: o.schedule,
    created: o.created,
    hostNetwork: true,
    nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
    tolerations:
      o.tolerations === false
        ? undefined
        : [
            {
              effect: 'NoSchedule',
              key: 'node-role.kubernetes.io/control-plane',
              operator: 'Exists',
            },
          ],
    volumes: o.backup ? [...certs, ...backup] : undefined,
    containers: [
      {
        name: o.container ?? 'etcdctl',
        image: `registry.k8s.io/etcd:${o.etcdVersion ?? '3.6.5-0'}`,
        command: ['/bin/sh', '-c'],
        args: [o.script],
        requests: o.requests,
        limits: o.limits,
        volumeMounts: o.backup
          ? [
              {
                mountPath: '/etc/kubernetes/pki/etcd',
                name: 'etcd-certs',
                readOnly: true,
              },
              { mountPath: o.mountPath ?? '/backup', name: 'backup' },
            ]
          : undefined,
      },
    ],
    lastScheduleTime: o.last,
    lastSuccessfulTime: o.lastSuccessfulTime,
    jobs: [{ at: o.last, ...o.job }],
  });
}

const CONTROLLER_SERVICE_ACCOUNTS = [
  'attachdetach-controller',
  'bootstrap-signer',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'default',
  'deployment-controller',
  'disruption-controller',
  'endpointslice-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'namespace-controller',
  'node-controller',
  'replicaset-controller',
  'resourcequota-controller',
  'statefulset-controller',
  'token-cleaner',
];

/**
 * The `default` ServiceAccount of every namespace so far, and in kube-system those of
 * the controllers and `names` (space-separated).
 */
function serviceAccounts(c, names) {
  for (const ns of c.items.namespaces.map(n => n.metadata.name)) {
    if (ns !== 'kube-system') serviceAccount(c, ns, 'default');
  }
  for (const name of [...CONTROLLER_SERVICE_ACCOUNTS, ...names.split(' ')]) {
    serviceAccount(c, 'kube-system', name);
  }
}

// ---------------------------------------------------------------------------------
// prod-eu-1: kubeadm HA, healthy

function prodEu1() {
  const c = new Cluster('prod-eu-1');
  const zones = ['eu-1a', 'eu-1b', 'eu-1c'];
  const cps = ['a', 'b', 'c'].map((z, i) => ({
    name: `prod-eu-1-cp-${z}`,
    ip: `10.20.0.${11 + i}`,
    zone: zones[i],
  }));
  const workers = [];
  ['a', 'b', 'c'].forEach((z, i) => {
    for (const n of [1, 2]) {
      workers.push({
        name: `prod-eu-1-worker-${z}${n}`,
        ip: `10.20.${i + 1}.${10 + n}`,
        zone: zones[i],
      });
    }
  });
  cps.forEach((n, i) =>
    node(c, n.name, {
      role: 'control-plane',
      ip: n.ip,
      zone: n.zone,
      region: 'eu-1',
      cpu: '4',
      memory: '16393216Ki',
      podCIDR: `10.244.${i}.0/24`,
      cni: 'calico',
      npd: true,
      instanceType: 'c3.large',
      created: '2025-12-18T09:12:31Z',
      annotations: { 'projectcalico.org/IPv4Address': `${n.ip}/24` },
    }),
  );
  workers.forEach((n, i) =>
    node(c, n.name, {
      role: 'worker',
      ip: n.ip,
      zone: n.zone,
      region: 'eu-1',
      cpu: '16',
      memory: '65842288Ki',
      reservedCpu: 100,
      reservedMemKi: 1150976,
      podCIDR: `10.244.${i + 3}.0/24`,
      cni: 'calico',
      npd: true,
      instanceType: 'm3.xlarge',
      labels: { 'node.kubernetes.io/pool': 'general' },
      created: `2026-0${4 + (i % 3)}-1${i}T1${i}:2${i}:0${i}Z`,
      annotations: { 'projectcalico.org/IPv4Address': `${n.ip}/24` },
    }),
  );
  const cpNames = cps.map(n => n.name);
  const workerNames = workers.map(n => n.name);
  const all = [...cpNames, ...workerNames];
  const [a1, a2, b1, b2, c1, c2] = workerNames;

  // Namespaces and service accounts.
  const restricted = [
    'pod-security.kubernetes.io/enforce=restricted',
    'pod-security.kubernetes.io/enforce-version=latest',
    'pod-security.kubernetes.io/warn=restricted',
  ].join(',');
  namespaces(c, [
    'default',
    'kube-node-lease',
    'kube-public',
    'kube-system',
    [
      `checkout ${restricted},team=payments`,
      { created: '2026-01-08T10:02:11Z' },
    ],
    [`ledger ${restricted},team=payments`, { created: '2026-01-08T10:02:12Z' }],
    [
      `observability ${restricted},team=platform`,
      { created: '2025-12-18T11:40:02Z' },
    ],
  ]);
  serviceAccounts(
    c,
    'calico-kube-controllers calico-node cluster-autoscaler cluster-readiness coredns dns-autoscaler kube-proxy metrics-server node-problem-detector',
  );

  // Control plane.
  const etcdPeers = cps.map(n => ({ name: n.name, ip: n.ip }));
  for (const n of cps) {
    kubeadmControlPlane(c, n.name, {
      etcdPeers,
      common: {
        created: '2026-11-03T07:12:41Z',
        started: '2026-11-03T07:12:42Z',
      },
      apiserverFlags: ip => apiserverFlags(ip, c.row.apiserver),
      apiserverMounts: [
        { name: 'audit-log', hostPath: '/var/log/kubernetes/audit' },
        {
          name: 'audit-policy',
          hostPath: '/etc/kubernetes/audit-policy.yaml',
          type: 'File',
          readOnly: true,
        },
        {
          name: 'encryption-config',
          hostPath: '/etc/kubernetes/encryption-config.yaml',
          type: 'File',
          readOnly: true,
        },
      ],
    });
  }
  lease(c, 'kube-controller-manager', {
    holder: `prod-eu-1-cp-a_${uid('eu1-kcm-holder')}`,
    acquireTime: '2026-11-03T07:14:02.114407Z',
    renewTime: microTime(REF - 1 * SEC, 207911),
    transitions: 9,
    created: '2025-12-18T09:12:52Z',
  });
  lease(c, 'kube-scheduler', {
    holder: `prod-eu-1-cp-b_${uid('eu1-sched-holder')}`,
    acquireTime: '2026-11-03T07:15:40.902315Z',
    renewTime: microTime(REF - 2 * SEC, 611804),
    transitions: 8,
    created: '2025-12-18T09:12:53Z',
  });
  cps.forEach((n, i) =>
    apiserverLease(c, n.name, REF - (3 + 2 * i) * SEC, 120334 + i * 7),
  );
  lease(c, 'cluster-autoscaler', {
    holder: `cluster-autoscaler-${podTemplateHash(
      c,
      'kube-system',
      'cluster-autoscaler',
    )}-${suffix('eu1-ca-holder', 5)}`,
    acquireTime: '2026-11-12T14:22:09.551092Z',
    renewTime: microTime(REF - 2 * SEC, 904113),
    transitions: 14,
    created: '2026-01-09T13:05:44Z',
  });
  kubernetesEndpointSlice(
    c,
    cps.map(n => n.ip),
  );
  etcdBackup(c, 'etcd-backup', {
    labels: {
      'app.kubernetes.io/name': 'etcd-backup',
      'app.kubernetes.io/part-of': 'platform-backup',
    },
    podLabels: { 'app.kubernetes.io/name': 'etcd-backup' },
    schedule: '0 */6 * * *',
    created: '2025-12-18T12:31:09Z',
    backup: {
      hostPath: { path: '/var/backups/etcd', type: 'DirectoryOrCreate' },
    },
    mountPath: '/var/backups/etcd',
    script: `${ETCDCTL} snapshot save /var/backups/etcd/snapshot-$(date -u +%Y%m%dT%H%M%SZ).db && find /var/backups/etcd -name "snapshot-*.db" -mtime +7 -delete`,
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { memory: '512Mi' },
    last: '2026-11-20T06:00:00Z',
    job: {
      phase: 'Succeeded',
      node: cps[0].name,
      finished: '2026-11-20T06:00:46Z',
    },
    lastSuccessfulTime: '2026-11-20T06:00:47Z',
  });

  // Node agents.
  kubeProxy(c, all, { podCreated: '2026-11-03T07:31:12Z' });
  daemonSet(c, 'calico-node', {
    namespace: 'kube-system',
    labels: { 'k8s-app': 'calico-node' },
    nodes: all,
    hostNetwork: true,
    serviceAccount: 'calico-node',
    priorityClassName: NODE_CRITICAL,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    podCreated: '2026-10-02T12:10:31Z',
    containers: [
      {
        name: 'calico-node',
        image: 'quay.io/calico/node:v3.30.3',
        env: [
          { name: 'DATASTORE_TYPE', value: 'kubernetes' },
          { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
          { name: 'CALICO_IPV4POOL_CIDR', value: '10.244.0.0/16' },
        ],
        requests: { cpu: '250m', memory: '256Mi' },
        securityContext: { privileged: true },
      },
    ],
  });
  daemonSet(c, 'node-problem-detector', {
    namespace: 'kube-system',
    labels: instanceLabels('node-problem-detector'),
    nodes: all,
    serviceAccount: 'node-problem-detector',
    priorityClassName: NODE_CRITICAL,
    podCreated: '2026-09-14T08:44:19Z',
    containers: [
      {
        name: 'node-problem-detector',
        image:
          'registry.k8s.io/node-problem-detector/node-problem-detector:v0.8.21',
        command: [
          '/node-problem-detector',
          '--logtostderr',
          '--config.system-log-monitor=/config/kernel-monitor.json,/config/readonly-monitor.json',
          '--config.custom-plugin-monitor=/config/health-checker-kubelet.json,/config/health-checker-containerd.json',
        ],
        requests: { cpu: '10m', memory: '80Mi' },
        limits: { memory: '160Mi' },
        securityContext: { privileged: true },
      },
    ],
  });

  // Cluster add-ons.
  coreDns(c, [a1, b1, c1], { rolled: '2026-11-03T07:33:50Z' });
  // The cluster's PodDisruptionBudgets.
  pdbs(c, [
    'kube-system/coredns k8s-app=kube-dns maxUnavailable=1 3',
    'kube-system/metrics-server k8s-app=metrics-server minAvailable=1 2',
    'checkout/checkout-api app.kubernetes.io/name=checkout-api minAvailable=2 3',
    'checkout/checkout-worker app.kubernetes.io/name=checkout-worker maxUnavailable=1 2',
    'ledger/ledger-api app.kubernetes.io/name=ledger-api maxUnavailable=1 3',
    'ledger/ledger-db app.kubernetes.io/name=ledger-db maxUnavailable=1 3',
    'observability/prometheus-k8s app.kubernetes.io/name=prometheus maxUnavailable=1 2',
  ]);
  deployment(c, 'dns-autoscaler', {
    namespace: 'kube-system',
    nodes: [a2],
    labels: { 'k8s-app': 'dns-autoscaler' },
    serviceAccount: 'dns-autoscaler',
    priorityClassName: CLUSTER_CRITICAL,
    containers: [
      {
        name: 'autoscaler',
        image: 'registry.k8s.io/cpa/cluster-proportional-autoscaler:v1.10.2',
        command: [
          '/cluster-proportional-autoscaler',
          '--namespace=kube-system',
          '--configmap=dns-autoscaler',
          '--target=deployment/coredns',
          '--default-params={"linear":{"coresPerReplica":256,"nodesPerReplica":16,"min":3,"preventSinglePointFailure":true}}',
          '--logtostderr=true',
          '--v=2',
        ],
        requests: { cpu: '20m', memory: '10Mi' },
        limits: { memory: '64Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });
  deployment(c, 'cluster-autoscaler', {
    namespace: 'kube-system',
    nodes: [b2],
    labels: { 'app.kubernetes.io/name': 'cluster-autoscaler' },
    serviceAccount: 'cluster-autoscaler',
    priorityClassName: CLUSTER_CRITICAL,
    created: '2026-01-09T13:05:31Z',
    containers: [
      {
        name: 'cluster-autoscaler',
        image: 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.0',
        command: [
          './cluster-autoscaler',
          '--cloud-provider=clusterapi',
          '--namespace=kube-system',
          '--node-group-auto-discovery=clusterapi:namespace=capi-prod-eu-1',
          '--balance-similar-node-groups=true',
          '--scale-down-utilization-threshold=0.6',
          '--skip-nodes-with-local-storage=false',
          '--v=2',
        ],
        requests: { cpu: '100m', memory: '300Mi' },
        limits: { memory: '600Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });
  configMap(
    c,
    'kube-system',
    'cluster-autoscaler-status',
    {
      status: [
        'time: 2026-11-20 09:59:52.181127462 +0000 UTC',
        'autoscalerStatus: Running',
        'clusterWide:',
        '  health:',
        '    status: Healthy',
        '    nodeCounts:',
        '      registered:',
        '        total: 9',
        '        ready: 9',
        '        notStarted: 0',
        '      longUnregistered: 0',
        '      unregistered: 0',
        '    lastProbeTime: "2026-11-20T09:59:52.181127462Z"',
        '    lastTransitionTime: "2026-11-12T14:22:19.402281336Z"',
        '  scaleUp:',
        '    status: NoActivity',
        '    lastProbeTime: "2026-11-20T09:59:52.181127462Z"',
        '    lastTransitionTime: "2026-11-18T03:41:07.118204449Z"',
        '  scaleDown:',
        '    status: NoCandidates',
        '    lastProbeTime: "2026-11-20T09:59:52.181127462Z"',
        '    lastTransitionTime: "2026-11-18T04:02:55.907114020Z"',
        '',
      ].join('\n'),
    },
    {
      created: '2026-01-09T13:05:48Z',
      annotations: {
        'cluster-autoscaler.kubernetes.io/last-updated':
          '2026-11-20 09:59:52.181127462 +0000 UTC',
      },
    },
  );
  metricsServer(c, [a2, c2]);

  deployment(c, 'calico-kube-controllers', {
    namespace: 'kube-system',
    nodes: [b1],
    labels: { 'k8s-app': 'calico-kube-controllers' },
    serviceAccount: 'calico-kube-controllers',
    priorityClassName: CLUSTER_CRITICAL,
    containers: [
      {
        name: 'calico-kube-controllers',
        image: 'quay.io/calico/kube-controllers:v3.30.3',
        env: [{ name: 'ENABLED_CONTROLLERS', value: 'node,loadbalancer' }],
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { memory: '256Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });

  // checkout
  serviceAccount(c, 'checkout', 'checkout-api', { automount: false });
  serviceAccount(c, 'checkout', 'checkout-worker', { automount: false });
  deployment(c, 'checkout-api', {
    namespace: 'checkout',
    nodes: [a1, b1, c1],
    labels: appLabels('checkout-api', 'checkout', '2.14.3'),
    podLabels: instanceLabels('checkout-api'),
    extraPodLabels: appLabels('checkout-api', 'checkout', '2.14.3'),
    serviceAccount: 'checkout-api',
    securityContext: RESTRICTED_POD,
    topologySpread: [
      {
        labelSelector: {
          matchLabels: { 'app.kubernetes.io/name': 'checkout-api' },
        },
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
      },
    ],
    containers: [
      {
        name: 'api',
        image: 'registry.example.com/payments/checkout-api:2.14.3',
        ports: [
          { containerPort: 8080, name: 'http', protocol: 'TCP' },
          { containerPort: 9090, name: 'metrics', protocol: 'TCP' },
        ],
        readinessProbe: {
          failureThreshold: 3,
          httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' },
          periodSeconds: 5,
          successThreshold: 1,
          timeoutSeconds: 2,
        },
        requests: { cpu: '500m', memory: '768Mi' },
        limits: { cpu: '2', memory: '1Gi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
    automount: false,
  });
  deployment(c, 'checkout-worker', {
    namespace: 'checkout',
    nodes: [a2, b2],
    labels: appLabels('checkout-worker', 'checkout', '2.14.3'),
    podLabels: instanceLabels('checkout-worker'),
    extraPodLabels: appLabels('checkout-worker', 'checkout', '2.14.3'),
    serviceAccount: 'checkout-worker',
    securityContext: RESTRICTED_POD,
    containers: [
      {
        name: 'worker',
        image: 'registry.example.com/payments/checkout-worker:2.14.3',
        requests: { cpu: '250m', memory: '512Mi' },
        limits: { cpu: '1', memory: '768Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
    automount: false,
  });
  hpa(c, 'checkout/checkout-api', 3, 12);

  limitRange(c, 'checkout');
  standardNetworkPolicies(c, 'checkout', ['observability']);
  roleBindings(c, [
    'checkout/payments-team-edit ClusterRole/edit group:oidc:payments-team',
    'ledger/payments-team-edit ClusterRole/edit group:oidc:payments-team',
    'observability/platform-sre-edit ClusterRole/edit group:oidc:platform-sre',
    'observability/prometheus-operator-secrets Role/prometheus-operator-secrets sa:observability/prometheus-operator',
    'kube-system/metrics-server-auth-reader Role/extension-apiserver-authentication-reader sa:kube-system/metrics-server',
    'kube-system/cluster-autoscaler Role/cluster-autoscaler sa:kube-system/cluster-autoscaler',
  ]);

  // ledger
  serviceAccount(c, 'ledger', 'ledger-api', { automount: false });
  serviceAccount(c, 'ledger', 'ledger-db', { automount: false });
  deployment(c, 'ledger-api', {
    namespace: 'ledger',
    nodes: [a2, b2, c2],
    labels: appLabels('ledger-api', 'ledger', '5.2.0'),
    podLabels: instanceLabels('ledger-api'),
    extraPodLabels: appLabels('ledger-api', 'ledger', '5.2.0'),
    serviceAccount: 'ledger-api',
    securityContext: RESTRICTED_POD,
    containers: [
      {
        name: 'api',
        image: 'registry.example.com/payments/ledger-api:5.2.0',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { cpu: '2', memory: '1536Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
    automount: false,
  });
  statefulSet(c, 'ledger-db', {
    namespace: 'ledger',
    nodes: [a1, b1, c1],
    labels: appLabels('ledger-db', 'ledger', '17.6'),
    podLabels: instanceLabels('ledger-db'),
    extraPodLabels: appLabels('ledger-db', 'ledger', '17.6'),
    serviceAccount: 'ledger-db',
    securityContext: { ...RESTRICTED_POD, fsGroup: 999, runAsUser: 999 },
    storage: '200Gi',
    created: '2026-01-08T10:11:40Z',
    podCreated: '2026-10-21T02:14:55Z',
    containers: [
      {
        name: 'postgres',
        image: 'registry.example.com/payments/postgres:17.6',
        ports: [{ containerPort: 5432, name: 'postgres', protocol: 'TCP' }],
        requests: { cpu: '2', memory: '8Gi' },
        limits: { cpu: '4', memory: '8Gi' },
        securityContext: {
          ...RESTRICTED_CONTAINER,
          readOnlyRootFilesystem: false,
        },
        volumeMounts: [{ mountPath: '/var/lib/postgresql/data', name: 'data' }],
      },
      {
        name: 'metrics',
        image: 'quay.io/prometheuscommunity/postgres-exporter:v0.18.1',
        ports: [{ containerPort: 9187, name: 'metrics', protocol: 'TCP' }],
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '200m', memory: '128Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });

  limitRange(c, 'ledger');
  standardNetworkPolicies(c, 'ledger', ['checkout', 'observability']);

  // observability
  const obsSa = [
    'grafana',
    'kube-state-metrics',
    'prometheus-k8s',
    'prometheus-operator',
  ];
  for (const sa of obsSa) serviceAccount(c, 'observability', sa);
  const obs = (name, replicas, nodes, container, o = {}) =>
    deployment(c, name, {
      namespace: 'observability',
      replicas,
      nodes,
      labels: {
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/part-of': 'observability',
      },
      podLabels: { 'app.kubernetes.io/name': name },
      serviceAccount: name,
      securityContext: RESTRICTED_POD,
      containers: [{ securityContext: RESTRICTED_CONTAINER, ...container }],
      ...o,
    });
  obs('prometheus-operator', 1, [c2], {
    name: 'prometheus-operator',
    image: 'quay.io/prometheus-operator/prometheus-operator:v0.86.0',
    args: [
      '--kubelet-service=kube-system/kubelet',
      '--prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.86.0',
    ],
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { memory: '256Mi' },
  });
  obs('kube-state-metrics', 1, [a1], {
    name: 'kube-state-metrics',
    image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.17.0',
    args: [
      '--port=8080',
      '--resources=certificatesigningrequests,configmaps,cronjobs,daemonsets,deployments,horizontalpodautoscalers,jobs,leases,limitranges,namespaces,networkpolicies,nodes,persistentvolumeclaims,persistentvolumes,poddisruptionbudgets,pods,replicasets,resourcequotas,services,statefulsets,storageclasses',
    ],
    requests: { cpu: '50m', memory: '128Mi' },
    limits: { memory: '256Mi' },
  });
  obs('grafana', 1, [b1], {
    name: 'grafana',
    image: 'docker.io/grafana/grafana:12.2.1',
    ports: [{ containerPort: 3000, name: 'http', protocol: 'TCP' }],
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { memory: '512Mi' },
  });
  statefulSet(c, 'prometheus-k8s', {
    namespace: 'observability',
    nodes: [b2, c1],
    labels: {
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': 'k8s',
    },
    podLabels: {
      'app.kubernetes.io/instance': 'k8s',
      'app.kubernetes.io/name': 'prometheus',
    },
    serviceAccount: 'prometheus-k8s',
    serviceName: 'prometheus-operated',
    securityContext: { ...RESTRICTED_POD, fsGroup: 2000, runAsUser: 1000 },
    storage: '100Gi',
    created: '2025-12-18T11:42:10Z',
    podCreated: '2026-11-12T15:01:22Z',
    containers: [
      {
        name: 'prometheus',
        image: 'quay.io/prometheus/prometheus:v3.7.3',
        args: [
          '--config.file=/etc/prometheus/config_out/prometheus.env.yaml',
          '--storage.tsdb.retention.time=15d',
          '--web.enable-lifecycle',
        ],
        ports: [{ containerPort: 9090, name: 'web', protocol: 'TCP' }],
        requests: { cpu: '500m', memory: '4Gi' },
        limits: { memory: '6Gi' },
        securityContext: RESTRICTED_CONTAINER,
        volumeMounts: [{ mountPath: '/prometheus', name: 'data' }],
      },
      {
        name: 'config-reloader',
        image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.86.0',
        requests: { cpu: '10m', memory: '25Mi' },
        limits: { memory: '50Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });

  limitRange(c, 'observability');
  standardNetworkPolicies(c, 'observability');

  // The operator writes the generated Prometheus configuration into Secrets.
  role(c, 'observability', 'prometheus-operator-secrets', [
    'core secrets create,update,delete',
  ]);

  const promWebhook = {
    service: 'observability/prometheus-operator',
    failurePolicy: 'Ignore',
    rules: ['CREATE,UPDATE monitoring.coreos.com * prometheusrules Namespaced'],
  };
  webhookConfig(
    c,
    'ValidatingWebhookConfiguration',
    'prometheus-operator-admission',
    [
      {
        ...promWebhook,
        name: 'prometheusrulevalidate.monitoring.coreos.com',
        path: '/admission-prometheusrules/validate',
      },
    ],
    { labels: { 'app.kubernetes.io/name': 'prometheus-operator' } },
  );
  webhookConfig(
    c,
    'MutatingWebhookConfiguration',
    'prometheus-operator-admission',
    [
      {
        ...promWebhook,
        name: 'prometheusrulemutate.monitoring.coreos.com',
        path: '/admission-prometheusrules/mutate',
      },
    ],
    { labels: { 'app.kubernetes.io/name': 'prometheus-operator' } },
  );

  // RBAC
  defaultRbac(c);
  kubeadmRbac(c);
  clusterRoles(c, {
    'system:auth-delegator': [
      'authentication.k8s.io tokenreviews create',
      'authorization.k8s.io subjectaccessreviews create',
    ],
    'system:aggregated-metrics-reader': [
      ['metrics.k8s.io pods,nodes get,list,watch'],
      {
        labels: {
          'k8s-app': 'metrics-server',
          'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
          'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
          'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        },
        annotations: {},
      },
    ],
    'cluster-autoscaler': [
      'core events,endpoints create,patch',
      'core pods/eviction create',
      'core pods/status update',
      'core nodes watch,list,get,update',
      'core namespaces,pods,services,replicationcontrollers,persistentvolumeclaims,persistentvolumes watch,list,get',
      'batch jobs,cronjobs watch,list,get',
      'apps statefulsets,replicasets,daemonsets watch,list,get',
      'policy poddisruptionbudgets watch,list',
      'storage.k8s.io storageclasses,csinodes,csidrivers,csistoragecapacities watch,list,get',
      'coordination.k8s.io leases create',
      'coordination.k8s.io leases get,update cluster-autoscaler',
      'cluster.x-k8s.io machinedeployments,machinedeployments/scale,machines,machinesets,machinepools get,list,update,watch',
    ],
    'node-problem-detector': [
      'core nodes get',
      'core nodes/status patch',
      'core,events.k8s.io events create,patch,update',
    ],
    'calico-node': [
      'core pods,nodes,namespaces get',
      'discovery.k8s.io endpointslices watch,list',
      'core endpoints,services watch,list,get',
      'core nodes/status patch,update',
      'networking.k8s.io networkpolicies watch,list',
      'crd.projectcalico.org globalfelixconfigs,felixconfigurations,bgppeers,globalbgpconfigs,bgpconfigurations,ippools,ipamblocks,globalnetworkpolicies,globalnetworksets,networkpolicies,networksets,clusterinformations,hostendpoints,blockaffinities get,list,watch',
      'crd.projectcalico.org ipamblocks,ipamhandles,blockaffinities get,list,create,update,delete',
      'core serviceaccounts/token create calico-node',
    ],
    'calico-kube-controllers': [
      'core nodes watch,list,get',
      'core pods get,list,watch',
      'crd.projectcalico.org ipreservations,ippools,blockaffinities,ipamblocks,ipamhandles,ipamconfigs,clusterinformations,hostendpoints,kubecontrollersconfigurations get,list,create,update,delete,watch',
    ],
    'system:dns-autoscaler': [
      [
        'core nodes list,watch',
        'core replicationcontrollers/scale get,update',
        'apps deployments/scale,replicasets/scale get,update',
        'core configmaps get,create',
      ],
      { labels: {}, annotations: {} },
    ],
    'prometheus-operator': [
      'monitoring.coreos.com alertmanagers,alertmanagers/finalizers,alertmanagers/status,alertmanagerconfigs,prometheuses,prometheuses/finalizers,prometheuses/status,prometheusagents,thanosrulers,servicemonitors,podmonitors,probes,prometheusrules,scrapeconfigs *',
      'apps statefulsets *',
      'core configmaps *',
      'core pods list,delete',
      'core services,services/finalizers,endpoints get,create,update,delete',
      'core nodes list,watch',
      'core namespaces get,list,watch',
      'core,events.k8s.io events create,patch',
      'networking.k8s.io ingresses get,list,watch',
      'storage.k8s.io storageclasses get',
    ],
    'prometheus-k8s': [
      'core nodes,nodes/metrics,services,endpoints,pods get,list,watch',
      'discovery.k8s.io endpointslices get,list,watch',
      'core configmaps get',
      'urls /metrics,/metrics/slis get',
    ],
    'kube-state-metrics': [
      'core configmaps,nodes,pods,services,serviceaccounts,resourcequotas,replicationcontrollers,limitranges,persistentvolumeclaims,persistentvolumes,namespaces,endpoints list,watch',
      'apps statefulsets,daemonsets,deployments,replicasets list,watch',
      'batch cronjobs,jobs list,watch',
      'autoscaling horizontalpodautoscalers list,watch',
      'policy poddisruptionbudgets list,watch',
      'certificates.k8s.io certificatesigningrequests list,watch',
      'discovery.k8s.io endpointslices list,watch',
      'storage.k8s.io storageclasses,volumeattachments list,watch',
      'networking.k8s.io networkpolicies,ingresses list,watch',
      'coordination.k8s.io leases list,watch',
    ],
    'cluster-readiness-reader': [
      [
        'core nodes,namespaces,pods,serviceaccounts,resourcequotas,limitranges get,list,watch',
        'core configmaps get cluster-autoscaler-status',
        'apps deployments,daemonsets,statefulsets get,list,watch',
        'batch cronjobs get,list,watch',
        'coordination.k8s.io leases get,list,watch',
        'discovery.k8s.io endpointslices get,list,watch',
        'rbac.authorization.k8s.io clusterroles,clusterrolebindings,rolebindings get,list,watch',
        'policy poddisruptionbudgets get,list,watch',
        'admissionregistration.k8s.io validatingwebhookconfigurations,mutatingwebhookconfigurations get,list,watch',
        'certificates.k8s.io certificatesigningrequests get,list,watch',
        'networking.k8s.io networkpolicies get,list,watch',
        'autoscaling horizontalpodautoscalers get,list,watch',
        'apiregistration.k8s.io apiservices get,list,watch',
        'karpenter.sh nodepools get,list,watch',
        'velero.io backups get,list,watch',
      ],
      { created: '2026-02-02T09:30:00Z' },
    ],
  });
  clusterRoleBindings(c, [
    [
      'platform-admins cluster-admin group:oidc:platform-admins',
      { created: '2025-12-18T10:02:44Z' },
    ],
    [
      'platform-sre-view view group:oidc:platform-sre',
      { created: '2025-12-18T10:02:45Z' },
    ],
    [
      'metrics-server:system:auth-delegator system:auth-delegator sa:kube-system/metrics-server',
      { labels: { 'k8s-app': 'metrics-server' } },
    ],
    'cluster-autoscaler cluster-autoscaler sa:kube-system/cluster-autoscaler',
    'node-problem-detector node-problem-detector sa:kube-system/node-problem-detector',
    'calico-node calico-node sa:kube-system/calico-node',
    'calico-kube-controllers calico-kube-controllers sa:kube-system/calico-kube-controllers',
    [
      'system:dns-autoscaler system:dns-autoscaler sa:kube-system/dns-autoscaler',
      { labels: {}, annotations: {} },
    ],
    'prometheus-operator prometheus-operator sa:observability/prometheus-operator',
    'prometheus-k8s prometheus-k8s sa:observability/prometheus-k8s',
    'kube-state-metrics kube-state-metrics sa:observability/kube-state-metrics',
    [
      'cluster-readiness-reader cluster-readiness-reader sa:kube-system/cluster-readiness',
      { created: '2026-02-02T09:30:00Z' },
    ],
  ]);

  // Certificates
  csr(c, 'csr-2kx7q', {
    signer: 'kubernetes.io/kube-apiserver-client-kubelet',
    username: `system:node:${c2}`,
    groups: ['system:nodes', 'system:authenticated'],
    usages: ['digital signature', 'client auth'],
    created: '2026-11-20T09:41:09Z',
    approved: '2026-11-20T09:41:09Z',
    reason: 'AutoApproved',
    message:
      'Auto approving self kubelet client certificate after SubjectAccessReview.',
  });
  csr(c, 'csr-8vfbn', {
    signer: 'kubernetes.io/kubelet-serving',
    username: `system:node:${a1}`,
    groups: ['system:nodes', 'system:authenticated'],
    usages: ['digital signature', 'server auth'],
    created: '2026-11-20T09:47:33Z',
    approved: '2026-11-20T09:47:34Z',
    reason: 'AutoApproved',
    message: 'Approved by kubelet-csr-approver',
  });
  csr(c, 'oncall-jdoe-20261120', {
    signer: 'kubernetes.io/kube-apiserver-client',
    username: 'oidc:jdoe@example.com',
    cn: 'jdoe',
    groups: ['oidc:platform-admins', 'system:authenticated'],
    usages: ['client auth'],
    expirationSeconds: 28800,
    created: '2026-11-20T07:29:41Z',
    approved: '2026-11-20T07:30:02Z',
  });

  // API services
  builtinApiServices(c);
  apiService(c, 'monitoring.coreos.com', 'v1', {
    groupPriority: 1000,
    versionPriority: 100,
    since: '2025-12-18T11:40:20Z',
  });
  apiService(c, 'crd.projectcalico.org', 'v1', {
    groupPriority: 1000,
    versionPriority: 100,
    since: '2025-12-18T09:20:12Z',
  });

  // Quotas count the pods above.
  resourceQuotas(c, [
    'checkout/compute limits.cpu=16,limits.memory=24Gi,pods=40,requests.cpu=8,requests.memory=16Gi',
    'ledger/compute limits.cpu=24,limits.memory=48Gi,pods=30,requests.cpu=16,requests.memory=48Gi',
    'observability/compute limits.memory=24Gi,pods=20,requests.cpu=4,requests.memory=16Gi',
  ]);

  return snapshotDocument(c);
}

// ---------------------------------------------------------------------------------
// prod-us-1: EKS-style managed control plane, a few warnings

function prodUs1() {
  const c = new Cluster('prod-us-1');
  const eksNode = (name, o) =>
    node(c, name, {
      role: 'worker',
      region: 'us-east-1',
      criSocket: false,
      os: 'Amazon Linux 2023.9.20251105',
      kernel: '6.12.46-66.121.amzn2023.x86_64',
      dns: `${name}`,
      hostname: name,
      providerID: `aws:///${o.zone}/i-0${hex(
        `${c.name}/${name}/instance`,
        16,
      )}`,
      betaZone: true,
      ...o,
      labels: {
        'k8s.io/cloud-provider-aws': hex('prod-us-1-cloud-provider', 32),
        'topology.k8s.aws/zone-id': {
          'us-east-1a': 'use1-az4',
          'us-east-1b': 'use1-az6',
          'us-east-1c': 'use1-az1',
        }[o.zone],
        ...o.labels,
      },
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': o.ip,
        ...o.annotations,
      },
    });
  const ipName = ip => `ip-${ip.replace(/\./g, '-')}.ec2.internal`;
  // Managed node group "system": not yet upgraded to 1.35 (kubelet one minor behind).
  const systemNodes = [
    { ip: '10.42.11.23', zone: 'us-east-1a' },
    { ip: '10.42.43.150', zone: 'us-east-1c' },
  ].map(n => {
    const name = ipName(n.ip);
    eksNode(name, {
      ...n,
      cpu: '2',
      memory: '7902796Ki',
      reservedCpu: 70,
      reservedMemKi: 575488,
      maxPods: '29',
      instanceType: 'm6i.large',
      runtime: 'containerd://1.7.27',
      kubelet: 'v1.34.6-eks-7f9249a',
      created: '2026-06-17T09:12:55Z',
      labels: {
        'eks.amazonaws.com/capacityType': 'ON_DEMAND',
        'eks.amazonaws.com/nodegroup': 'system-20260617',
        'eks.amazonaws.com/nodegroup-image': 'ami-0c1f2e3d4b5a69788',
        'eks.amazonaws.com/sourceLaunchTemplateId': 'lt-04d2e1f3a5b6c7d89',
        'eks.amazonaws.com/sourceLaunchTemplateVersion': '7',
        'node-role': 'system',
      },
      taints: [
        { effect: 'NoSchedule', key: 'CriticalAddonsOnly', value: 'true' },
      ],
    });
    return name;
  });
  // Karpenter nodes of NodePool "general".
  const karpenter = [
    { ip: '10.42.12.87', zone: 'us-east-1a', created: '2026-11-09T02:31:40Z' },
    { ip: '10.42.27.14', zone: 'us-east-1b', created: '2026-11-09T02:31:44Z' },
    { ip: '10.42.44.201', zone: 'us-east-1c', created: '2026-11-13T17:05:12Z' },
    { ip: '10.42.15.66', zone: 'us-east-1a', created: '2026-11-16T08:47:03Z' },
    { ip: '10.42.30.9', zone: 'us-east-1b', created: '2026-11-20T08:41:12Z' },
  ].map((n, i) => {
    const name = ipName(n.ip);
    eksNode(name, {
      ...n,
      cpu: '8',
      memory: '32386876Ki',
      reservedCpu: 90,
      reservedMemKi: 1229824,
      maxPods: '58',
      instanceType: 'm6i.2xlarge',
      runtime: 'containerd://2.1.4',
      since: n.created,
      labels: {
        'karpenter.k8s.aws/ec2nodeclass': 'default',
        'karpenter.k8s.aws/instance-category': 'm',
        'karpenter.k8s.aws/instance-cpu': '8',
        'karpenter.k8s.aws/instance-family': 'm6i',
        'karpenter.k8s.aws/instance-generation': '6',
        'karpenter.k8s.aws/instance-memory': '32768',
        'karpenter.k8s.aws/instance-size': '2xlarge',
        'karpenter.sh/capacity-type': i === 4 ? 'spot' : 'on-demand',
        'karpenter.sh/initialized': 'true',
        'karpenter.sh/nodepool': 'general',
        'karpenter.sh/registered': 'true',
      },
      annotations: {
        'karpenter.k8s.aws/ec2nodeclass-hash': '8106714183516413640',
        'karpenter.k8s.aws/ec2nodeclass-hash-version': 'v4',
        'karpenter.sh/nodepool-hash': '4862179346127711015',
        'karpenter.sh/nodepool-hash-version': 'v3',
      },
    });
    return name;
  });
  const all = [...systemNodes, ...karpenter];
  const [s1, s2] = systemNodes;
  const [k1, k2, k3, k4, k5] = karpenter;

  namespaces(c, [
    'default',
    'kube-node-lease',
    'kube-public',
    'kube-system',
    [
      'checkout pod-security.kubernetes.io/enforce=restricted,pod-security.kubernetes.io/enforce-version=latest,team=payments',
      { created: '2025-09-10T12:00:31Z' },
    ],
    [
      'reporting-batch pod-security.kubernetes.io/enforce=baseline,pod-security.kubernetes.io/warn=restricted,team=data',
      { created: '2026-03-04T09:21:50Z' },
    ],
  ]);

  serviceAccounts(
    c,
    'aws-load-balancer-controller aws-node coredns ebs-csi-controller-sa ebs-csi-node-sa eks-pod-identity-agent karpenter kube-proxy metrics-server node-problem-detector',
  );

  // The provider runs the control plane; its leases and endpoints are still visible.
  const cpHost = n => `ip-172-16-${n}.us-east-1.compute.internal`;
  lease(c, 'kube-controller-manager', {
    holder: `${cpHost('45-12')}_${uid('us1-kcm')}`,
    acquireTime: '2026-11-06T19:02:17.448120Z',
    renewTime: microTime(REF - 2 * SEC, 50117),
    transitions: 31,
    created: '2025-09-02T15:42:01Z',
  });
  lease(c, 'kube-scheduler', {
    holder: `${cpHost('101-7')}_${uid('us1-sched')}`,
    acquireTime: '2026-11-06T19:03:40.017702Z',
    renewTime: microTime(REF - 1 * SEC, 338410),
    transitions: 28,
    created: '2025-09-02T15:42:02Z',
  });
  for (const [i, h] of ['45-12', '101-7'].entries()) {
    const id = `apiserver-${hex(`us1/${h}`, 26)}`;
    lease(c, id, {
      labels: {
        'apiserver.kubernetes.io/identity': 'kube-apiserver',
        'kubernetes.io/hostname': cpHost(h),
      },
      holder: `${id}_${uid(`us1-holder-${h}`)}`,
      duration: 3600,
      renewTime: microTime(REF - (4 + 3 * i) * SEC, 701221),
      created: '2026-11-06T19:01:55Z',
    });
  }
  lease(c, 'karpenter-leader-election', {
    holder: `karpenter-${podTemplateHash(
      c,
      'kube-system',
      'karpenter',
    )}-${suffix('us1-karp', 5)}`,
    acquireTime: '2026-11-17T10:12:03.221930Z',
    renewTime: microTime(REF - 2 * SEC, 118272),
    transitions: 22,
    created: '2025-09-03T08:10:22Z',
  });
  kubernetesEndpointSlice(c, ['10.42.7.201', '10.42.39.77'], 443, {
    generation: 212,
  });

  // Node agents.
  kubeProxy(c, all, {
    image:
      '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:v1.35.4-minimal-eksbuild.2',
    requests: { cpu: '100m' },
  });
  const hostAgent = (name, image, requests, labels, o = {}) =>
    daemonSet(c, name, {
      namespace: 'kube-system',
      labels,
      nodes: all,
      hostNetwork: o.hostNetwork ?? true,
      serviceAccount: o.serviceAccount ?? name,
      priorityClassName: NODE_CRITICAL,
      numberReady: o.numberReady,
      podOptions: o.podOptions,
      containers: [
        {
          name: o.container ?? name,
          image,
          requests,
          ...(o.limits ? { limits: o.limits } : {}),
          securityContext: o.securityContext ?? { privileged: true },
        },
      ],
    });
  hostAgent(
    'aws-node',
    '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.20.4-eksbuild.1',
    { cpu: '25m' },
    { 'k8s-app': 'aws-node' },
  );
  hostAgent(
    'ebs-csi-node',
    '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/aws-ebs-csi-driver:v1.51.0',
    { cpu: '30m', memory: '40Mi' },
    { app: 'ebs-csi-node', 'app.kubernetes.io/name': 'aws-ebs-csi-driver' },
    {
      serviceAccount: 'ebs-csi-node-sa',
      container: 'ebs-plugin',
      hostNetwork: false,
      limits: { memory: '256Mi' },
    },
  );
  hostAgent(
    'eks-pod-identity-agent',
    '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/eks-pod-identity-agent:0.1.33',
    { cpu: '25m', memory: '16Mi' },
    { 'app.kubernetes.io/name': 'eks-pod-identity-agent' },
    { securityContext: { capabilities: { add: ['CAP_NET_BIND_SERVICE'] } } },
  );
  // node-problem-detector, installed with its Helm chart: one pod crash-loops on the
  // node Karpenter launched this morning.
  hostAgent(
    'node-problem-detector',
    'registry.k8s.io/node-problem-detector/node-problem-detector:v0.8.21',
    { cpu: '10m', memory: '80Mi' },
    {
      app: 'node-problem-detector',
      'app.kubernetes.io/instance': 'node-problem-detector',
      'app.kubernetes.io/name': 'node-problem-detector',
    },
    {
      hostNetwork: false,
      limits: { memory: '160Mi' },
      numberReady: all.length - 1,
      podOptions: nodeName =>
        nodeName === k5
          ? {
              created: '2026-11-20T08:41:31Z',
              ready: false,
              restarts: 12,
              readyChanged: '2026-11-20T08:41:36Z',
              crashLoop: {
                at: '2026-11-20T09:56:02Z',
                exitCode: 2,
                reason: 'Error',
              },
            }
          : {},
    },
  );

  // Add-ons on the system node group.
  const critical = [
    { effect: 'NoSchedule', key: 'CriticalAddonsOnly', operator: 'Exists' },
  ];
  coreDns(c, [s1, s2], {
    image:
      '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.12.4-eksbuild.1',
    labels: { 'eks.amazonaws.com/component': 'coredns' },
    podLabels: { 'eks.amazonaws.com/component': 'coredns' },
    rolled: '2026-11-06T19:40:12Z',
  });
  pdbs(c, [
    [
      'kube-system/coredns eks.amazonaws.com/component=coredns,k8s-app=kube-dns maxUnavailable=1 2',
      {
        labels: {
          'eks.amazonaws.com/component': 'coredns',
          'k8s-app': 'kube-dns',
        },
      },
    ],
    'kube-system/karpenter app.kubernetes.io/instance=karpenter,app.kubernetes.io/name=karpenter maxUnavailable=1 2',
    'kube-system/ebs-csi-controller app=ebs-csi-controller,app.kubernetes.io/name=aws-ebs-csi-driver maxUnavailable=1 2',
    'checkout/checkout-api app.kubernetes.io/name=checkout-api maxUnavailable=25% 8',
    'checkout/checkout-worker app.kubernetes.io/name=checkout-worker maxUnavailable=1 6',
    'checkout/checkout-pricing app.kubernetes.io/name=checkout-pricing minAvailable=50% 4',
  ]);
  deployment(c, 'karpenter', {
    namespace: 'kube-system',
    nodes: [s1, s2],
    labels: {
      'app.kubernetes.io/instance': 'karpenter',
      'app.kubernetes.io/name': 'karpenter',
      'app.kubernetes.io/version': '1.8.2',
    },
    podLabels: instanceLabels('karpenter'),
    serviceAccount: 'karpenter',
    priorityClassName: CLUSTER_CRITICAL,
    tolerations: critical,
    rolled: '2026-11-17T10:11:40Z',
    containers: [
      {
        name: 'controller',
        image: 'public.ecr.aws/karpenter/controller:1.8.2',
        env: [
          { name: 'CLUSTER_NAME', value: 'prod-us-1' },
          { name: 'INTERRUPTION_QUEUE', value: 'prod-us-1-karpenter' },
        ],
        requests: { cpu: '1', memory: '1Gi' },
        limits: { cpu: '1', memory: '1Gi' },
        securityContext: {
          ...RESTRICTED_CONTAINER,
          runAsGroup: 65532,
          runAsUser: 65532,
        },
      },
    ],
  });

  metricsServer(c, [s1, s2], { tolerations: critical });
  deployment(c, 'ebs-csi-controller', {
    namespace: 'kube-system',
    nodes: [s1, s2],
    labels: {
      'app.kubernetes.io/name': 'aws-ebs-csi-driver',
      app: 'ebs-csi-controller',
    },
    podLabels: {
      app: 'ebs-csi-controller',
      'app.kubernetes.io/name': 'aws-ebs-csi-driver',
    },
    serviceAccount: 'ebs-csi-controller-sa',
    priorityClassName: CLUSTER_CRITICAL,
    tolerations: critical,
    containers: [
      {
        name: 'ebs-plugin',
        image:
          '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/aws-ebs-csi-driver:v1.51.0',
        requests: { cpu: '10m', memory: '40Mi' },
        limits: { memory: '256Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
      {
        name: 'csi-provisioner',
        image:
          '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/csi-provisioner:v5.3.0-eks-1-34-5',
        requests: { cpu: '10m', memory: '40Mi' },
        limits: { memory: '256Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
      {
        name: 'csi-attacher',
        image:
          '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/csi-attacher:v4.10.0-eks-1-34-5',
        requests: { cpu: '10m', memory: '40Mi' },
        limits: { memory: '256Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });

  deployment(c, 'aws-load-balancer-controller', {
    namespace: 'kube-system',
    nodes: [s1, s2],
    labels: instanceLabels('aws-load-balancer-controller'),
    serviceAccount: 'aws-load-balancer-controller',
    tolerations: critical,
    containers: [
      {
        name: 'aws-load-balancer-controller',
        image: 'public.ecr.aws/eks/aws-load-balancer-controller:v2.14.1',
        args: ['--cluster-name=prod-us-1', '--ingress-class=alb'],
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { memory: '512Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });

  // checkout: big enough to keep the Karpenter nodes at 80-90 % of their CPU.
  for (const sa of ['checkout-api', 'checkout-pricing', 'checkout-worker']) {
    serviceAccount(c, 'checkout', sa, {
      annotations: {
        'eks.amazonaws.com/role-arn': `arn:aws:iam::481516234200:role/prod-us-1-${sa}`,
      },
    });
  }
  const app = (name, replicas, nodes, cpu, memory, limitMemory) =>
    deployment(c, name, {
      namespace: 'checkout',
      replicas,
      nodes,
      labels: appLabels(name, 'checkout', '2.14.3'),
      podLabels: {
        'app.kubernetes.io/instance': name,
        'app.kubernetes.io/name': name,
      },
      extraPodLabels: appLabels(name, 'checkout', '2.14.3'),
      serviceAccount: name,
      securityContext: RESTRICTED_POD,
      rolled: '2026-11-18T16:02:51Z',
      containers: [
        {
          name: name.replace('checkout-', ''),
          image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/payments/${name}:2.14.3`,
          ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
          requests: { cpu, memory },
          limits: { memory: limitMemory },
          securityContext: RESTRICTED_CONTAINER,
        },
      ],
    });
  app('checkout-api', 8, [k1, k1, k2, k2, k3, k3, k4, k4], '2', '2Gi', '3Gi');
  app('checkout-worker', 6, [k1, k1, k2, k2, k3, k4], '1500m', '1536Mi', '2Gi');
  app('checkout-pricing', 4, [k3, k3, k4, k4], '1', '1Gi', '1536Mi');
  hpa(c, 'checkout/checkout-api', 8, 24, {
    current: 68,
    currentValue: '1360m',
    replicas: 8,
  });

  limitRange(c, 'checkout');
  standardNetworkPolicies(c, 'checkout', ['kube-system']);
  roleBindings(c, [
    'checkout/payments-team-edit ClusterRole/edit group:payments-team',
    'reporting-batch/data-team-edit ClusterRole/edit group:data-team',
    [
      'kube-system/eks:authenticator Role/eks:authenticator user:eks:authenticator',
      { labels: { 'eks.amazonaws.com/component': 'authenticator' } },
    ],
    [
      'kube-system/eks:k8s-metrics Role/eks:k8s-metrics user:eks:k8s-metrics',
      { labels: { 'eks.amazonaws.com/component': 'k8s-metrics' } },
    ],
  ]);

  // reporting-batch: no ResourceQuota, no NetworkPolicy, no PodDisruptionBudget.
  serviceAccount(c, 'reporting-batch', 'report-renderer');
  serviceAccount(c, 'reporting-batch', 'report-exporter');
  deployment(c, 'report-renderer', {
    namespace: 'reporting-batch',
    nodes: [k5, k5],
    labels: {
      'app.kubernetes.io/name': 'report-renderer',
      'app.kubernetes.io/part-of': 'reporting',
    },
    podLabels: { 'app.kubernetes.io/name': 'report-renderer' },
    serviceAccount: 'report-renderer',
    rolled: '2026-11-20T08:42:20Z',
    containers: [
      {
        name: 'renderer',
        image:
          '123456789012.dkr.ecr.us-east-1.amazonaws.com/data/report-renderer:0.19.2',
        requests: { cpu: '1500m', memory: '3Gi' },
        limits: { memory: '4Gi' },
      },
    ],
  });
  cronJob(c, 'nightly-export', {
    namespace: 'reporting-batch',
    labels: { 'app.kubernetes.io/name': 'nightly-export' },
    schedule: '15 2 * * *',
    timeZone: 'America/New_York',
    serviceAccount: 'report-exporter',
    created: '2026-03-04T09:30:12Z',
    containers: [
      {
        name: 'export',
        image:
          '123456789012.dkr.ecr.us-east-1.amazonaws.com/data/report-exporter:0.19.2',
        args: ['--since=24h', '--bucket=s3://acme-reporting-exports'],
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { memory: '2Gi' },
      },
    ],
    lastScheduleTime: '2026-11-20T07:15:00Z',
    lastSuccessfulTime: '2026-11-20T07:38:41Z',
    jobs: [
      {
        at: '2026-11-20T07:15:00Z',
        phase: 'Succeeded',
        node: k5,
        finished: '2026-11-20T07:38:40Z',
      },
    ],
  });
  limitRange(c, 'reporting-batch');

  // Karpenter
  const nodePool = (name, o) =>
    c.add('nodepools.karpenter.sh', {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: {
        ...meta(c, 'NodePool', name, {
          created: '2025-09-03T08:15:40Z',
          generation: o.generation,
        }),
        annotations: {
          'karpenter.sh/nodepool-hash': o.hash,
          'karpenter.sh/nodepool-hash-version': 'v3',
        },
      },
      spec: {
        disruption: {
          budgets: [{ nodes: '10%' }],
          consolidateAfter: '1m',
          consolidationPolicy: 'WhenEmptyOrUnderutilized',
        },
        limits: o.limits,
        template: {
          ...(o.labels ? { metadata: { labels: o.labels } } : {}),
          spec: {
            expireAfter: '720h',
            nodeClassRef: {
              group: 'karpenter.k8s.aws',
              kind: 'EC2NodeClass',
              name: 'default',
            },
            requirements: o.requirements.map(matchExpression),
            ...(o.taints ? { taints: o.taints } : {}),
          },
        },
        weight: o.weight,
      },
      status: {
        conditions: [
          ['ValidationSucceeded', '2025-09-03T08:15:41Z'],
          ['NodeClassReady', '2025-09-03T08:15:42Z'],
          ['Ready', '2025-09-03T08:15:42Z'],
        ].map(([type, since]) => ({
          lastTransitionTime: since,
          message: '',
          observedGeneration: o.generation,
          reason: type,
          status: 'True',
          type,
        })),
        nodeClassObservedGeneration: 3,
        resources: labelsOf(o.resources),
      },
    });
  nodePool('general', {
    generation: 6,
    hash: '4862179346127711015',
    weight: 50,
    limits: { cpu: '400', memory: '1600Gi' },
    requirements: [
      'karpenter.k8s.aws/instance-category In c,m,r',
      'karpenter.k8s.aws/instance-generation Gt 5',
      'kubernetes.io/arch In amd64',
      'karpenter.sh/capacity-type In on-demand,spot',
    ],
    resources:
      'cpu=40,ephemeral-storage=507154800Ki,memory=161934380Ki,nodes=5,pods=290',
  });
  nodePool('batch', {
    generation: 2,
    hash: '1593318402219650873',
    weight: 10,
    limits: { cpu: '200' },
    labels: { workload: 'batch' },
    taints: [{ effect: 'NoSchedule', key: 'workload', value: 'batch' }],
    requirements: [
      'karpenter.k8s.aws/instance-category In c,m',
      'karpenter.sh/capacity-type In spot',
    ],
    resources: 'cpu=0,ephemeral-storage=0,memory=0,nodes=0,pods=0',
  });

  // Admission webhooks of the AWS controllers: none blocks kube-system.
  webhookConfig(
    c,
    'MutatingWebhookConfiguration',
    'aws-load-balancer-webhook',
    [
      {
        name: 'mpod.elbv2.k8s.aws',
        service: 'kube-system/aws-load-balancer-webhook-service',
        path: '/mutate-v1-pod',
        failurePolicy: 'Fail',
        namespaceSelector: {
          matchExpressions: [
            matchExpression(
              'elbv2.k8s.aws/pod-readiness-gate-inject In enabled',
            ),
          ],
        },
        objectSelector: {
          matchExpressions: [
            matchExpression(
              'app.kubernetes.io/name NotIn aws-load-balancer-controller',
            ),
          ],
        },
        rules: ['CREATE core v1 pods *'],
      },
    ],
    { labels: { 'app.kubernetes.io/name': 'aws-load-balancer-controller' } },
  );
  webhookConfig(
    c,
    'MutatingWebhookConfiguration',
    'vpc-resource-mutating-webhook',
    [
      {
        name: 'mpod.vpc.k8s.aws',
        service: 'kube-system/vpc-resource-controller-webhook',
        path: '/mutate-v1-pod',
        failurePolicy: 'Ignore',
        rules: ['CREATE core v1 pods *'],
      },
    ],
  );
  webhookConfig(
    c,
    'ValidatingWebhookConfiguration',
    'vpc-resource-validating-webhook',
    [
      {
        name: 'vnode.vpc.k8s.aws',
        service: 'kube-system/vpc-resource-controller-webhook',
        path: '/validate-v1-node',
        failurePolicy: 'Ignore',
        rules: ['UPDATE core v1 nodes *'],
      },
    ],
  );

  // RBAC (EKS maps IAM principals with access entries; what shows in RBAC is this).
  const eks = component => ({
    system: false,
    labels: { 'eks.amazonaws.com/component': component },
  });
  defaultRbac(c);
  clusterRoles(c, {
    'eks:k8s-metrics': [
      [
        'core nodes,pods,services,namespaces,endpoints list,get,watch',
        'apps deployments,daemonsets,statefulsets,replicasets list,get,watch',
        'urls /metrics get',
      ],
      eks('k8s-metrics'),
    ],
    'eks:node-bootstrapper': [
      ['certificates.k8s.io certificatesigningrequests/selfnodeserver create'],
      eks('node'),
    ],
    'aws-node': [
      'crd.k8s.amazonaws.com eniconfigs list,watch,get',
      'core namespaces,pods list,watch,get',
      'core nodes list,watch,get',
      'core,events.k8s.io events create,patch,list',
      'networking.k8s.aws policyendpoints get,list,watch',
      'vpcresources.k8s.aws cninodes get,list,watch,patch',
    ],
    'karpenter-core': [
      'karpenter.sh nodepools,nodepools/status,nodeclaims,nodeclaims/status get,list,watch,create,delete,patch,update',
      'core pods,nodes,persistentvolumes,persistentvolumeclaims,replicationcontrollers,namespaces get,list,watch',
      'core nodes create,patch,delete,update',
      'core pods/eviction create',
      'storage.k8s.io storageclasses,csinodes,volumeattachments get,watch,list',
      'apps daemonsets,deployments,replicasets,statefulsets list,watch',
      'policy poddisruptionbudgets get,list,watch',
    ],
    karpenter: [
      'karpenter.k8s.aws ec2nodeclasses,ec2nodeclasses/status get,list,watch,patch,update',
    ],
    'ebs-csi-node-role': [
      'core nodes get,patch',
      'storage.k8s.io volumeattachments get,list,watch',
      'storage.k8s.io csinodes get',
    ],
    'ebs-external-provisioner-role': [
      'core persistentvolumes get,list,watch,create,patch,delete',
      'core persistentvolumeclaims get,list,watch,update',
      'storage.k8s.io storageclasses,csinodes get,list,watch',
      'core events list,watch,create,update,patch',
      'core nodes get,list,watch',
    ],
    'aws-load-balancer-controller-role': [
      'elbv2.k8s.aws targetgroupbindings,ingressclassparams create,delete,get,list,patch,update,watch',
      'core events create,patch',
      'core pods,namespaces,nodes,endpoints,services get,list,watch',
      'discovery.k8s.io endpointslices get,list,watch',
      'networking.k8s.io ingressclasses,ingresses get,list,watch',
      'core pods/status,services/status update,patch',
    ],
    'node-problem-detector': [
      'core nodes get',
      'core nodes/status patch',
      'core,events.k8s.io events create,patch,update',
    ],
    deployer: [
      [
        'apps deployments,statefulsets,daemonsets get,list,watch,create,update,patch',
        'core services,configmaps get,list,watch,create,update,patch',
        'core secrets get,list',
        'autoscaling horizontalpodautoscalers get,list,create,update,patch',
      ],
      { created: '2026-05-12T13:40:00Z' },
    ],
  });
  clusterRoleBindings(c, [
    [
      'eks:addon-cluster-admin cluster-admin user:eks:addon-manager',
      eks('addon-manager'),
    ],
    [
      'eks:k8s-metrics eks:k8s-metrics user:eks:k8s-metrics',
      eks('k8s-metrics'),
    ],
    [
      'eks:node-bootstrapper eks:node-bootstrapper group:system:bootstrappers group:system:nodes',
      eks('node'),
    ],
    'aws-node aws-node sa:kube-system/aws-node',
    'karpenter-core karpenter-core sa:kube-system/karpenter',
    'karpenter karpenter sa:kube-system/karpenter',
    'ebs-csi-node-binding ebs-csi-node-role sa:kube-system/ebs-csi-node-sa',
    'ebs-csi-provisioner-binding ebs-external-provisioner-role sa:kube-system/ebs-csi-controller-sa',
    'aws-load-balancer-controller-rolebinding aws-load-balancer-controller-role sa:kube-system/aws-load-balancer-controller',
    'node-problem-detector node-problem-detector sa:kube-system/node-problem-detector',
    // CI reads Secrets cluster-wide: access.privileged-rbac warns.
    [
      'github-actions-deployer deployer user:github-actions-deployer',
      { created: '2026-05-12T13:40:02Z' },
    ],
  ]);

  csr(c, 'csr-5qv2w', {
    signer: 'beta.eks.amazonaws.com/app-serving',
    username: `system:node:${k5}`,
    groups: ['system:bootstrappers', 'system:nodes', 'system:authenticated'],
    usages: ['digital signature', 'server auth'],
    created: '2026-11-20T09:31:25Z',
    approved: '2026-11-20T09:31:25Z',
    reason: 'AutoApproved',
    message:
      'Auto approving self kubelet server certificate after SubjectAccessReview.',
  });
  csr(c, 'csr-w7tzh', {
    signer: 'beta.eks.amazonaws.com/app-serving',
    username: `system:node:${k4}`,
    groups: ['system:bootstrappers', 'system:nodes', 'system:authenticated'],
    usages: ['digital signature', 'server auth'],
    created: '2026-11-20T09:22:18Z',
    approved: '2026-11-20T09:22:18Z',
    reason: 'AutoApproved',
    message:
      'Auto approving self kubelet server certificate after SubjectAccessReview.',
  });

  builtinApiServices(c);
  apiService(c, 'karpenter.sh', 'v1', {
    groupPriority: 1000,
    versionPriority: 100,
    since: '2025-09-03T08:10:02Z',
  });
  apiService(c, 'karpenter.k8s.aws', 'v1', {
    groupPriority: 1000,
    versionPriority: 100,
    since: '2025-09-03T08:10:02Z',
  });
  apiService(c, 'vpcresources.k8s.aws', 'v1beta1', {
    groupPriority: 1000,
    versionPriority: 100,
    since: '2025-09-02T15:44:31Z',
  });
  apiService(c, 'elbv2.k8s.aws', 'v1beta1', {
    groupPriority: 1000,
    versionPriority: 100,
    since: '2025-09-03T09:01:12Z',
  });

  // Quotas count the pods above.
  resourceQuotas(c, [
    'checkout/compute limits.memory=128Gi,pods=60,requests.cpu=40,requests.memory=96Gi',
  ]);

  return snapshotDocument(c);
}

// ---------------------------------------------------------------------------------
// staging-1: degraded self-hosted cluster

function staging1() {
  const c = new Cluster('staging-1');
  const cp = 'staging-1-cp-1';
  const [w1, w2, w3, w4] = [1, 2, 3, 4].map(i => `staging-1-worker-${i}`);
  const batch = { 'staging.example.com/pool': 'batch' };
  // No zone labels anywhere; the control-plane taint was removed to fit workloads.
  nodes(
    c,
    {
      role: 'worker',
      cpu: '4',
      memory: '16375100Ki',
      cni: 'flannel',
      runtime: 'containerd://1.7.24',
      os: 'Ubuntu 22.04.5 LTS',
      kernel: '5.15.0-139-generic',
    },
    {
      [cp]: {
        role: 'control-plane',
        taintControlPlane: false,
        labels: batch,
        ip: '10.30.0.10',
        memory: '8148772Ki',
        created: '2024-03-11T14:20:21Z',
        annotations: { 'flannel.alpha.coreos.com/public-ip': '10.30.0.10' },
      },
      [w1]: { ip: '10.30.1.11', created: '2024-03-11T14:31:02Z' },
      // Stopped reporting 6 hours ago.
      [w2]: {
        labels: batch,
        ip: '10.30.1.12',
        kubelet: 'v1.33.7',
        created: '2024-03-11T14:31:05Z',
        ready: 'Unknown',
        lostAt: '2026-11-20T03:58:11Z',
        lastSeen: '2026-11-20T03:57:21Z',
        taints: [
          {
            effect: 'NoSchedule',
            key: 'node.kubernetes.io/unreachable',
            timeAdded: '2026-11-20T03:58:11Z',
          },
          {
            effect: 'NoExecute',
            key: 'node.kubernetes.io/unreachable',
            timeAdded: '2026-11-20T03:58:16Z',
          },
        ],
      },
      // Cordoned for a disk replacement two weeks ago and never uncordoned.
      [w3]: {
        labels: batch,
        ip: '10.30.1.13',
        kubelet: 'v1.33.7',
        created: '2024-05-02T09:12:44Z',
        cordoned: true,
        cordonedAt: '2026-11-06T16:20:05Z',
      },
      // An old worker still on Docker Engine (cri-dockerd) and kubelet 1.30.
      [w4]: {
        ip: '10.30.1.14',
        cpu: '8',
        memory: '32883264Ki',
        kubelet: 'v1.30.14',
        runtime: 'docker://24.0.9',
        criSocket: 'unix:///var/run/cri-dockerd.sock',
        created: '2023-11-28T10:04:31Z',
        os: 'Ubuntu 20.04.6 LTS',
        kernel: '5.4.0-216-generic',
      },
    },
  );
  const all = [cp, w1, w2, w3, w4];

  namespaces(c, [
    'default',
    'kube-node-lease',
    'kube-public',
    'kube-system',
    ['reports team=data', { created: '2024-04-02T08:10:14Z' }],
    ['velero', { created: '2024-06-20T12:00:41Z' }],
  ]);

  serviceAccounts(c, 'coredns flannel kube-proxy metrics-server');

  // One control-plane instance: no encryption at rest, a static token file, an audit
  // log without a policy, and no NodeRestriction.
  kubeadmControlPlane(c, cp, {
    etcdPeers: [{ name: cp, ip: '10.30.0.10' }],
    common: {
      created: '2026-05-14T09:02:11Z',
      started: '2026-05-14T09:02:12Z',
      version: 'v1.34.3',
      etcdVersion: '3.6.4-0',
    },
    apiserverFlags: ip => apiserverFlags(ip, c.row.apiserver),
    apiserverMounts: [
      { name: 'audit-log', hostPath: '/var/log/kubernetes' },
      {
        name: 'static-tokens',
        hostPath: '/etc/kubernetes/known_tokens.csv',
        type: 'File',
        readOnly: true,
      },
    ],
    controllerManager: {
      restarts: 47,
      ready: false,
      readyChanged: '2026-11-20T09:51:40Z',
      crashLoop: { at: '2026-11-20T09:58:40Z', exitCode: 1, reason: 'Error' },
    },
  });
  lease(c, 'kube-scheduler', {
    holder: `${cp}_${uid('stg-sched')}`,
    acquireTime: '2026-05-14T09:03:02.119042Z',
    renewTime: microTime(REF - 2 * SEC, 401877),
    transitions: 58,
    created: '2024-03-11T14:20:40Z',
  });
  // The controller manager crash-loops: its lease went stale 8 minutes ago.
  lease(c, 'kube-controller-manager', {
    holder: `${cp}_${uid('stg-kcm')}`,
    acquireTime: '2026-11-20T09:49:12.771220Z',
    renewTime: '2026-11-20T09:51:37.402118Z',
    transitions: 113,
    created: '2024-03-11T14:20:40Z',
  });
  apiserverLease(c, cp, REF - 6 * SEC, 918273);
  kubernetesEndpointSlice(c, ['10.30.0.10'], 6443, { generation: 2 });
  // The etcd backup last succeeded 10 days ago; the runs since fail.
  etcdBackup(c, 'etcd-backup', {
    schedule: '0 2 * * *',
    created: '2024-03-12T10:00:02Z',
    tolerations: false,
    backup: {
      nfs: {
        path: '/exports/etcd-backups',
        server: 'nas-01.staging.example.com',
      },
    },
    container: 'backup',
    etcdVersion: '3.6.4-0',
    script: `${ETCDCTL} snapshot save /backup/etcd-$(date +%F).db`,
    last: '2026-11-20T02:00:00Z',
    job: { phase: 'Failed', node: cp, finished: '2026-11-20T02:01:12Z' },
    lastSuccessfulTime: '2026-11-10T02:00:38Z',
  });

  kubeProxy(c, all, {
    numberReady: 4,
    podCreated: '2026-05-14T09:20:31Z',
    podOptions: n =>
      n === w2 ? { ready: false, readyChanged: '2026-11-20T03:58:16Z' } : {},
  });
  flannel(c, all, {
    image: 'docker.io/flannel/flannel:v0.26.7',
    numberReady: 4,
    podCreated: '2025-02-10T11:41:50Z',
    podOptions: n =>
      n === w2 ? { ready: false, readyChanged: '2026-11-20T03:58:16Z' } : {},
  });
  // A single DNS replica, no autoscaler, no PodDisruptionBudget.
  coreDns(c, [w1], {
    replicas: 1,
    rolled: '2026-05-14T09:21:02Z',
    image: 'registry.k8s.io/coredns/coredns:v1.12.1',
  });
  // metrics-server crash-loops, so the metrics APIService is not available.
  metricsServer(c, [w4], {
    readyReplicas: 0,
    limits: false,
    available: false,
    reason: 'FailedDiscoveryCheck',
    message:
      'failing or missing response from https://10.244.4.7:10250/apis/metrics.k8s.io/v1beta1: Get "https://10.244.4.7:10250/apis/metrics.k8s.io/v1beta1": dial tcp 10.244.4.7:10250: connect: connection refused',
    since: '2026-11-18T22:14:09Z',
    podOptions: () => ({
      podIP: '10.244.4.7',
      ready: false,
      restarts: 388,
      readyChanged: '2026-11-18T22:13:40Z',
      crashLoop: { at: '2026-11-20T09:57:13Z', exitCode: 1, reason: 'Error' },
    }),
  });

  // reports: no Pod Security label, no LimitRange, no NetworkPolicy, a quota at 95 %.
  const reportsLabels = name => ({
    app: name,
    'app.kubernetes.io/name': name,
    'backstage.io/kubernetes-id': 'reports',
  });
  serviceAccount(c, 'reports', 'reports-worker');
  serviceAccount(c, 'reports', 'reports-deployer');
  deployment(c, 'reports-api', {
    namespace: 'reports',
    nodes: [w1, w4],
    labels: reportsLabels('reports-api'),
    podLabels: { app: 'reports-api' },
    extraPodLabels: reportsLabels('reports-api'),
    serviceAccount: 'default',
    rolled: '2026-11-14T11:05:40Z',
    containers: [
      {
        name: 'api',
        image: 'harbor.staging.example.com/data/reports-api:1.8.0-rc.3',
        ports: [{ containerPort: 8000, name: 'http', protocol: 'TCP' }],
        requests: { cpu: '500m', memory: '512Mi' },
      },
    ],
  });
  deployment(c, 'reports-worker', {
    namespace: 'reports',
    readyReplicas: 2,
    // One replica landed on the untainted control-plane node; one cannot be scheduled.
    nodes: [cp, w3, null],
    nodeSelector: { 'staging.example.com/pool': 'batch' },
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchLabels: { app: 'reports-worker' } },
            topologyKey: 'kubernetes.io/hostname',
          },
        ],
      },
    },
    labels: reportsLabels('reports-worker'),
    podLabels: { app: 'reports-worker' },
    extraPodLabels: reportsLabels('reports-worker'),
    serviceAccount: 'reports-worker',
    rolled: '2026-11-14T11:05:41Z',
    unavailableSince: '2026-11-20T04:03:20Z',
    containers: [
      {
        name: 'worker',
        image: 'harbor.staging.example.com/data/reports-worker:1.8.0-rc.3',
        requests: { cpu: '800m', memory: '1536Mi' },
      },
    ],
    podOptions: i =>
      i === 2
        ? {
            created: '2026-11-20T04:03:20Z',
            unschedulable:
              "0/5 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 1 No preemption victims found for incoming pod, 4 Preemption is not helpful for scheduling.",
          }
        : {},
  });
  cronJob(c, 'reports-nightly', {
    namespace: 'reports',
    labels: reportsLabels('reports-nightly'),
    schedule: '30 9 * * *',
    serviceAccount: 'reports-worker',
    created: '2024-04-02T08:31:00Z',
    containers: [
      {
        name: 'nightly',
        image: 'harbor.staging.example.com/data/reports-worker:1.8.0-rc.3',
        args: ['nightly'],
        requests: { cpu: '400m', memory: '1Gi' },
      },
    ],
    lastScheduleTime: '2026-11-20T09:30:00Z',
    lastSuccessfulTime: '2026-11-19T09:52:13Z',
    active: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: `reports-nightly-${Math.floor(
          Date.parse('2026-11-20T09:30:00Z') / 60000,
        )}`,
        namespace: 'reports',
        resourceVersion: rv('stg-nightly-job'),
        uid: c.ref(
          'Job',
          'reports',
          `reports-nightly-${Math.floor(
            Date.parse('2026-11-20T09:30:00Z') / 60000,
          )}`,
        ),
      },
    ],
    jobs: [{ at: '2026-11-20T09:30:00Z', phase: 'Running', node: w4 }],
  });
  // A budget that allows no disruption (minAvailable = replicas) and none for reports-api.
  pdbs(c, [
    [
      'reports/reports-worker app=reports-worker minAvailable=3 3',
      { healthy: 2, since: '2026-11-20T04:03:20Z' },
    ],
  ]);
  roleBindings(c, [
    [
      'reports/reports-default-edit ClusterRole/edit sa:reports/default',
      { created: '2024-04-02T08:14:55Z' },
    ],
    'reports/data-team-admin ClusterRole/admin group:data-team',
  ]);

  // velero: backups fail since the 10th.
  deployment(c, 'velero', {
    namespace: 'velero',
    nodes: [w1],
    labels: { component: 'velero', 'app.kubernetes.io/name': 'velero' },
    podLabels: { 'app.kubernetes.io/name': 'velero', name: 'velero' },
    serviceAccount: 'velero',
    created: '2024-06-20T12:01:10Z',
    rolled: '2026-02-03T10:12:33Z',
    containers: [
      {
        name: 'velero',
        image: 'velero/velero:v1.17.0',
        command: ['/velero'],
        args: ['server', '--features=', '--uploader-type=kopia'],
        ports: [{ containerPort: 8085, name: 'metrics', protocol: 'TCP' }],
      },
    ],
  });
  serviceAccount(c, 'velero', 'velero');
  const backup = (name, phase, started, completed, extra = {}) =>
    c.add('backups.velero.io', {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        ...meta(c, 'Backup', name, {
          namespace: 'velero',
          created: started,
          generation: 5,
          labels: {
            'velero.io/schedule-name': 'daily',
            'velero.io/storage-location': 'default',
          },
        }),
        annotations: {
          'velero.io/resource-timeout': '10m0s',
          'velero.io/source-cluster-k8s-gitversion': 'v1.34.3',
          'velero.io/source-cluster-k8s-major-version': '1',
          'velero.io/source-cluster-k8s-minor-version': '34',
        },
      },
      spec: {
        csiSnapshotTimeout: '10m0s',
        defaultVolumesToFsBackup: false,
        hooks: {},
        includedNamespaces: ['*'],
        itemOperationTimeout: '4h0m0s',
        metadata: {},
        snapshotMoveData: false,
        storageLocation: 'default',
        ttl: '720h0m0s',
      },
      status: {
        ...(completed ? { completionTimestamp: completed } : {}),
        expiration: iso(Date.parse(started) + 30 * DAY),
        formatVersion: '1.1.0',
        phase,
        progress: extra.progress ?? { itemsBackedUp: 1873, totalItems: 1873 },
        startTimestamp: started,
        version: 1,
        ...(extra.errors ? { errors: extra.errors } : {}),
        ...(extra.failureReason ? { failureReason: extra.failureReason } : {}),
        ...(extra.warnings ? { warnings: extra.warnings } : {}),
      },
    });
  const denied = {
    failureReason:
      'error getting backup store for this location: rpc error: code = Unknown desc = AccessDenied: Access Denied status code: 403',
    progress: {},
  };
  // Backups `'started phase completed'` of the schedule "daily".
  for (const [spec, extra] of [
    ['2026-11-10T02:00:12Z Completed 2026-11-10T02:14:51Z', { warnings: 2 }],
    [
      '2026-11-12T02:00:12Z PartiallyFailed 2026-11-12T02:21:07Z',
      { errors: 14, progress: { itemsBackedUp: 1790, totalItems: 1881 } },
    ],
    ['2026-11-16T02:00:12Z Failed 2026-11-16T02:00:44Z', denied],
    ['2026-11-19T02:00:12Z Failed 2026-11-19T02:00:41Z', denied],
  ]) {
    const [started, phase, completed] = spec.split(' ');
    const name = `daily-${started.replace(/[-T:Z]/g, '')}`;
    backup(name, phase, started, completed, extra);
  }

  // An admission webhook that fails closed on every namespace, with a 30 s timeout.
  webhookConfig(
    c,
    'ValidatingWebhookConfiguration',
    'reports-schema-validator',
    [
      {
        name: 'configmaps.reports.staging.example.com',
        service: 'reports/reports-api',
        path: '/validate/configmaps',
        failurePolicy: 'Fail',
        timeoutSeconds: 30,
        rules: ['CREATE,UPDATE core v1 configmaps *'],
      },
    ],
    { created: '2025-08-19T15:42:10Z' },
  );

  // RBAC: anonymous discovery, a namespace ServiceAccount with cluster-admin, a CI user
  // with a wildcard role.
  defaultRbac(c);
  kubeadmRbac(c);
  clusterRoles(c, {
    'ci-runner': [['* * *'], { created: '2024-09-30T17:22:08Z' }],
  });
  clusterRoleBindings(c, [
    [
      'anonymous-discovery system:discovery group:system:unauthenticated',
      { created: '2025-01-22T10:41:00Z', system: false },
    ],
    [
      'reports-deployer-cluster-admin cluster-admin sa:reports/reports-deployer',
      { created: '2024-04-02T08:15:31Z' },
    ],
    ['ci-runner ci-runner user:jenkins', { created: '2024-09-30T17:22:10Z' }],
    [
      'velero cluster-admin sa:velero/velero',
      { created: '2024-06-20T12:01:02Z', labels: { component: 'velero' } },
    ],
  ]);

  // A kubelet that re-bootstraps and waits for approval; a year-long user certificate.
  csr(
    c,
    `node-csr-${b64(hex('stg-worker-2-csr', 32))
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 43)}`,
    {
      signer: 'kubernetes.io/kube-apiserver-client-kubelet',
      username: 'system:bootstrap:7k2q1x',
      cn: `system:node:${w2}`,
      groups: [
        'system:bootstrappers',
        'system:bootstrappers:kubeadm:default-node-token',
        'system:authenticated',
      ],
      usages: ['digital signature', 'client auth'],
      created: '2026-11-20T06:58:02Z',
    },
  );
  csr(c, 'dev-alice', {
    signer: 'kubernetes.io/kube-apiserver-client',
    username: 'kubernetes-admin',
    cn: 'alice',
    groups: ['kubeadm:cluster-admins', 'system:authenticated'],
    usages: ['client auth'],
    created: '2026-11-20T09:10:44Z',
    approved: '2026-11-20T09:11:02Z',
  });

  builtinApiServices(c);

  // Quotas count the pods above.
  resourceQuotas(c, [
    'reports/reports-quota pods=20,requests.cpu=4,requests.memory=8Gi',
  ]);

  return snapshotDocument(c);
}

// ---------------------------------------------------------------------------------
// dev-1: single-node minikube

function dev1() {
  const c = new Cluster('dev-1');
  const n = 'dev-1';
  node(c, n, {
    role: 'control-plane',
    taintControlPlane: false,
    ip: '192.168.49.2',
    cpu: '8',
    memory: '16318268Ki',
    reservedMemKi: 0,
    podCIDR: '10.244.0.0/24',
    runtime: 'docker://28.4.0',
    criSocket: 'unix:///var/run/cri-dockerd.sock',
    os: 'Ubuntu 22.04.5 LTS',
    kernel: '6.8.0-87-generic',
    since: '2026-11-17T08:41:22Z',
    created: '2026-11-17T08:41:22Z',
    labels: {
      'minikube.k8s.io/commit': '65318f4cfff9c12cc87ec9eb8f4cdd57b25047f3',
      'minikube.k8s.io/name': 'dev-1',
      'minikube.k8s.io/primary': 'true',
      'minikube.k8s.io/updated_at': '2026_11_17T09_41_27_0700',
      'minikube.k8s.io/version': 'v1.37.0',
    },
  });
  namespaces(c, [
    ['default', { created: c.created }],
    ['kube-node-lease', { created: c.created }],
    ['kube-public', { created: c.created }],
    ['kube-system', { created: c.created }],
  ]);

  serviceAccounts(c, 'coredns kube-proxy storage-provisioner');

  kubeadmControlPlane(c, n, {
    etcdPeers: [{ name: n, ip: '192.168.49.2' }],
    port: 8443,
    common: {
      created: '2026-11-17T08:41:23Z',
      started: '2026-11-17T08:41:16Z',
      seen: '2026-11-17T08:41:15.402771920Z',
    },
    apiserverFlags: ip => apiserverFlags(ip, c.row.apiserver),
  });
  lease(c, 'kube-controller-manager', {
    holder: `dev-1_${uid('dev-kcm')}`,
    acquireTime: '2026-11-17T08:41:31.778210Z',
    renewTime: microTime(REF - 1 * SEC, 992014),
    transitions: 0,
    created: '2026-11-17T08:41:31Z',
  });
  lease(c, 'kube-scheduler', {
    holder: `dev-1_${uid('dev-sched')}`,
    acquireTime: '2026-11-17T08:41:30.512876Z',
    renewTime: microTime(REF - 1 * SEC, 310556),
    transitions: 0,
    created: '2026-11-17T08:41:30Z',
  });
  apiserverLease(c, n, REF - 8 * SEC, 443120);
  kubernetesEndpointSlice(c, ['192.168.49.2'], 8443, {
    created: c.created,
    generation: 1,
  });
  kubeProxy(c, [n], {
    created: '2026-11-17T08:41:27Z',
    podCreated: '2026-11-17T08:41:33Z',
  });
  coreDns(c, [n], {
    replicas: 1,
    created: '2026-11-17T08:41:27Z',
    rolled: '2026-11-17T08:41:33Z',
    image: 'registry.k8s.io/coredns/coredns:v1.12.4',
  });
  // minikube's storage provisioner is a bare pod in kube-system.
  pod(c, 'storage-provisioner', {
    namespace: 'kube-system',
    node: n,
    labels: {
      'addonmanager.kubernetes.io/mode': 'Reconcile',
      'integration-test': 'storage-provisioner',
    },
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"addonmanager.kubernetes.io/mode":"Reconcile","integration-test":"storage-provisioner"},"name":"storage-provisioner","namespace":"kube-system"},"spec":{"containers":[{"command":["/storage-provisioner"],"image":"gcr.io/k8s-minikube/storage-provisioner:v5","imagePullPolicy":"IfNotPresent","name":"storage-provisioner","volumeMounts":[{"mountPath":"/tmp","name":"tmp"}]}],"hostNetwork":true,"serviceAccountName":"storage-provisioner","volumes":[{"hostPath":{"path":"/tmp","type":"Directory"},"name":"tmp"}]}}\n',
    },
    serviceAccount: 'storage-provisioner',
    hostNetwork: true,
    created: '2026-11-17T08:41:35Z',
    restarts: 1,
    volumes: [{ hostPath: { path: '/tmp', type: 'Directory' }, name: 'tmp' }],
    containers: [
      {
        name: 'storage-provisioner',
        image: 'gcr.io/k8s-minikube/storage-provisioner:v5',
        command: ['/storage-provisioner'],
        volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
      },
    ],
  });

  defaultRbac(c);
  kubeadmRbac(c);
  clusterRoles(c, {
    'system:persistent-volume-provisioner': [
      'core persistentvolumes create,delete,get,list,watch',
      'core persistentvolumeclaims get,list,update,watch',
      'storage.k8s.io storageclasses get,list,watch',
      'core,events.k8s.io events watch,create,patch,update',
    ],
  });
  clusterRoleBindings(c, [
    [
      'minikube-rbac cluster-admin sa:kube-system/default',
      { created: '2026-11-17T08:41:27Z' },
    ],
    [
      'storage-provisioner system:persistent-volume-provisioner sa:kube-system/storage-provisioner',
      {
        labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
        created: '2026-11-17T08:41:34Z',
      },
    ],
  ]);

  builtinApiServices(c);
  for (const svc of c.items['apiservices.apiregistration.k8s.io']) {
    svc.metadata.creationTimestamp = '2026-11-17T08:41:20Z';
    svc.status.conditions[0].lastTransitionTime = '2026-11-17T08:41:20Z';
  }

  return snapshotDocument(c);
}

// ---------------------------------------------------------------------------------
// restricted.json: edge-1, read with the built-in `view` ClusterRole only

function restrictedCluster() {
  const c = new Cluster('edge-1');
  const cps = [1, 2, 3].map(i => ({
    name: `edge-1-cp-${i}`,
    ip: `10.50.0.${10 + i}`,
    zone: `eu-2${'abc'[i - 1]}`,
  }));
  const workers = [1, 2, 3].map(i => ({
    name: `edge-1-worker-${i}`,
    ip: `10.50.1.${10 + i}`,
    zone: `eu-2${'abc'[i - 1]}`,
  }));
  cps.forEach((n, i) =>
    node(c, n.name, {
      role: 'control-plane',
      ip: n.ip,
      zone: n.zone,
      podCIDR: `10.244.${i}.0/24`,
      cni: 'calico',
    }),
  );
  workers.forEach((n, i) =>
    node(c, n.name, {
      role: 'worker',
      ip: n.ip,
      zone: n.zone,
      cpu: '8',
      memory: '32883264Ki',
      podCIDR: `10.244.${i + 3}.0/24`,
      cni: 'calico',
    }),
  );
  const cpNames = cps.map(n => n.name);
  const workerNames = workers.map(n => n.name);
  const [w1, w2, w3] = workerNames;

  namespaces(c, [
    'default',
    'kube-node-lease',
    'kube-public',
    'kube-system',
    [
      'analytics pod-security.kubernetes.io/enforce=restricted,pod-security.kubernetes.io/enforce-version=latest,team=data',
      { created: '2025-10-07T09:14:20Z' },
    ],
  ]);

  serviceAccounts(
    c,
    'calico-node cluster-autoscaler coredns dns-autoscaler kube-proxy metrics-server',
  );

  const etcdPeers = cps.map(n => ({ name: n.name, ip: n.ip }));
  for (const n of cps) {
    kubeadmControlPlane(c, n.name, {
      etcdPeers,
      common: {
        created: '2026-10-29T06:40:12Z',
        started: '2026-10-29T06:40:13Z',
      },
      apiserverFlags: ip => apiserverFlags(ip, c.row.apiserver),
    });
  }
  kubernetesEndpointSlice(
    c,
    cps.map(n => n.ip),
  );
  etcdBackup(c, 'etcd-snapshot', {
    labels: { 'app.kubernetes.io/name': 'etcd-snapshot' },
    schedule: '17 * * * *',
    script:
      'etcdctl snapshot save /var/backups/etcd/latest.db && rclone copy /var/backups/etcd remote:etcd-edge-1',
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { memory: '512Mi' },
    last: '2026-11-20T09:17:00Z',
    job: {
      phase: 'Succeeded',
      node: cpNames[1],
      finished: '2026-11-20T09:17:40Z',
    },
    lastSuccessfulTime: '2026-11-20T09:17:41Z',
  });
  kubeProxy(c, [...cpNames, ...workerNames]);
  daemonSet(c, 'calico-node', {
    namespace: 'kube-system',
    labels: { 'k8s-app': 'calico-node' },
    nodes: [...cpNames, ...workerNames],
    hostNetwork: true,
    serviceAccount: 'calico-node',
    priorityClassName: NODE_CRITICAL,
    containers: [
      {
        name: 'calico-node',
        image: 'quay.io/calico/node:v3.30.3',
        requests: { cpu: '250m', memory: '256Mi' },
        securityContext: { privileged: true },
      },
    ],
  });
  coreDns(c, [w1, w2]);
  pdbs(c, [
    'kube-system/coredns k8s-app=kube-dns maxUnavailable=1 2',
    'analytics/dashboard-api app.kubernetes.io/name=dashboard-api maxUnavailable=1 2',
  ]);
  deployment(c, 'dns-autoscaler', {
    namespace: 'kube-system',
    nodes: [w3],
    labels: { 'k8s-app': 'dns-autoscaler' },
    serviceAccount: 'dns-autoscaler',
    containers: [
      {
        name: 'autoscaler',
        image: 'registry.k8s.io/cpa/cluster-proportional-autoscaler:v1.10.2',
        requests: { cpu: '20m', memory: '10Mi' },
        limits: { memory: '64Mi' },
      },
    ],
  });
  deployment(c, 'cluster-autoscaler', {
    namespace: 'kube-system',
    nodes: [w2],
    labels: { 'app.kubernetes.io/name': 'cluster-autoscaler' },
    serviceAccount: 'cluster-autoscaler',
    containers: [
      {
        name: 'cluster-autoscaler',
        image: 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.0',
        requests: { cpu: '100m', memory: '300Mi' },
        limits: { memory: '600Mi' },
      },
    ],
  });
  metricsServer(c, [w1, w3]);
  serviceAccount(c, 'analytics', 'dashboard-api');
  deployment(c, 'dashboard-api', {
    namespace: 'analytics',
    nodes: [w1, w3],
    labels: { 'app.kubernetes.io/name': 'dashboard-api' },
    serviceAccount: 'dashboard-api',
    securityContext: RESTRICTED_POD,
    containers: [
      {
        name: 'api',
        image: 'registry.example.com/data/dashboard-api:3.1.0',
        requests: { cpu: '250m', memory: '512Mi' },
        limits: { memory: '768Mi' },
        securityContext: RESTRICTED_CONTAINER,
      },
    ],
  });

  hpa(c, 'analytics/dashboard-api', 2, 6);
  limitRange(c, 'analytics');
  standardNetworkPolicies(c, 'analytics');

  // Quotas count the pods above.
  resourceQuotas(c, [
    'analytics/compute pods=30,requests.cpu=8,requests.memory=16Gi,limits.memory=24Gi',
  ]);

  // Only what `view` may read is collected; everything else is a 403.
  return snapshotDocument(c);
}

// ---------------------------------------------------------------------------------
// kubectl-list: `kubectl get <README types> -A -o json` of a 3-node kubeadm cluster

/** `fieldsV1` of a managedFields entry for the given part of an object. */
function fieldsOf(value, depth) {
  if (
    !value ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    depth === 0
  ) {
    return {};
  }
  const out = {};
  for (const k of Object.keys(value).sort()) {
    const v = value[k];
    out[`f:${k}`] =
      v && typeof v === 'object' && !Array.isArray(v) && depth > 1
        ? { '.': {}, ...fieldsOf(v, depth - 1) }
        : {};
  }
  return out;
}

function newestIn(value, current) {
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)
  ) {
    const t = Date.parse(value);
    return Number.isFinite(t) && t > current ? t : current;
  }
  if (value && typeof value === 'object') {
    let n = current;
    for (const v of Object.values(value)) n = newestIn(v, n);
    return n;
  }
  return current;
}

/** Who writes an object and its status, as the API server records in managedFields. */
function managers(obj) {
  const m = obj.metadata;
  const ns = m.namespace;
  const owner = m.ownerReferences?.[0]?.kind;
  switch (obj.kind) {
    case 'Node':
      return ['kubeadm', 'kubelet'];
    case 'Pod':
      if (owner === 'Node') return ['kubelet', 'kubelet'];
      return ['kube-controller-manager', 'kubelet'];
    case 'Lease':
      if (m.name === 'kube-scheduler') return ['kube-scheduler'];
      if (m.name === 'kube-controller-manager')
        return ['kube-controller-manager'];
      if (m.name.startsWith('apiserver-')) return ['kube-apiserver'];
      return ['kubelet'];
    case 'EndpointSlice':
      return [
        m.name === 'kubernetes' ? 'kube-apiserver' : 'kube-controller-manager',
      ];
    case 'ServiceAccount':
      return [
        m.name === 'default' || ns === 'kube-system'
          ? 'kube-controller-manager'
          : 'kubectl-client-side-apply',
      ];
    case 'ConfigMap':
      if (m.name === 'kube-root-ca.crt') return ['kube-controller-manager'];
      if (
        m.name === 'extension-apiserver-authentication' ||
        m.name === 'kube-apiserver-legacy-service-account-token-tracking'
      ) {
        return ['kube-apiserver'];
      }
      return [
        ns === 'kube-system' || ns === 'kube-public'
          ? 'kubeadm'
          : 'kubectl-client-side-apply',
      ];
    case 'Namespace':
      return [
        ['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(
          m.name,
        )
          ? 'kube-apiserver'
          : 'kubectl-client-side-apply',
      ];
    case 'ClusterRole':
    case 'ClusterRoleBinding':
    case 'RoleBinding':
      if (
        m.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults' &&
        !m.name.startsWith('kubeadm:')
      ) {
        return ['kube-apiserver'];
      }
      return [
        m.name.startsWith('kubeadm:') || m.name === 'kube-proxy'
          ? 'kubeadm'
          : 'kubectl-client-side-apply',
      ];
    case 'CertificateSigningRequest':
      return ['kubelet', 'kube-controller-manager'];
    case 'APIService':
      return [
        m.labels?.['kube-aggregator.kubernetes.io/automanaged']
          ? 'kube-apiserver'
          : 'kubectl-client-side-apply',
        'kube-apiserver',
      ];
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'CronJob':
    case 'PodDisruptionBudget':
    case 'HorizontalPodAutoscaler':
    case 'ResourceQuota':
      return [
        ns === 'kube-system' && ['coredns', 'kube-proxy'].includes(m.name)
          ? 'kubeadm'
          : 'kubectl-client-side-apply',
        'kube-controller-manager',
      ];
    default:
      return ['kubectl-client-side-apply'];
  }
}

function withManagedFields(obj) {
  const [creator, statusWriter] = managers(obj);
  const created = obj.metadata.creationTimestamp;
  const { metadata, status, apiVersion: _a, kind: _k, ...rest } = obj;
  const metaFields = {};
  if (metadata.labels)
    metaFields['f:labels'] = { '.': {}, ...fieldsOf(metadata.labels, 1) };
  if (metadata.annotations)
    metaFields['f:annotations'] = {
      '.': {},
      ...fieldsOf(metadata.annotations, 1),
    };
  if (metadata.ownerReferences) {
    metaFields['f:ownerReferences'] = {
      '.': {},
      [`k:{"uid":"${metadata.ownerReferences[0].uid}"}`]: {},
    };
  }
  if (metadata.generateName) metaFields['f:generateName'] = {};
  const entries = [
    {
      apiVersion: obj.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': metaFields, ...fieldsOf(rest, 3) },
      manager: creator,
      operation: 'Update',
      time: created,
    },
  ];
  if (status && Object.keys(status).length && statusWriter) {
    entries.push({
      apiVersion: obj.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': fieldsOf(status, 2) },
      manager: statusWriter,
      operation: 'Update',
      subresource: 'status',
      time: iso(Math.max(Date.parse(created), newestIn(status, 0))),
    });
  }
  if (obj.kind === 'Lease' && obj.spec?.renewTime) {
    entries[0].time = iso(
      Math.floor(Date.parse(obj.spec.renewTime) / 1000) * 1000,
    );
  }
  return { ...obj, metadata: { ...metadata, managedFields: entries } };
}

function kubectlList() {
  const c = new Cluster('lab-1');
  const cp = 'lab-1-cp';
  const [w1, w2] = ['lab-1-worker-1', 'lab-1-worker-2'];
  const debian = {
    os: 'Debian GNU/Linux 13 (trixie)',
    kernel: '6.12.48+deb13-amd64',
  };
  nodes(
    c,
    {
      role: 'worker',
      cpu: '4',
      memory: '8148772Ki',
      cni: 'flannel',
      ...debian,
    },
    {
      [cp]: {
        role: 'control-plane',
        ip: '10.0.10.11',
        cpu: '2',
        memory: '4015400Ki',
        created: '2026-09-08T13:04:40Z',
        since: '2026-11-02T18:20:11Z',
      },
      [w1]: {
        ip: '10.0.10.21',
        created: '2026-09-08T13:12:02Z',
        since: '2026-11-02T18:31:40Z',
      },
      [w2]: {
        ip: '10.0.10.22',
        created: '2026-09-08T13:12:09Z',
        since: '2026-11-02T18:35:02Z',
      },
    },
  );
  const all = [cp, w1, w2];

  namespaces(c, [
    'default',
    [
      'guestbook',
      {
        created: '2026-09-09T10:15:30Z',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"guestbook"}}\n',
        },
      },
    ],
    [
      'kube-flannel k8s-app=flannel,pod-security.kubernetes.io/enforce=privileged',
      { created: '2026-09-08T13:06:12Z' },
    ],
    'kube-node-lease',
    'kube-public',
    'kube-system',
  ]);

  serviceAccount(c, 'kube-flannel', 'flannel', {
    created: '2026-09-08T13:06:12Z',
  });
  serviceAccount(c, 'guestbook', 'frontend', {
    created: '2026-09-09T10:15:31Z',
  });
  serviceAccounts(c, 'coredns kube-proxy metrics-server');

  kubeadmControlPlane(c, cp, {
    etcdPeers: [{ name: cp, ip: '10.0.10.11' }],
    common: {
      created: '2026-11-02T18:20:31Z',
      started: '2026-11-02T18:20:32Z',
    },
    apiserverFlags: ip => apiserverFlags(ip),
  });
  // Node heartbeats (kube-node-lease), then the kube-system leases.
  [cp, w1, w2].forEach((n, i) =>
    lease(c, n, {
      namespace: 'kube-node-lease',
      holder: n,
      duration: 40,
      renewTime: microTime(REF - (9 + 2 * i) * SEC, 310042 + i),
      created: c.items.nodes[i].metadata.creationTimestamp,
      owner: { apiVersion: 'v1', kind: 'Node', name: n },
    }),
  );
  lease(c, 'kube-controller-manager', {
    holder: `${cp}_${uid('lab-kcm')}`,
    acquireTime: '2026-11-02T18:21:02.440219Z',
    renewTime: microTime(REF - 2 * SEC, 802113),
    transitions: 6,
    created: '2026-09-08T13:04:58Z',
  });
  lease(c, 'kube-scheduler', {
    holder: `${cp}_${uid('lab-sched')}`,
    acquireTime: '2026-11-02T18:21:00.118204Z',
    renewTime: microTime(REF - 3 * SEC, 95531),
    transitions: 6,
    created: '2026-09-08T13:04:57Z',
  });
  apiserverLease(c, cp, REF - 14 * SEC, 662301);
  kubernetesEndpointSlice(c, ['10.0.10.11'], 6443, { generation: 1 });
  kubeProxy(c, all, { podCreated: '2026-11-02T18:24:10Z' });
  coreDns(c, [w1, w2], { rolled: '2026-11-02T18:24:12Z' });
  metricsServer(c, [w1], { created: '2026-09-08T13:20:11Z' });
  flannel(c, all, {
    namespace: 'kube-flannel',
    image: 'ghcr.io/flannel-io/flannel:v0.27.4',
    created: '2026-09-08T13:06:12Z',
    podCreated: '2026-11-02T18:24:20Z',
  });

  // guestbook
  const applied = (kind, name, extra = '') =>
    `{"apiVersion":"${
      kind === 'Deployment' ? 'apps/v1' : 'v1'
    }","kind":"${kind}","metadata":{"annotations":{},"name":"${name}","namespace":"guestbook"}${extra}}\n`;
  deployment(c, 'frontend', {
    namespace: 'guestbook',
    nodes: [w1, w2],
    labels: { app: 'guestbook', tier: 'frontend' },
    serviceAccount: 'frontend',
    created: '2026-09-09T10:15:31Z',
    rolled: '2026-11-02T18:40:02Z',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': applied(
        'Deployment',
        'frontend',
      ),
    },
    containers: [
      {
        name: 'php-redis',
        image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
        env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        requests: { cpu: '100m', memory: '100Mi' },
        limits: { memory: '200Mi' },
      },
    ],
  });
  deployment(c, 'redis-leader', {
    namespace: 'guestbook',
    nodes: [w2],
    labels: { app: 'redis', role: 'leader', tier: 'backend' },
    podLabels: { app: 'redis' },
    extraPodLabels: { role: 'leader', tier: 'backend' },
    created: '2026-09-09T10:15:31Z',
    rolled: '2026-11-02T18:40:02Z',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': applied(
        'Deployment',
        'redis-leader',
      ),
    },
    containers: [
      {
        name: 'leader',
        image: 'docker.io/redis:8.2.2',
        ports: [{ containerPort: 6379, protocol: 'TCP' }],
        requests: { cpu: '100m', memory: '100Mi' },
      },
    ],
  });
  statefulSet(c, 'redis-replica', {
    namespace: 'guestbook',
    nodes: [w1, w2],
    labels: { app: 'redis', role: 'replica', tier: 'backend' },
    podLabels: { app: 'redis', role: 'replica' },
    extraPodLabels: { tier: 'backend' },
    serviceAccount: 'default',
    storage: '1Gi',
    storageClass: 'local-path',
    created: '2026-09-09T10:15:31Z',
    podCreated: '2026-11-02T18:40:05Z',
    containers: [
      {
        name: 'replica',
        image: 'docker.io/redis:8.2.2',
        args: ['--replicaof', 'redis-leader', '6379'],
        ports: [{ containerPort: 6379, protocol: 'TCP' }],
        requests: { cpu: '100m', memory: '100Mi' },
        limits: { memory: '200Mi' },
        volumeMounts: [{ mountPath: '/data', name: 'data' }],
      },
    ],
  });
  etcdBackup(c, 'etcd-backup', {
    schedule: '30 3 * * *',
    created: '2026-09-08T14:02:10Z',
    backup: {
      hostPath: { path: '/srv/backup/etcd', type: 'DirectoryOrCreate' },
    },
    script: `${ETCDCTL} snapshot save /backup/etcd-$(date +%F).db`,
    last: '2026-11-20T03:30:00Z',
    job: { phase: 'Succeeded', node: cp, finished: '2026-11-20T03:30:18Z' },
    lastSuccessfulTime: '2026-11-20T03:30:19Z',
  });
  pdbs(c, [
    [
      'guestbook/frontend app=guestbook,tier=frontend minAvailable=1 2',
      { created: '2026-09-09T10:15:32Z' },
    ],
  ]);
  hpa(c, 'guestbook/frontend', 2, 5, {
    created: '2026-09-09T10:15:32Z',
    lastScaleTime: '2026-11-02T18:45:10Z',
  });
  limitRange(c, 'guestbook', 'container-defaults', {
    created: '2026-09-09T10:15:30Z',
  });
  networkPolicy(
    c,
    'guestbook',
    'redis-from-frontend',
    {
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchLabels: { app: 'guestbook', tier: 'frontend' },
              },
            },
          ],
          ports: [{ port: 6379, protocol: 'TCP' }],
        },
      ],
      podSelector: { matchLabels: { app: 'redis' } },
      policyTypes: ['Ingress'],
    },
    { created: '2026-09-09T10:15:32Z' },
  );

  // ConfigMaps of every namespace (only kube-system/cluster-autoscaler-status is read).
  const caPem = fakePem('CERTIFICATE', 'lab-1/ca', 10);
  for (const ns of [
    'default',
    'guestbook',
    'kube-flannel',
    'kube-node-lease',
    'kube-public',
    'kube-system',
  ]) {
    configMap(
      c,
      ns,
      'kube-root-ca.crt',
      { 'ca.crt': caPem },
      {
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      },
    );
  }
  configMap(c, 'kube-public', 'cluster-info', {
    kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${b64(
      caPem,
    )}\n    server: https://10.0.10.11:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
  });
  configMap(c, 'kube-system', 'coredns', {
    Corefile:
      '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n',
  });
  configMap(c, 'kube-system', 'kubeadm-config', {
    ClusterConfiguration: `apiServer: {}\napiVersion: kubeadm.k8s.io/v1beta4\ncaCertificateValidityPeriod: 87600h0m0s\ncertificateValidityPeriod: 8760h0m0s\ncertificatesDir: /etc/kubernetes/pki\nclusterName: kubernetes\ncontrollerManager: {}\ndns: {}\nencryptionAlgorithm: RSA-2048\netcd:\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: registry.k8s.io\nkind: ClusterConfiguration\nkubernetesVersion: v1.35.9\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\nproxy: {}\nscheduler: {}\n`,
  });
  configMap(
    c,
    'kube-system',
    'kube-proxy',
    {
      'config.conf':
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: ""\n',
      kubeconfig:
        'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: https://10.0.10.11:6443\n  name: default\n',
    },
    { labels: { app: 'kube-proxy' } },
  );
  configMap(c, 'kube-system', 'kubelet-config', {
    kubelet:
      'apiVersion: kubelet.config.k8s.io/v1beta1\nauthentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true\nauthorization:\n  mode: Webhook\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nkind: KubeletConfiguration\nrotateCertificates: true\nserverTLSBootstrap: true\n',
  });
  configMap(
    c,
    'kube-system',
    'extension-apiserver-authentication',
    {
      'client-ca-file': caPem,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': fakePem(
        'CERTIFICATE',
        'lab-1/front-proxy-ca',
        10,
      ),
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    },
    { created: '2026-09-08T13:04:47Z' },
  );
  configMap(
    c,
    'kube-flannel',
    'kube-flannel-cfg',
    {
      'cni-conf.json':
        '{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n',
      'net-conf.json':
        '{\n  "Network": "10.244.0.0/16",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n',
    },
    {
      labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
      created: '2026-09-08T13:06:12Z',
    },
  );

  // EndpointSlices of the other Services (only default/kubernetes is read).
  const slice = (ns, service, endpoints, ports) =>
    c.add('endpointslices.discovery.k8s.io', {
      addressType: 'IPv4',
      apiVersion: 'discovery.k8s.io/v1',
      endpoints: endpoints.map(p => ({
        addresses: [p.status.podIP],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: p.spec.nodeName,
        targetRef: {
          kind: 'Pod',
          name: p.metadata.name,
          namespace: ns,
          uid: p.metadata.uid,
        },
      })),
      kind: 'EndpointSlice',
      metadata: meta(
        c,
        'EndpointSlice',
        `${service}-${suffix(`lab/${ns}/${service}`, 5)}`,
        {
          namespace: ns,
          generateName: `${service}-`,
          generation: 3,
          created: '2026-11-02T18:24:30Z',
          labels: {
            'endpointslice.kubernetes.io/managed-by':
              'endpointslice-controller.k8s.io',
            'kubernetes.io/service-name': service,
          },
          annotations: {
            'endpoints.kubernetes.io/last-change-trigger-time':
              '2026-11-02T18:40:12Z',
          },
          owner: {
            apiVersion: 'v1',
            kind: 'Service',
            name: service,
            namespace: ns,
          },
        },
      ),
      ports,
    });
  const podsOf = (ns, label, value) =>
    c.items.pods.filter(
      p => p.metadata.namespace === ns && p.metadata.labels?.[label] === value,
    );
  slice(
    'kube-system',
    'kube-dns',
    podsOf('kube-system', 'k8s-app', 'kube-dns'),
    [
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ],
  );
  slice(
    'kube-system',
    'metrics-server',
    podsOf('kube-system', 'k8s-app', 'metrics-server'),
    [{ name: 'https', port: 10250, protocol: 'TCP' }],
  );
  slice('guestbook', 'frontend', podsOf('guestbook', 'tier', 'frontend'), [
    { name: '', port: 80, protocol: 'TCP' },
  ]);
  slice('guestbook', 'redis-leader', podsOf('guestbook', 'role', 'leader'), [
    { name: '', port: 6379, protocol: 'TCP' },
  ]);

  defaultRbac(c);
  kubeadmRbac(c);

  csr(c, 'csr-h2k9p', {
    signer: 'kubernetes.io/kubelet-serving',
    username: `system:node:${w2}`,
    groups: ['system:nodes', 'system:authenticated'],
    usages: ['digital signature', 'server auth'],
    created: '2026-11-20T09:31:04Z',
    approved: '2026-11-20T09:33:40Z',
  });
  builtinApiServices(c);

  // Quotas count the pods above.
  resourceQuotas(c, [
    [
      'guestbook/compute requests.cpu=2,requests.memory=2Gi,pods=10',
      { created: '2026-09-09T10:15:30Z' },
    ],
  ]);

  checkNodeCount(c);
  const order = KEYS.filter(k => !OPTIONAL_KEYS.includes(k));
  const items = [];
  for (const key of order) {
    for (const obj of [...c.items[key]].sort(byNamespaceAndName)) {
      items.push(sortKeysDeep(withManagedFields(obj)));
    }
  }
  return {
    apiVersion: 'v1',
    items,
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

// ---------------------------------------------------------------------------------

/**
 * Writes the fixtures into `--out <dir>` (default: this folder), or with `--check`
 * writes nothing and exits 1 naming every file there that differs from what this
 * script generates.
 */
function main(argv) {
  const check = argv.includes('--check');
  const out = argv.indexOf('--out');
  if (out >= 0 && !argv[out + 1]) {
    process.stderr.write('build-fixtures.js: --out needs a directory\n');
    process.exitCode = 2;
    return;
  }
  const dir = out >= 0 ? path.resolve(argv[out + 1]) : OUT;
  const files = Object.fromEntries(
    Object.values(CLUSTERS).map(row => [row.file, row.build()]),
  );
  const stale = [];
  for (const [file, doc] of Object.entries(files)) {
    const text = `${format(doc)}\n`;
    const size = Buffer.byteLength(text);
    if (size > 1024 * 1024)
      throw new Error(`${file} is ${size} bytes, over 1 MB`);
    const target = path.join(dir, file);
    if (!check) {
      fs.writeFileSync(target, text);
      process.stdout.write(`${file}: ${Math.round(size / 1024)} KiB\n`);
    } else if (!fs.existsSync(target)) {
      stale.push(`${file} (missing)`);
    } else if (fs.readFileSync(target, 'utf8') !== text) {
      stale.push(file);
    }
  }
  if (stale.length) {
    process.stderr.write(
      `${dir}: not what build-fixtures.js generates: ${stale.join(', ')}. ` +
        'Run node examples/snapshots/build-fixtures.js\n',
    );
    process.exitCode = 1;
  } else if (check) {
    process.stdout.write(
      `${dir}: all ${Object.keys(files).length} fixtures up to date\n`,
    );
  }
}

if (require.main === module) main(process.argv.slice(2));
