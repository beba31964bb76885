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
 *   prod-eu-1.json     kubeadm HA cluster, healthy: grade A
 *   prod-us-1.json     EKS-style managed cluster with a few warnings: grade B
 *   staging-1.json     degraded self-hosted cluster: grade F
 *   dev-1.json         single-node minikube: poor grade, workload checks not-applicable
 *   restricted.json    read with the `view` ClusterRole only: many reads denied
 *   kubectl-list.json  `kubectl get <README types> -A -o json` of a 3-node cluster
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
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Math.round(Number(s) * 1000);
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
  constructor(name, o) {
    this.name = name;
    this.created = o.created;
    this.version = o.version; // kubelet / component version, e.g. v1.35.9
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
        uid: o.owner.uid ?? c.ref(o.owner.kind, o.owner.namespace, o.owner.name),
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  if (o.finalizers) m.finalizers = o.finalizers;
  return m;
}

function rule(apiGroups, resources, verbs, extra = {}) {
  return { apiGroups, resources, verbs, ...extra };
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
 * A node. `o.role` control-plane|worker, `o.zone`, `o.ip`, `o.runtime`
 * (containerd://2.1.4), `o.kubelet`, `o.cpu`/`o.memory` capacity, `o.ready`
 * (true|false|'Unknown'), `o.cordoned`, `o.taints`, `o.npd` (report NPD conditions),
 * `o.labels`, `o.providerID`, `o.os`.
 */
function node(c, name, o) {
  const heartbeat = o.heartbeat ?? REF - 20 * SEC - (digest(name)[0] % 200) * SEC;
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
  const allocMemory = `${memBytes(memory) / Ki - (o.reservedMemKi ?? 102400)}Ki`;
  const ready = o.ready ?? true;
  const lastHb = iso(heartbeat);
  const cond = (type, status, reason, message, transition = since) => ({
    lastHeartbeatTime: lastHb,
    lastTransitionTime: transition,
    message,
    reason,
    status,
    type,
  });
  const conditions = [];
  if (o.cni === 'calico') {
    conditions.push({
      lastHeartbeatTime: o.calicoHeartbeat ?? since,
      lastTransitionTime: since,
      message: 'Calico is running on this node',
      reason: 'CalicoIsUp',
      status: 'False',
      type: 'NetworkUnavailable',
    });
  }
  if (o.cni === 'flannel') {
    conditions.push({
      lastHeartbeatTime: since,
      lastTransitionTime: since,
      message: 'Flannel is running on this node',
      reason: 'FlannelIsUp',
      status: 'False',
      type: 'NetworkUnavailable',
    });
  }
  if (o.npd) {
    conditions.push(
      cond('KernelDeadlock', 'False', 'KernelHasNoDeadlock', 'kernel has no deadlock'),
      cond(
        'ReadonlyFilesystem',
        'False',
        'FilesystemIsNotReadOnly',
        'Filesystem is not read-only',
      ),
      cond(
        'FrequentKubeletRestart',
        'False',
        'NoFrequentKubeletRestart',
        'kubelet is functioning properly',
      ),
      cond(
        'FrequentContainerdRestart',
        'False',
        'NoFrequentContainerdRestart',
        'containerd is functioning properly',
      ),
    );
  }
  if (ready === 'Unknown') {
    const lost = o.lostAt;
    const unknown = (type) => ({
      lastHeartbeatTime: o.lastSeen,
      lastTransitionTime: lost,
      message: 'Kubelet stopped posting node status.',
      reason: 'NodeStatusUnknown',
      status: 'Unknown',
      type,
    });
    conditions.push(
      unknown('MemoryPressure'),
      unknown('DiskPressure'),
      unknown('PIDPressure'),
      unknown('Ready'),
    );
  } else {
    conditions.push(
      cond(
        'MemoryPressure',
        'False',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
      ),
      cond(
        'DiskPressure',
        'False',
        'KubeletHasNoDiskPressure',
        'kubelet has no disk pressure',
      ),
      cond(
        'PIDPressure',
        'False',
        'KubeletHasSufficientPID',
        'kubelet has sufficient PID available',
      ),
      ready
        ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
        : cond(
            'Ready',
            'False',
            'KubeletNotReady',
            'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
          ),
    );
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
        ...(o.externalIP ? [{ address: o.externalIP, type: 'ExternalIP' }] : []),
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

// Pods -----------------------------------------------------------------------------

const DEFAULT_TOLERATIONS = [
  {
    effect: 'NoExecute',
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    tolerationSeconds: 300,
  },
  {
    effect: 'NoExecute',
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    tolerationSeconds: 300,
  },
];

const DS_TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];

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
  if (o.node && !info) throw new Error(`${c.name}: no node ${o.node} for ${name}`);
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
                  fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
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
    spec.initContainers = o.initContainers.map(x => containerSpec(x, apiVolume));
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
            cond('Ready', ready ? 'True' : 'False', readyTime, ready ? undefined : 'ContainersNotReady'),
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
      const id = `${runtime}://${hex(`ctr:${c.name}/${ns}/${name}/${x.name}`, 64)}`;
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
            message: `back-off 5m0s restarting failed container=${x.name} pod=${name}_${ns}(${c.ref('Pod', ns, name)})`,
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
        ready: phase === 'Running' && (o.ready ?? true) && !(o.crashLoop && i === 0),
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
  return `${c.podNetwork ?? '10.244'}.${n * 4 + (h[0] % 4)}.${2 + (h[1] % 250)}`;
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
    annotations['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint'] = `${info.ip}:${o.port ?? 6443}`;
  }
  if (component === 'etcd') {
    annotations['kubeadm.kubernetes.io/etcd.advertise-client-urls'] = `https://${info.ip}:2379`;
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
        ...(paths[1] ? { readinessProbe: { ...probe(paths[1], 3), initialDelaySeconds: undefined } } : {}),
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
  { name: 'etc-ca-certificates', hostPath: '/etc/ca-certificates', readOnly: true },
  { name: 'k8s-certs', hostPath: '/etc/kubernetes/pki', readOnly: true },
  { name: 'usr-local-share-ca-certificates', hostPath: '/usr/local/share/ca-certificates', readOnly: true },
  { name: 'usr-share-ca-certificates', hostPath: '/usr/share/ca-certificates', readOnly: true },
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
    'kubelet-client-certificate': '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
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
    `--initial-cluster=${peers.map(p => `${p.name}=https://${p.ip}:2380`).join(',')}`,
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
      { name: 'flexvolume-dir', hostPath: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec' },
      { name: 'kubeconfig', hostPath: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate', readOnly: true },
    ],
  });
  mirrorPod(c, 'kube-scheduler', nodeName, {
    ...o.common,
    flags: SCHEDULER_FLAGS,
    mounts: [
      { name: 'kubeconfig', hostPath: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate', readOnly: true },
    ],
  });
}

// Workloads ------------------------------------------------------------------------

function podTemplateHash(c, ns, name) {
  return suffix(`${c.name}/${ns}/${name}/rs`, 10);
}

/**
 * A Deployment and its pods. `o.namespace`, `o.replicas`, `o.nodes` (one per pod,
 * `null` for a Pending pod), `o.labels` (Deployment), `o.podLabels` (selector and
 * template), `o.extraPodLabels`, `o.containers`, `o.serviceAccount`, `o.ready`,
 * `o.podOptions(i)`.
 */
function deployment(c, name, o) {
  const ns = o.namespace;
  const replicas = o.replicas;
  const hash = podTemplateHash(c, ns, name);
  const selector = o.podLabels;
  const templateLabels = { ...selector, ...(o.extraPodLabels ?? {}) };
  const created = o.created ?? c.created;
  const rolled = o.rolled ?? '2026-11-12T14:21:07Z';
  const readyCount = o.readyReplicas ?? replicas;
  const templateSpec = {
    ...(o.affinity ? { affinity: o.affinity } : {}),
    containers: o.containers.map(x => containerSpec(x)),
    dnsPolicy: 'ClusterFirst',
    ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
    ...(o.priorityClassName ? { priorityClassName: o.priorityClassName } : {}),
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: o.securityContext ?? {},
    ...(o.serviceAccount !== undefined
      ? { serviceAccount: o.serviceAccount, serviceAccountName: o.serviceAccount }
      : {}),
    terminationGracePeriodSeconds: 30,
    ...(o.tolerations ? { tolerations: o.tolerations } : {}),
    ...(o.topologySpread ? { topologySpreadConstraints: o.topologySpread } : {}),
  };
  c.add('deployments.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(c, 'Deployment', name, {
      namespace: ns,
      created,
      generation: o.generation ?? 4,
      labels: o.labels,
      annotations: { 'deployment.kubernetes.io/revision': String(o.revision ?? 4), ...o.annotations },
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
        metadata: { labels: templateLabels, ...(o.templateAnnotations ? { annotations: o.templateAnnotations } : {}) },
        spec: templateSpec,
      },
    },
    status: {
      ...(readyCount > 0 ? { availableReplicas: readyCount } : {}),
      conditions: [
        {
          lastTransitionTime: readyCount >= Math.min(replicas, 1) ? rolled : o.unavailableSince ?? rolled,
          lastUpdateTime: readyCount >= Math.min(replicas, 1) ? rolled : o.unavailableSince ?? rolled,
          message:
            readyCount >= replicas
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
          reason: readyCount >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
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
      ...(readyCount < replicas ? { unavailableReplicas: replicas - readyCount } : {}),
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
      owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, namespace: ns },
      serviceAccount: o.serviceAccount ?? 'default',
      containers: o.containers,
      created: o.podCreated ?? rolled,
      priorityClassName: o.priorityClassName,
      securityContext: o.securityContext,
      affinity: o.affinity,
      nodeSelector: o.nodeSelector,
      tolerations: o.tolerations ? [...o.tolerations, ...DEFAULT_TOLERATIONS] : undefined,
      ...extra,
    });
  }
}

