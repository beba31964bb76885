/*
 * Small readers shared by the control-plane checks; those of every category (such as
 * the kube-apiserver flags) are in ../shared. Everything here is linear in the
 * objects it is given.
 */
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import type { NodeObject, PodObject } from '../../snapshot/kube';
import {
  apiserverFlags,
  flagList,
  serverNodeArgs,
} from '../shared/apiserverFlags';

/** Parses a Kubernetes timestamp (Time or MicroTime) to epoch ms; undefined if absent or invalid. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A duration in ms as `3d 4h`, `5h 10m`, `42s`, for messages. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/** `Pod/kube-system/kube-apiserver-cp-1` */
export function podRef(pod: PodObject): string {
  return `Pod/${pod.metadata?.namespace}/${pod.metadata?.name}`;
}

/** Host of a URL (`https://10.0.0.1:2379` → `10.0.0.1`, brackets of IPv6 removed). */
export function urlHost(url: string): string | undefined {
  try {
    const host = new URL(url.trim()).hostname;
    return host.replace(/^\[(.*)\]$/, '$1').toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::1'
  );
}

/** The InternalIP and ExternalIP addresses of a node. */
export function nodeIPs(node: NodeObject): string[] {
  return (node.status?.addresses ?? [])
    .filter(a => a.type === 'InternalIP' || a.type === 'ExternalIP')
    .map(a => (a.address ?? '').toLowerCase())
    .filter(a => a !== '');
}

/**
 * Control-plane hosts: the control-plane nodes of checks.md (role label), plus any
 * node that runs a kube-apiserver mirror pod without carrying the label. When the
 * node list was not read, the latter are returned by name only (`node` undefined).
 */
export function controlPlaneHosts(
  index: SnapshotIndex,
): Array<{ name: string; node?: NodeObject; labelled: boolean }> {
  const hosts = new Map<
    string,
    { name: string; node?: NodeObject; labelled: boolean }
  >();
  for (const node of index.controlPlaneNodes) {
    const name = node.metadata?.name ?? '';
    hosts.set(name, { name, node, labelled: true });
  }
  for (const pod of index.mirrorPods('kube-apiserver')) {
    const name = pod.spec?.nodeName;
    if (!name || hosts.has(name)) continue;
    hosts.set(name, {
      name,
      node: index.nodesByName.get(name),
      labelled: false,
    });
  }
  return [...hosts.values()];
}

/** The distinct URLs of `--etcd-servers` over all kube-apiserver mirror pods. */
export function etcdServerUrls(index: SnapshotIndex): {
  urls: string[];
  evidence: string[];
} {
  const urls = new Set<string>();
  const evidence: string[] = [];
  for (const { ref, flags } of apiserverFlags(index)) {
    const value = flags.get('etcd-servers');
    if (!value) continue;
    evidence.push(`${ref} --etcd-servers`);
    for (const url of flagList(value)) urls.add(url);
  }
  return { urls: [...urls], evidence };
}

/** The etcd members of checks.md v2 (Definitions: etcd members), or why there are none. */
export type EtcdMembers =
  | {
      kind: 'members';
      count: number;
      source: string;
      evidence: string[];
      /** Nodes the members run on, when the source shows them. */
      nodes?: string[];
      /** Evidence of where the members run. */
      nodeEvidence?: string[];
    }
  | { kind: 'sqlite'; evidence: string[] }
  | { kind: 'external-datastore'; endpoint: string; evidence: string[] }
  | { kind: 'etcd-servers'; urls: string[]; evidence: string[] };

/** A datastore endpoint without credentials: `postgres://db.example:5432` (user info dropped). */
export function redactEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}`;
  } catch {
    // k3s also takes `mysql://user:pass@tcp(host:3306)/db`: keep only what follows `@`.
    const at = endpoint.lastIndexOf('@');
    const scheme = /^[a-z0-9+]+:\/\//i.exec(endpoint)?.[0] ?? '';
    return at >= 0 ? `${scheme}${endpoint.slice(at + 1)}` : endpoint;
  }
}

/**
 * etcd members from the first source that exists (checks.md v2): etcd mirror pods;
 * pods in openshift-etcd labelled app=etcd; nodes labelled node-role.kubernetes.io/etcd;
 * then for k3s/RKE2 servers without etcd-role nodes, an external datastore
 * (`--datastore-endpoint`) or (k3s without `--cluster-init`/`--server`) embedded
 * SQLite; else the URLs of kube-apiserver `--etcd-servers`.
 */
export function etcdMembers(index: SnapshotIndex): EtcdMembers {
  const mirror = index.mirrorPods('etcd');
  if (mirror.length) {
    return {
      kind: 'members',
      count: mirror.length,
      source: 'etcd mirror pods',
      evidence: mirror.map(p => `${podRef(p)} .metadata.labels.component`),
      nodes: mirror.map(p => p.spec?.nodeName ?? ''),
      nodeEvidence: mirror.map(p => `${podRef(p)} .spec.nodeName`),
    };
  }
  const openshift = (index.podsByNamespace.get('openshift-etcd') ?? []).filter(
    p => p.metadata?.labels?.app === 'etcd',
  );
  if (openshift.length) {
    return {
      kind: 'members',
      count: openshift.length,
      source: 'openshift-etcd pods',
      evidence: openshift.map(p => `${podRef(p)} .metadata.labels.app`),
      nodes: openshift.map(p => p.spec?.nodeName ?? ''),
      nodeEvidence: openshift.map(p => `${podRef(p)} .spec.nodeName`),
    };
  }
  const etcdNodes = index.nodes.filter(
    n => 'node-role.kubernetes.io/etcd' in (n.metadata?.labels ?? {}),
  );
  if (etcdNodes.length) {
    return {
      kind: 'members',
      count: etcdNodes.length,
      source: 'nodes with role etcd (embedded etcd)',
      evidence: etcdNodes.map(
        n => `Node/${n.metadata?.name} label node-role.kubernetes.io/etcd`,
      ),
      nodes: etcdNodes.map(n => n.metadata?.name ?? ''),
    };
  }
  const servers = serverNodeArgs(index);
  const datastore = servers.find(s => s.args.get('datastore-endpoint'));
  if (datastore) {
    return {
      kind: 'external-datastore',
      endpoint: redactEndpoint(datastore.args.get('datastore-endpoint') ?? ''),
      evidence: [`${datastore.ref} --datastore-endpoint`],
    };
  }
  if (
    servers.length &&
    servers[0].distribution === 'k3s' &&
    servers.every(s => !s.args.has('cluster-init') && !s.args.has('server'))
  ) {
    return {
      kind: 'sqlite',
      evidence: servers.map(s => `${s.ref} (no --cluster-init, no --server)`),
    };
  }
  const { urls, evidence } = etcdServerUrls(index);
  return { kind: 'etcd-servers', urls, evidence };
}
