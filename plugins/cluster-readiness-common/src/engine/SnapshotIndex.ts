import type {
  ClusterSnapshot,
  ResourceError,
} from '../snapshot/ClusterSnapshot';
import type { KubeObject, NodeObject, PodObject } from '../snapshot/kube';
import { resourceType } from '../snapshot/resources';
import { parseFlags } from './labels';
import type { DetectedDistribution } from '../types';
import { detectDistribution } from './detectDistribution';

/** System namespaces before configuration adds more (checks.md). @public */
export const DEFAULT_SYSTEM_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
] as const;

/**
 * Whether a namespace is the distribution's own: `openshift` or `openshift-*`
 * (checks.md v2, System namespaces).
 * @public
 */
export function isDistributionNamespace(namespace: string): boolean {
  return namespace === 'openshift' || namespace.startsWith('openshift-');
}

/** @public */
export type ResourceState = 'collected' | 'missing' | 'failed';

/** How the control plane is seen, per the checks.md definition. @public */
export interface ControlPlaneView {
  /** managed: provider-run; self-hosted: visible (or declared); unknown: neither. */
  mode: 'managed' | 'self-hosted' | 'unknown';
  /** Why: declared, which hint, or which objects were seen. */
  reason: string;
  /** True when control-plane nodes or a kube-apiserver mirror pod are visible. */
  visible: boolean;
}

const CONTROL_PLANE_LABELS = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
];

const MANAGED_LABEL_PREFIXES = [
  'eks.amazonaws.com/',
  'cloud.google.com/gke-',
  'kubernetes.azure.com/',
];

/** @public */
export function isControlPlaneNode(node: NodeObject): boolean {
  const labels = node.metadata?.labels ?? {};
  return CONTROL_PLANE_LABELS.some(l => l in labels);
}

/** Node condition `Ready` is `True`. @public */
export function isNodeReady(node: NodeObject): boolean {
  return (node.status?.conditions ?? []).some(
    c => c.type === 'Ready' && c.status === 'True',
  );
}

/** `spec.unschedulable` is not true. @public */
export function isNodeSchedulable(node: NodeObject): boolean {
  return node.spec?.unschedulable !== true;
}

/**
 * `topology.kubernetes.io/zone`, else the beta label, else undefined. A value of
 * digits only is no zone (v2: AKS writes fault-domain numbers there when the cluster
 * has no availability zones).
 * @public
 */
export function zoneOf(node: NodeObject): string | undefined {
  const labels = node.metadata?.labels ?? {};
  const zone =
    labels['topology.kubernetes.io/zone'] ??
    labels['failure-domain.beta.kubernetes.io/zone'];
  return zone === undefined || /^\d*$/.test(zone) ? undefined : zone;
}

/** A mirror pod: an `ownerReferences` entry of kind `Node`. @public */
export function isMirrorPod(pod: PodObject): boolean {
  return (pod.metadata?.ownerReferences ?? []).some(o => o.kind === 'Node');
}

/** A pod owned by a DaemonSet. @public */
export function isDaemonSetPod(pod: PodObject): boolean {
  return (pod.metadata?.ownerReferences ?? []).some(
    o => o.kind === 'DaemonSet',
  );
}