/** A DaemonSet and one pod per node in `o.nodes`. */
function daemonSet(c, name, o) {
  const ns = o.namespace;
  const hash = suffix(`${c.name}/${ns}/${name}/ds`, 10);
  const selector = o.podLabels;
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
        spec: {
          containers: o.containers.map(x => containerSpec(x)),
          dnsPolicy: o.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
          ...(o.hostNetwork ? { hostNetwork: true } : {}),
          ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
          ...(o.priorityClassName ? { priorityClassName: o.priorityClassName } : {}),
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          serviceAccount: o.serviceAccount,
          serviceAccountName: o.serviceAccount,
          terminationGracePeriodSeconds: 30,
          tolerations,
        },
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
      ...(ready < nodes.length ? { numberUnavailable: nodes.length - ready } : {}),
      observedGeneration: 1,
      updatedNumberScheduled: nodes.length,
    },
  });
  nodes.forEach((nodeName, i) => {
    const podName = `${name}-${suffix(`${c.name}/${ns}/${name}/${nodeName}`, 5)}`;
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

/** A StatefulSet and its pods. */
function statefulSet(c, name, o) {
  const ns = o.namespace;
  const hash = `${name}-${suffix(`${c.name}/${ns}/${name}/sts`, 10)}`;
  const selector = o.podLabels;
  const ready = o.readyReplicas ?? o.replicas;
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
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: 'OrderedReady',
      replicas: o.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      serviceName: o.serviceName ?? name,
      template: {
        metadata: { labels: { ...selector, ...(o.extraPodLabels ?? {}) } },
        spec: {
          containers: o.containers.map(x => containerSpec(x)),
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: o.securityContext ?? {},
          serviceAccount: o.serviceAccount,
          serviceAccountName: o.serviceAccount,
          terminationGracePeriodSeconds: 60,
        },
      },
      updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
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
      currentReplicas: o.replicas,
      currentRevision: hash,
      observedGeneration: 2,
      readyReplicas: ready,
      replicas: o.replicas,
      updateRevision: hash,
      updatedReplicas: o.replicas,
    },
  });
  for (let i = 0; i < o.replicas; i++) {
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
      owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name, namespace: ns },
      serviceAccount: o.serviceAccount,
      containers: o.containers,
      securityContext: o.securityContext,
      created: o.podCreated,
      terminationGracePeriodSeconds: 60,
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-${podName}` } }],
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
            metadata: { creationTimestamp: null, labels: o.podLabels },
            spec: {
              containers: o.containers.map(x => containerSpec(x)),
              dnsPolicy: o.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
              ...(o.hostNetwork ? { hostNetwork: true } : {}),
              ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
              restartPolicy: 'OnFailure',
              schedulerName: 'default-scheduler',
              securityContext: {},
              ...(o.serviceAccount ? { serviceAccount: o.serviceAccount, serviceAccountName: o.serviceAccount } : {}),
              terminationGracePeriodSeconds: 30,
              ...(o.tolerations ? { tolerations: o.tolerations } : {}),
              ...(o.volumes ? { volumes: o.volumes } : {}),
            },
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
      ...(o.lastSuccessfulTime ? { lastSuccessfulTime: o.lastSuccessfulTime } : {}),
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
        ...o.podLabels,
        'batch.kubernetes.io/controller-uid': jobUid,
        'batch.kubernetes.io/job-name': jobName,
        'controller-uid': jobUid,
        'job-name': jobName,
      },
      owner: { apiVersion: 'batch/v1', kind: 'Job', name: jobName, namespace: ns },
      serviceAccount: o.serviceAccount ?? 'default',
      containers: o.containers,
      hostNetwork: o.hostNetwork,
      nodeSelector: o.nodeSelector,
      tolerations: o.tolerations ? [...o.tolerations, ...DEFAULT_TOLERATIONS] : undefined,
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

function limitRange(c, ns, name = 'container-defaults', o = {}) {
  return c.add('limitranges', {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta(c, 'LimitRange', name, { namespace: ns, created: o.created }),
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

function standardNetworkPolicies(c, ns, appLabel, o = {}) {
  networkPolicy(c, ns, 'default-deny-all', {
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
  }, o);
  networkPolicy(c, ns, 'allow-dns-egress', {
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
  }, o);
  if (appLabel) {
    networkPolicy(c, ns, `allow-${appLabel}-ingress`, {
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': o.from ?? 'ingress' } } },
          ],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
      podSelector: { matchLabels: { 'app.kubernetes.io/name': appLabel } },
      policyTypes: ['Ingress'],
    }, o);
  }
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

function hpa(c, ns, name, target, min, max, o = {}) {
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
            target: { averageUtilization: o.cpuTarget ?? 70, type: 'Utilization' },
          },
          type: 'Resource',
        },
      ],
      minReplicas: min,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind, name: target.name },
    },
    status: {
      conditions: [
        {
          lastTransitionTime: '2026-11-12T14:23:02Z',
          message: 'recommended size matches current size',
          reason: 'ReadyForNewScale',
          status: 'True',
          type: 'AbleToScale',
        },
        {
          lastTransitionTime: '2026-11-12T14:23:02Z',
          message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
          reason: 'ValidMetricFound',
          status: 'True',
          type: 'ScalingActive',
        },
        {
          lastTransitionTime: '2026-11-19T22:41:10Z',
          message: 'the desired count is within the acceptable range',
          reason: 'DesiredWithinRange',
          status: 'False',
          type: 'ScalingLimited',
        },
      ],
      currentMetrics: [
        {
          resource: {
            current: { averageUtilization: o.current ?? 41, averageValue: o.currentValue ?? '205m' },
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
      labels: o.labels ?? (local && !o.builtin ? { 'kube-aggregator.kubernetes.io/automanaged': 'true' } : local ? { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } : o.serviceLabels),
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
          message: o.message ?? (local ? 'Local APIServices are always available' : 'all checks passed'),
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
  for (const [group, version, groupPriority, versionPriority] of BUILTIN_APISERVICES) {
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

function clusterRole(c, name, rules, o = {}) {
  const system = o.system ?? (name.startsWith('system:') || ['cluster-admin', 'admin', 'edit', 'view'].includes(name));
  return c.add('clusterroles.rbac.authorization.k8s.io', {
    ...(o.aggregationRule ? { aggregationRule: o.aggregationRule } : {}),
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(c, 'ClusterRole', name, {
      created: o.created,
      labels: o.labels ?? (system ? RBAC_DEFAULTS : undefined),
      annotations: o.annotations ?? (system ? AUTOUPDATE : undefined),
    }),
    rules,
  });
}

function subject(s) {
  if (s.startsWith('sa:')) {
    const [ns, name] = s.slice(3).split('/');
    return { kind: 'ServiceAccount', name, namespace: ns };
  }
  if (s.startsWith('group:')) {
    return { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: s.slice(6) };
  }
  if (s.startsWith('user:')) {
    return { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: s.slice(5) };
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
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: subjects.map(subject),
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
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
    subjects: subjects.map(subject),
  });
}

/** The default ClusterRoles and bindings every cluster has (a representative subset). */
function defaultRbac(c, o = {}) {
  clusterRole(c, 'cluster-admin', [
    rule(['*'], ['*'], ['*']),
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ]);
  clusterRole(
    c,
    'admin',
    [
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'replicationcontrollers', 'secrets', 'serviceaccounts', 'services'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'statefulsets'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
    ],
    { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] } },
  );
  clusterRole(
    c,
    'edit',
    [
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'secrets', 'services'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule(['apps'], ['daemonsets', 'deployments', 'deployments/scale', 'replicasets', 'statefulsets'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule(['autoscaling'], ['horizontalpodautoscalers'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule(['batch'], ['cronjobs', 'jobs'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
      rule(['policy'], ['poddisruptionbudgets'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
    ],
    {
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }] },
      labels: { ...RBAC_DEFAULTS, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    },
  );
  clusterRole(
    c,
    'view',
    [
      rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], ['get', 'list', 'watch']),
      rule([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], ['get', 'list', 'watch']),
      rule([''], ['namespaces'], ['get', 'list', 'watch']),
      rule(['discovery.k8s.io'], ['endpointslices'], ['get', 'list', 'watch']),
      rule(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], ['get', 'list', 'watch']),
      rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], ['get', 'list', 'watch']),
      rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], ['get', 'list', 'watch']),
      rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], ['get', 'list', 'watch']),
      rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], ['get', 'list', 'watch']),
    ],
    {
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] },
      labels: { ...RBAC_DEFAULTS, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
    },
  );
  clusterRole(c, 'system:basic-user', [
    rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
    rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
  ]);
  clusterRole(c, 'system:discovery', [
    { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] },
  ]);
  clusterRole(c, 'system:public-info-viewer', [
    { nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] },
  ]);
  clusterRole(c, 'system:node-proxier', [
    rule([''], ['endpoints', 'services'], ['list', 'watch']),
    rule([''], ['nodes'], ['get', 'list', 'watch']),
    rule(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']),
    rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
  ]);
  clusterRole(c, 'system:coredns', [
    rule([''], ['endpoints', 'services', 'pods', 'namespaces'], ['list', 'watch']),
    rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
  ], { system: false });
  clusterRoleBinding(c, 'cluster-admin', 'cluster-admin', ['group:system:masters']);
  clusterRoleBinding(c, 'system:basic-user', 'system:basic-user', ['group:system:authenticated']);
  clusterRoleBinding(c, 'system:discovery', 'system:discovery', ['group:system:authenticated']);
  clusterRoleBinding(c, 'system:public-info-viewer', 'system:public-info-viewer', [
    'group:system:authenticated',
    'group:system:unauthenticated',
  ]);
  clusterRoleBinding(c, 'system:coredns', 'system:coredns', ['sa:kube-system/coredns'], { system: false });
  if (o.kubeProxy !== false) {
    clusterRoleBinding(c, 'kubeadm:node-proxier', 'system:node-proxier', ['sa:kube-system/kube-proxy'], { system: false });
  }
}

/** The ClusterRoles, bindings and kube-public RoleBinding that kubeadm creates. */
function kubeadmRbac(c) {
  clusterRole(c, 'kubeadm:get-nodes', [rule([''], ['nodes'], ['get'])], { system: false });
  clusterRole(c, 'system:node-bootstrapper', [
    rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch']),
  ]);
  clusterRole(c, 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
    rule(['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'], ['create']),
  ]);
  clusterRole(c, 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
    rule(['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient'], ['create']),
  ]);
  const token = 'group:system:bootstrappers:kubeadm:default-node-token';
  clusterRoleBinding(c, 'kubeadm:cluster-admins', 'cluster-admin', ['group:kubeadm:cluster-admins']);
  clusterRoleBinding(c, 'kubeadm:get-nodes', 'kubeadm:get-nodes', [token]);
  clusterRoleBinding(c, 'kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [token]);
  clusterRoleBinding(c, 'kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [token]);
  clusterRoleBinding(c, 'kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', ['group:system:nodes']);
  roleBinding(c, 'kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'Role', 'kubeadm:bootstrap-signer-clusterinfo', ['user:system:anonymous']);
  roleBinding(c, 'kube-public', 'system:controller:bootstrap-signer', 'Role', 'system:controller:bootstrap-signer', ['sa:kube-system/bootstrap-signer'], {
    labels: RBAC_DEFAULTS,
    annotations: AUTOUPDATE,
  });
  roleBinding(c, 'kube-system', 'kube-proxy', 'Role', 'kube-proxy', [token]);
  roleBinding(c, 'kube-system', 'kubeadm:kubelet-config', 'Role', 'kubeadm:kubelet-config', ['group:system:nodes', token]);
  roleBinding(c, 'kube-system', 'kubeadm:nodes-kubeadm-config', 'Role', 'kubeadm:nodes-kubeadm-config', ['group:system:nodes', token]);
  roleBinding(c, 'kube-system', 'system::extension-apiserver-authentication-reader', 'Role', 'extension-apiserver-authentication-reader', ['user:system:kube-controller-manager', 'user:system:kube-scheduler'], {
    labels: RBAC_DEFAULTS,
    annotations: AUTOUPDATE,
  });
  roleBinding(c, 'kube-system', 'system::leader-locking-kube-controller-manager', 'Role', 'system::leader-locking-kube-controller-manager', ['user:system:kube-controller-manager', 'sa:kube-system/kube-controller-manager'], {
    labels: RBAC_DEFAULTS,
    annotations: AUTOUPDATE,
  });
  roleBinding(c, 'kube-system', 'system::leader-locking-kube-scheduler', 'Role', 'system::leader-locking-kube-scheduler', ['user:system:kube-scheduler', 'sa:kube-system/kube-scheduler'], {
    labels: RBAC_DEFAULTS,
    annotations: AUTOUPDATE,
  });
}

// Admission, certificates ----------------------------------------------------------

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
        service: { name: w.service.name, namespace: w.service.namespace, path: w.path, port: 443 },
      },
      failurePolicy: w.failurePolicy,
      matchPolicy: 'Equivalent',
      name: w.name,
      namespaceSelector: w.namespaceSelector ?? {},
      objectSelector: w.objectSelector ?? {},
      ...(kind === 'MutatingWebhookConfiguration' ? { reinvocationPolicy: 'Never' } : {}),
      rules: w.rules,
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
    status.certificate = b64(fakePem('CERTIFICATE', `${c.name}/${name}/cert`, 8));
    status.conditions = [
      {
        lastTransitionTime: o.approved,
        lastUpdateTime: o.approved,
        message: o.message ?? 'This CSR was approved by kubectl certificate approve.',
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
      ...(o.expirationSeconds ? { expirationSeconds: o.expirationSeconds } : {}),
      groups: o.groups,
      request: b64(fakePem('CERTIFICATE REQUEST', `${c.name}/${name}/${cn}`, 7)),
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
      .map((v, i) => pad + format(v, indent + 2, indent + 2, i < value.length - 1 ? 1 : 0))
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
          format(value[k], indent + 2, indent + 2 + key.length, i < keys.length - 1 ? 1 : 0)
        );
      })
      .join(',\n');
    return `{\n${body}\n${' '.repeat(indent)}}`;
  }
  return JSON.stringify(value);
}

function snapshotDocument(c, header, o = {}) {
  const resources = {};
  for (const key of KEYS) {
    if (o.denied && o.denied.includes(key)) {
      resources[key] = forbidden(key, o.user);
      continue;
    }
    resources[key] = {
      items: [...c.items[key]].sort(byNamespaceAndName).map(sortKeysDeep),
    };
  }
  return { ...header, resources };
}

function write(file, doc) {
  const text = `${format(doc)}\n`;
  fs.writeFileSync(path.join(OUT, file), text);
  return text.length;
}

module.exports = {
  // exported for the cluster definitions below
};

// The cluster definitions follow.
