import { ANNOTATIONS_READ } from '../engine/nodeArgs';
import type { Container, KubeObject, ObjectMeta } from './kube';

/*
 * Pods are the bulk of a cluster (about 4 KB each as the API serves them), so readers
 * and the collector keep only the fields that some rule of checks.md reads. Kept:
 *
 * - every object: apiVersion, kind, metadata.name/namespace/labels/ownerReferences
 *   (kind, name)/creationTimestamp, and only the annotations some rule reads
 *   (`ANNOTATIONS_READ`: k3s/RKE2 node-args, kubeadm's); managedFields are dropped.
 * - Pod: spec.nodeName, serviceAccountName, serviceAccount, containers[] name and
 *   resources (plus command and args in kube-system, where mirror pods carry the
 *   control-plane flags), status.phase, status.hostIP (kube-system only: etcd
 *   topology) and the PodScheduled condition.
 * - Node: spec.taints/unschedulable/providerID, status.conditions (type, status,
 *   reason), addresses, allocatable, capacity.pods,
 *   nodeInfo.kubeletVersion/containerRuntimeVersion.
 * - Deployment, StatefulSet, DaemonSet: spec.replicas/selector, the template's
 *   labels, status replica counts.
 * - Everything else is small and kept whole (less managedFields and unread annotations).
 */

/**
 * Object keys whose values no check reads anywhere (nested lists and objects such as
 * `managedFields`, `containerStatuses`, `volumes`, `env`, node `images`). Streaming
 * readers skip parsing them; `trimObject` would drop them anyway.
 * @public
 */
export const UNREAD_OBJECT_KEYS: readonly string[] = [
  'managedFields',
  'containerStatuses',
  'initContainerStatuses',
  'ephemeralContainerStatuses',
  'volumes',
  'volumeMounts',
  'volumeDevices',
  'env',
  'envFrom',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'tolerations',
  'affinity',
  'topologySpreadConstraints',
  'securityContext',
  'dnsConfig',
  'readinessGates',
  'images',
  'podIPs',
  'hostIPs',
  'ports',
];

function trimMeta(meta: ObjectMeta | undefined): ObjectMeta | undefined {
  if (!meta) return undefined;
  const out: ObjectMeta = { name: meta.name };
  if (meta.namespace !== undefined) out.namespace = meta.namespace;
  if (meta.labels !== undefined) out.labels = meta.labels;
  const annotations = meta.annotations;
  if (annotations && typeof annotations === 'object') {
    const read = ANNOTATIONS_READ.filter(k => annotations[k] !== undefined);
    if (read.length) {
      out.annotations = Object.fromEntries(read.map(k => [k, annotations[k]]));
    }
  }
  if (meta.creationTimestamp !== undefined)
    out.creationTimestamp = meta.creationTimestamp;
  if (meta.ownerReferences !== undefined && meta.ownerReferences !== null) {
    out.ownerReferences = meta.ownerReferences.map(r => ({
      kind: r.kind,
      name: r.name,
    }));
  }
  return out;
}

function trimContainer(c: Container, keepCommand: boolean): Container {
  const out: Container = { name: c.name };
  if (c.resources !== undefined) out.resources = c.resources;
  if (keepCommand) {
    if (c.command !== undefined) out.command = c.command;
    if (c.args !== undefined) out.args = c.args;
  }
  return out;
}

function trimPod(pod: KubeObject): KubeObject {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const keepCommand = pod.metadata?.namespace === 'kube-system';
  const scheduled = (status.conditions ?? []).filter(
    (c: any) => c?.type === 'PodScheduled',
  );
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: trimMeta(pod.metadata),
    spec: {
      nodeName: spec.nodeName,
      serviceAccountName: spec.serviceAccountName,
      serviceAccount: spec.serviceAccount,
      containers: (spec.containers ?? []).map((c: Container) =>
        trimContainer(c, keepCommand),
      ),
    },
    status: {
      phase: status.phase,
      ...(keepCommand && status.hostIP ? { hostIP: status.hostIP } : {}),
      conditions: scheduled.map((c: any) => ({
        type: c.type,
        status: c.status,
        reason: c.reason,
      })),
    },
  };
}

function trimNode(node: KubeObject): KubeObject {
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  return {
    apiVersion: node.apiVersion,
    kind: node.kind,
    metadata: trimMeta(node.metadata),
    spec: {
      taints: spec.taints,
      unschedulable: spec.unschedulable,
      providerID: spec.providerID,
    },
    status: {
      conditions: (status.conditions ?? []).map((c: any) => ({
        type: c.type,
        status: c.status,
        reason: c.reason,
      })),
      addresses: status.addresses,
      allocatable: status.allocatable,
      ...(status.capacity?.pods !== undefined
        ? { capacity: { pods: status.capacity.pods } }
        : {}),
      nodeInfo: status.nodeInfo && {
        kubeletVersion: status.nodeInfo.kubeletVersion,
        containerRuntimeVersion: status.nodeInfo.containerRuntimeVersion,
      },
    },
  };
}

function trimWorkload(obj: KubeObject): KubeObject {
  const spec = obj.spec ?? {};
  const status = obj.status ?? {};
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: trimMeta(obj.metadata),
    spec: {
      replicas: spec.replicas,
      selector: spec.selector,
      template: {
        metadata: { labels: spec.template?.metadata?.labels },
        spec: {
          serviceAccountName: spec.template?.spec?.serviceAccountName,
        },
      },
    },
    status: {
      replicas: status.replicas,
      readyReplicas: status.readyReplicas,
      numberReady: status.numberReady,
      desiredNumberScheduled: status.desiredNumberScheduled,
    },
  };
}

/**
 * Drops the fields of an object that no check reads, for the resource key it is
 * stored under. Pure; returns a new object.
 * @public
 */
export function trimObject(key: string, obj: KubeObject): KubeObject {
  switch (key) {
    case 'pods':
      return trimPod(obj);
    case 'nodes':
      return trimNode(obj);
    case 'deployments.apps':
    case 'statefulsets.apps':
    case 'daemonsets.apps':
      return trimWorkload(obj);
    default: {
      const { metadata, ...rest } = obj;
      return { ...rest, metadata: trimMeta(metadata) };
    }
  }
}