/** Succeeded and Failed pods hold no resources. @public */
export function isPodTerminated(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Parses `v1.30.4-eks-abc` / `1.30` / `30+` into `{ major, minor }`. @public */
export function parseMinorVersion(
  version: string | undefined,
): { major: number; minor: number } | undefined {
  if (!version) return undefined;
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/**
 * Read-only index over a snapshot, built once per evaluation: every check reads it
 * instead of scanning the lists again, so evaluation stays linear in the objects.
 * Derived views are computed on first use.
 * @public
 */
export class SnapshotIndex {
  /** Exact system namespace names (defaults and configured names without `*`). */
  readonly systemNamespaces: ReadonlySet<string>;
  /** Configured prefixes (configured names ending in `*`, without it). */
  readonly systemNamespacePrefixes: readonly string[];
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly snapshot: ClusterSnapshot,
    options: {
      extraSystemNamespaces?: readonly string[];
      controlPlane?: 'managed' | 'self-hosted';
    } = {},
  ) {
    const extra = options.extraSystemNamespaces ?? [];
    this.systemNamespaces = new Set([
      ...DEFAULT_SYSTEM_NAMESPACES,
      ...extra.filter(n => !n.endsWith('*')),
    ]);
    this.systemNamespacePrefixes = extra
      .filter(n => n.endsWith('*'))
      .map(n => n.slice(0, -1));
    this.controlPlaneOverride = options.controlPlane;
  }

  private readonly controlPlaneOverride?: 'managed' | 'self-hosted';

  private memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /**
   * Whether a resource was collected, absent, or its read failed. An optional key
   * that is absent while discovery is present and lacks its group/version counts as
   * collected and empty (snapshot.md v2, Absent optional keys).
   */
  state(key: string): ResourceState {
    const entry = this.snapshot.resources[key];
    if (!entry) return this.servedNowhere(key) ? 'collected' : 'missing';
    return entry.error ? 'failed' : 'collected';
  }

  /** An optional resource whose group/version discovery does not serve. */
  private servedNowhere(key: string): boolean {
    const type = resourceType(key);
    const discovery = this.snapshot.apiGroupVersions;
    if (!type?.optional || !discovery) return false;
    const gv = type.group ? `${type.group}/${type.version}` : type.version;
    return !discovery.includes(gv);
  }

  /** The error a resource read ended with, if any. */
  error(key: string): ResourceError | undefined {
    return this.snapshot.resources[key]?.error;
  }

  /** The items of a collected resource; undefined when it was not collected. */
  list<T extends KubeObject = KubeObject>(key: string): T[] | undefined {
    const entry = this.snapshot.resources[key];
    if (!entry && this.servedNowhere(key)) return [];
    return entry?.items as T[] | undefined;
  }

  /** The items of a resource, or an empty list when not collected. */
  items<T extends KubeObject = KubeObject>(key: string): T[] {
    return this.list<T>(key) ?? [];
  }

  /**
   * System namespaces (checks.md v2): the defaults, `openshift` and `openshift-*`,
   * configured names, and configured prefixes (names ending in `*`).
   */
  isSystemNamespace(namespace: string | undefined): boolean {
    if (namespace === undefined) return false;
    return (
      this.systemNamespaces.has(namespace) ||
      isDistributionNamespace(namespace) ||
      this.systemNamespacePrefixes.some(p => namespace.startsWith(p))
    );
  }

  /**
   * Workload pods (checks.md v2): pods in non-system namespaces that are neither
   * mirror pods nor owned by a DaemonSet.
   */
  get workloadPods(): PodObject[] {
    return this.memo('workloadPods', () =>
      this.pods.filter(p => this.isWorkloadPod(p)),
    );
  }

  /** A workload pod (checks.md v2): see `workloadPods`. */
  isWorkloadPod(pod: PodObject): boolean {
    return (
      !this.isSystemNamespace(pod.metadata?.namespace) &&
      !isMirrorPod(pod) &&
      !isDaemonSetPod(pod)
    );
  }

  get nodes(): NodeObject[] {
    return this.items<NodeObject>('nodes');
  }

  get controlPlaneNodes(): NodeObject[] {
    return this.memo('cpNodes', () => this.nodes.filter(isControlPlaneNode));
  }

  get workerNodes(): NodeObject[] {
    return this.memo('workers', () =>
      this.nodes.filter(n => !isControlPlaneNode(n)),
    );
  }

  get nodesByName(): Map<string, NodeObject> {
    return this.memo(
      'nodesByName',
      () => new Map(this.nodes.map(n => [n.metadata?.name ?? '', n])),
    );
  }

  get pods(): PodObject[] {
    return this.items<PodObject>('pods');
  }

  /** Pods grouped by `spec.nodeName`. */
  get podsByNode(): Map<string, PodObject[]> {
    return this.memo('podsByNode', () => {
      const map = new Map<string, PodObject[]>();
      for (const pod of this.pods) {
        const node = pod.spec?.nodeName;
        if (!node) continue;
        let list = map.get(node);
        if (!list) map.set(node, (list = []));
        list.push(pod);
      }
      return map;
    });
  }

  /** Pods grouped by namespace. */
  get podsByNamespace(): Map<string, PodObject[]> {
    return this.memo('podsByNs', () => {
      const map = new Map<string, PodObject[]>();
      for (const pod of this.pods) {
        const ns = pod.metadata?.namespace ?? '';
        let list = map.get(ns);
        if (!list) map.set(ns, (list = []));
        list.push(pod);
      }
      return map;
    });
  }

  /** Non-system namespaces holding at least one Pod, sorted. */
  get workloadNamespaces(): string[] {
    return this.memo('workloadNs', () =>
      [...this.podsByNamespace.keys()]
        .filter(ns => ns && !this.isSystemNamespace(ns))
        .sort(),
    );
  }

  /** Objects of a resource grouped by namespace. */
  byNamespace<T extends KubeObject = KubeObject>(
    key: string,
  ): Map<string, T[]> {
    return this.memo(`byNs:${key}`, () => {
      const map = new Map<string, T[]>();
      for (const obj of this.items<T>(key)) {
        const ns = obj.metadata?.namespace ?? '';
        let list = map.get(ns);
        if (!list) map.set(ns, (list = []));
        list.push(obj);
      }
      return map;
    });
  }

  /** Mirror pods of a control-plane component: kube-system pods labelled `component=X`. */
  mirrorPods(component: string): PodObject[] {
    return this.memo(`mirror:${component}`, () =>
      (this.podsByNamespace.get('kube-system') ?? []).filter(
        p => p.metadata?.labels?.component === component,
      ),
    );
  }

  /**
   * Pods that are API server instances: kube-apiserver mirror pods, and (v2) on
   * OpenShift the pods in openshift-kube-apiserver labelled app=openshift-kube-apiserver.
   */
  get apiserverPods(): PodObject[] {
    return this.memo('apiserverPods', () => [
      ...this.mirrorPods('kube-apiserver'),
      ...(this.podsByNamespace.get('openshift-kube-apiserver') ?? []).filter(
        p => p.metadata?.labels?.app === 'openshift-kube-apiserver',
      ),
    ]);
  }

  /**
   * Flags of a component's first mirror pod's first container (command then args),
   * or undefined when no mirror pod is visible.
   */
  componentFlags(component: string): Map<string, string> | undefined {
    return this.memo(`flags:${component}`, () => {
      const pod = this.mirrorPods(component)[0];
      if (!pod) return undefined;
      const c = pod.spec?.containers?.[0];
      return parseFlags([...(c?.command ?? []), ...(c?.args ?? [])]);
    });
  }

  /** Server version as numbers, from `serverVersion`. */
  get serverMinor(): { major: number; minor: number } | undefined {
    const v = this.snapshot.serverVersion;
    if (!v) return undefined;
    const minor = parseInt(v.minor, 10);
    const major = parseInt(v.major, 10);
    if (Number.isFinite(minor) && Number.isFinite(major))
      return { major, minor };
    return parseMinorVersion(v.gitVersion);
  }

  /** The distribution of checks.md v2, with its evidence. */
  get distribution(): DetectedDistribution {
    return this.memo('distribution', () => detectDistribution(this));
  }

  /** The control-plane view of checks.md ("Managed control plane"). */
  get controlPlane(): ControlPlaneView {
    return this.memo('controlPlane', () => this.computeControlPlane());
  }

  private computeControlPlane(): ControlPlaneView {
    const declared =
      this.controlPlaneOverride ?? this.snapshot.cluster.controlPlane;
    const cpNodes = this.controlPlaneNodes.length;
    const apiPods = this.apiserverPods.length;
    const visible = cpNodes > 0 || apiPods > 0;
    const seen = `${cpNodes} control-plane node(s), ${apiPods} kube-apiserver pod(s) visible`;
    if (declared === 'managed') {
      return { mode: 'managed', reason: 'declared managed', visible };
    }
    if (visible) return { mode: 'self-hosted', reason: seen, visible };
    if (declared === 'self-hosted') {
      return {
        mode: 'unknown',
        reason: `declared self-hosted but ${seen}`,
        visible,
      };
    }
    const hint = this.managedHint();
    if (hint) return { mode: 'managed', reason: hint, visible };
    return { mode: 'unknown', reason: seen, visible };
  }

  private managedHint(): string | undefined {
    const git = this.snapshot.serverVersion?.gitVersion ?? '';
    if (git.includes('-eks-') || git.includes('-gke.')) {
      return `server version ${git}`;
    }
    for (const node of this.nodes) {
      const providerID = node.spec?.providerID ?? '';
      if (/^(aws|gce|azure):\/\//.test(providerID)) {
        return `Node/${node.metadata?.name} .spec.providerID ${providerID}`;
      }
      for (const label of Object.keys(node.metadata?.labels ?? {})) {
        if (MANAGED_LABEL_PREFIXES.some(p => label.startsWith(p))) {
          return `Node/${node.metadata?.name} label ${label}`;
        }
      }
    }
    return undefined;
  }

  /**
   * API server instances (checks.md): the larger of kube-apiserver mirror pods and
   * kube-apiserver identity Leases, counting whichever was collected; when both are
   * 0, the number of control-plane nodes. Undefined when none of pods, leases and
   * nodes was collected.
   */
  get apiServerInstances():
    | { count: number; source: string; evidence: string[] }
    | undefined {
    return this.memo('apiServers', () => {
      const podsSeen = this.state('pods') === 'collected';
      const leasesSeen =
        this.state('leases.coordination.k8s.io') === 'collected';
      const nodesSeen = this.state('nodes') === 'collected';
      if (!podsSeen && !leasesSeen && !nodesSeen) return undefined;
      const pods = podsSeen ? this.apiserverPods : [];
      const leases = leasesSeen
        ? this.items('leases.coordination.k8s.io').filter(
            l =>
              l.metadata?.namespace === 'kube-system' &&
              l.metadata?.labels?.['apiserver.kubernetes.io/identity'] ===
                'kube-apiserver',
          )
        : [];
      if (pods.length === 0 && leases.length === 0) {
        const nodes = this.controlPlaneNodes;
        return {
          count: nodes.length,
          source: 'control-plane nodes',
          evidence: nodes.map(n => `Node/${n.metadata?.name} .metadata.labels`),
        };
      }
      if (pods.length >= leases.length) {
        return {
          count: pods.length,
          source: 'kube-apiserver pods',
          evidence: pods.map(
            p =>
              `Pod/${p.metadata?.namespace}/${p.metadata?.name} .metadata.labels`,
          ),
        };
      }
      return {
        count: leases.length,
        source: 'kube-apiserver identity leases',
        evidence: leases.map(
          l => `Lease/kube-system/${l.metadata?.name} .metadata.labels`,
        ),
      };
    });
  }
}
