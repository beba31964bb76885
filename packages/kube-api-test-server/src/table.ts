import type { KubeObject } from '@cluster-readiness/backstage-plugin-common';

/** A `meta.k8s.io/v1 TableColumnDefinition`. */
export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'date';
  format: string;
  description: string;
  priority: number;
}

const NAME: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

const AGE: ColumnDefinition = {
  name: 'Age',
  type: 'string',
  format: '',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  priority: 0,
};

function column(
  name: string,
  description: string,
  priority = 0,
  type: ColumnDefinition['type'] = 'string',
): ColumnDefinition {
  return { name, type, format: '', description, priority };
}

/**
 * `duration.HumanDuration` of k8s.io/apimachinery: how `kubectl get` prints ages
 * (`45s`, `3m20s`, `5h10m`, `12d`, `2y30d`).
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${hours / 24}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

function age(object: KubeObject, now: number): string {
  const created = object.metadata?.creationTimestamp;
  const time = created ? Date.parse(created) : NaN;
  return Number.isNaN(time) ? '<unknown>' : humanDuration(now - time);
}

const none = (v: unknown): string =>
  v === undefined || v === null || v === '' ? '<none>' : String(v);

interface Printer {
  columns: ColumnDefinition[];
  cells(object: any, now: number): unknown[];
}

function nodeRoles(node: any): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries<string>(
    node.metadata?.labels ?? {},
  )) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeAddress(node: any, type: string): string {
  const address = (node.status?.addresses ?? []).find(
    (a: any) => a?.type === type,
  );
  return none(address?.address);
}

function podStatus(pod: any): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status?.reason || pod.status?.phase || '';
  for (const cs of pod.status?.containerStatuses ?? []) {
    const waiting = cs?.state?.waiting?.reason;
    const terminated = cs?.state?.terminated;
    if (waiting) reason = waiting;
    else if (terminated?.reason) reason = terminated.reason;
    else if (terminated) {
      reason = terminated.signal
        ? `Signal:${terminated.signal}`
        : `ExitCode:${terminated.exitCode}`;
    }
  }
  return reason;
}

const PRINTERS: Record<string, Printer> = {
  Node: {
    columns: [
      NAME,
      column('Status', 'The status of the node'),
      column('Roles', 'The roles of the node'),
      AGE,
      column('Version', 'Kubelet Version reported by the node.'),
      column(
        'Internal-IP',
        'List of internal IPs associated with the node.',
        1,
      ),
      column(
        'External-IP',
        'List of external IPs associated with the node.',
        1,
      ),
      column(
        'OS-Image',
        'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
        1,
      ),
      column(
        'Kernel-Version',
        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
        1,
      ),
      column(
        'Container-Runtime',
        'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
        1,
      ),
    ],
    cells(node, now) {
      const ready = (node.status?.conditions ?? []).find(
        (c: any) => c?.type === 'Ready',
      );
      const status = [ready?.status === 'True' ? 'Ready' : 'NotReady'];
      if (!ready) status[0] = 'Unknown';
      if (node.spec?.unschedulable) status.push('SchedulingDisabled');
      const info = node.status?.nodeInfo ?? {};
      return [
        node.metadata?.name ?? '',
        status.join(','),
        nodeRoles(node),
        age(node, now),
        info.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  Pod: {
    columns: [
      NAME,
      column(
        'Ready',
        'The aggregate readiness state of this pod for accepting traffic.',
      ),
      column('Status', 'The aggregate status of the containers in this pod.'),
      column(
        'Restarts',
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      ),
      AGE,
      column('IP', 'The IP address assigned to the pod', 1),
      column('Node', 'The name of the node where the pod is running', 1),
      column(
        'Nominated Node',
        'The name of the node where the pod may be scheduled',
        1,
      ),
      column('Readiness Gates', 'The readiness gates of the pod', 1),
    ],
    cells(pod, now) {
      const statuses: any[] = pod.status?.containerStatuses ?? [];
      const total = (pod.spec?.containers ?? []).length;
      const ready = statuses.filter(s => s?.ready).length;
      const restarts = statuses.reduce((n, s) => n + (s?.restartCount ?? 0), 0);
      const gates: any[] = pod.spec?.readinessGates ?? [];
      return [
        pod.metadata?.name ?? '',
        `${ready}/${total}`,
        podStatus(pod),
        String(restarts),
        age(pod, now),
        none(pod.status?.podIP),
        none(pod.spec?.nodeName),
        none(pod.status?.nominatedNodeName),
        gates.length ? `0/${gates.length}` : '<none>',
      ];
    },
  },
  Namespace: {
    columns: [NAME, column('Status', 'The status of the namespace'), AGE],
    cells: (ns, now) => [
      ns.metadata?.name ?? '',
      ns.status?.phase ?? '',
      age(ns, now),
    ],
  },
  Deployment: {
    columns: [
      NAME,
      column('Ready', 'Number of the pod with ready state'),
      column(
        'Up-to-date',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
        0,
        'integer',
      ),
      column(
        'Available',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
        0,
        'integer',
      ),
      AGE,
      column('Containers', 'Names of each container in the template.', 1),
      column(
        'Images',
        'Images referenced by each container in the template.',
        1,
      ),
      column(
        'Selector',
        'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
        1,
      ),
    ],
    cells(d, now) {
      const containers: any[] = d.spec?.template?.spec?.containers ?? [];
      const selector = Object.entries<string>(
        d.spec?.selector?.matchLabels ?? {},
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return [
        d.metadata?.name ?? '',
        `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
        d.status?.updatedReplicas ?? 0,
        d.status?.availableReplicas ?? 0,
        age(d, now),
        containers.map(c => c?.name).join(','),
        containers.map(c => c?.image).join(','),
        selector || '<none>',
      ];
    },
  },
};

const GENERIC: Printer = {
  columns: [NAME, AGE],
  cells: (o, now) => [o.metadata?.name ?? '', age(o, now)],
};

export function columnsFor(kind: string): ColumnDefinition[] {
  return (PRINTERS[kind] ?? GENERIC).columns;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** One `TableRow`: the cells, and the object as PartialObjectMetadata (the default), whole, or none. */
export function tableRow(
  kind: string,
  object: KubeObject,
  fullObject: () => KubeObject,
  includeObject: IncludeObject,
  now: number,
): object {
  const printer = PRINTERS[kind] ?? GENERIC;
  const row: Record<string, unknown> = { cells: printer.cells(object, now) };
  if (includeObject === 'Metadata') {
    row.object = {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: object.metadata ?? {},
    };
  } else if (includeObject === 'Object') {
    row.object = fullObject();
  }
  return row;
}
