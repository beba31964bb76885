import type { Waiver } from '@cluster-readiness/backstage-plugin-common';

/** What one source knows about a cluster. Sources are merged by `name`. @public */
export interface ClusterDescriptor {
  name: string;
  /** From the catalog: `resource:<namespace>/<name>`. */
  entityRef?: string;
  owner?: string;
  system?: string;
  /** From the catalog annotation `cluster-readiness.io/waivers`. */
  waivers?: Waiver[];
  /** From the catalog annotation `cluster-readiness.io/control-plane`. */
  controlPlane?: 'managed' | 'self-hosted';
  /** Read live through @backstage/plugin-kubernetes-backend, with its auth provider. */
  kubernetes?: { authProvider?: string };
  /** Evaluated from a snapshot file. */
  snapshotFile?: string;
  /** Why the cluster cannot be read even though a source names it. */
  problem?: string;
}

/**
 * Something that knows clusters: the catalog, the Kubernetes plugin's configuration,
 * snapshot files.
 * @public
 */
export interface ClusterSource {
  readonly id: string;
  listClusters(): Promise<ClusterDescriptor[]>;
}

/**
 * Merges descriptors by cluster name; later sources fill what earlier ones left out.
 * @public
 */
export function mergeClusters(lists: ClusterDescriptor[][]): ClusterDescriptor[] {
  const byName = new Map<string, ClusterDescriptor>();
  for (const list of lists) {
    for (const d of list) {
      const existing = byName.get(d.name);
      byName.set(d.name, existing ? { ...d, ...existing, ...pickDefined(existing, d) } : { ...d });
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function pickDefined(a: ClusterDescriptor, b: ClusterDescriptor): Partial<ClusterDescriptor> {
  const out: Partial<ClusterDescriptor> = {};
  for (const key of Object.keys(b) as Array<keyof ClusterDescriptor>) {
    if (a[key] === undefined && b[key] !== undefined) (out as any)[key] = b[key];
  }
  return out;
}
