import {
  ClusterSnapshot,
  KubeObject,
  RESOURCE_TYPES,
  ResourceList,
  resourceType,
  SnapshotValidationError,
  SNAPSHOT_API_VERSION,
  trimObject,
  validateItem,
} from '@cluster-readiness/backstage-plugin-common';

/**
 * Where an object was read: the file (and the member inside a bundle, and the
 * document inside a file of several) and the field inside it.
 * @public
 */
export interface ItemLocation {
  /** File, `bundle.tar.gz: member`, or `file (document 2)`. */
  source: string;
  /** Field inside the document, e.g. `items[3]` or `resources.pods.items[0]`. */
  field: string;
}

/**
 * Resource keys that a kubectl List made with the documented command (see
 * docs/snapshot.md) holds: every non-optional resource type.
 * @public
 */
export const KUBECTL_LIST_KEYS: readonly string[] = RESOURCE_TYPES.filter(
  t => !t.optional,
).map(t => t.key);

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Newest ISO timestamp anywhere in a value (used on metadata and status). */
function newestTimestamp(value: unknown, current: number): number {
  if (typeof value === 'string') {
    if (value.length >= 20 && value.length <= 35 && ISO_TIME.test(value)) {
      const t = Date.parse(value);
      if (t > current) return t;
    }
    return current;
  }
  if (value && typeof value === 'object') {
    let newest = current;
    for (const v of Array.isArray(value) ? value : Object.values(value)) {
      newest = newestTimestamp(v, newest);
    }
    return newest;
  }
  return current;
}

/** Keeps only the objects a resource type reads (e.g. leases in kube-system only). */
function inScope(key: string, obj: KubeObject): boolean {
  const type = resourceType(key);
  if (!type) return false;
  if (type.namespace && obj.metadata?.namespace !== type.namespace)
    return false;
  if (type.names && !type.names.includes(obj.metadata?.name ?? ''))
    return false;
  return true;
}

/** @public */
export function isKubeObject(value: unknown): value is KubeObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Every object a reader keeps passes through here exactly once, with its resource
 * key and where it was read: this is the one place to validate an item. Returns the
 * object to keep (trimmed to the fields the checks read unless `trim` is off).
 * @public
 */
export function readItem(
  key: string,
  value: unknown,
  location: ItemLocation,
  trim: boolean,
): KubeObject {
  if (!isKubeObject(value)) {
    throw new SnapshotValidationError(
      location.source,
      location.field,
      'expected an object',
    );
  }
  validateItem(key, value, location.source, location.field);
  return trim ? trimObject(key, value) : value;
}

/** @public */
export interface SnapshotAssemblerOptions {
  trim: boolean;
  /** The reference time (default: the newest timestamp in the items). */
  collectedAt?: string;
  /** The cluster name (default: from the input's name). */
  clusterName?: string;
}

/**
 * Gathers the objects of every list, object and document of one input (a file, a
 * directory, a support bundle) into one ClusterSnapshot, sorted into resource keys.
 * A key counts as collected when some document held a list of its kind (or one of
 * its objects); a single kubectl `List` as the whole input collects every key of
 * the documented command.
 * @public
 */
export class SnapshotAssembler {
  private readonly items = new Map<string, KubeObject[]>();
  private readonly collected = new Set<string>();
  private newest = 0;
  private whole: { snapshot: ClusterSnapshot; source: string } | undefined;
  /** Documents that were Kubernetes lists or objects. */
  private kubeDocuments = 0;
  private genericLists = 0;
  private readonly skippedFiles: string[] = [];
  serverVersion: ClusterSnapshot['serverVersion'];
  apiGroupVersions: string[] | undefined;

  constructor(private readonly options: SnapshotAssemblerOptions) {}

  get trim(): boolean {
    return this.options.trim;
  }

  /** An object of a list or a document, sorted into its key. */
  addObject(key: string, value: unknown, location: ItemLocation): void {
    if (isKubeObject(value)) {
      if (!inScope(key, value)) return;
      if (!this.options.collectedAt) {
        this.newest = newestTimestamp(value.metadata, this.newest);
        this.newest = newestTimestamp(value.status, this.newest);
        this.newest = newestTimestamp(value.spec?.renewTime, this.newest);
      }
    }
    let list = this.items.get(key);
    if (!list) this.items.set(key, (list = []));
    list.push(readItem(key, value, location, this.options.trim));
  }

  /** Some document held a (possibly empty) list of this key's kind. */
  markCollected(key: string): void {
    this.collected.add(key);
  }

  /** A document was a Kubernetes list or object; `generic` for a kubectl `List`. */
  countDocument(generic: boolean): void {
    this.kubeDocuments++;
    if (generic) this.genericLists++;
  }

  /** A whole ClusterSnapshot document. */
  setSnapshot(snapshot: ClusterSnapshot, source: string): void {
    if (this.whole) {
      throw new SnapshotValidationError(
        source,
        '',
        `a ClusterSnapshot must be the only document of an input (${this.whole.source} is one too)`,
      );
    }
    this.whole = { snapshot, source };
  }

  /** A file or member that holds no cluster data. */
  skip(name: string): void {
    this.skippedFiles.push(name);
  }

  /** One line naming the skipped files, or undefined when none were. */
  skippedNotice(source: string): string | undefined {
    const n = this.skippedFiles.length;
    if (!n) return undefined;
    const shown = this.skippedFiles.slice(0, 10).join(', ');
    return `${source}: skipped ${n} file${
      n === 1 ? '' : 's'
    } that hold no Kubernetes lists or objects (logs, host files, discovery): ${shown}${
      n > 10 ? ` and ${n - 10} more` : ''
    }`;
  }

  /**
   * The snapshot of everything read. `singleDocument` is true when the input was one
   * file holding one document (then a kubectl `List` collects every documented key).
   */
  finish(
    source: string,
    defaultName: string,
    singleDocument: boolean,
  ): ClusterSnapshot {
    if (this.whole) {
      if (this.kubeDocuments > 0) {
        throw new SnapshotValidationError(
          this.whole.source,
          '',
          'a ClusterSnapshot must be the only document of an input, but Kubernetes lists or objects were found beside it',
        );
      }
      return this.whole.snapshot;
    }
    if (singleDocument && this.genericLists === 1) {
      for (const key of KUBECTL_LIST_KEYS) this.collected.add(key);
    }
    if (this.collected.size === 0) {
      throw new SnapshotValidationError(
        source,
        '',
        this.kubeDocuments
          ? 'holds no list or object of a kind the checks read (see docs/snapshot.md)'
          : 'found no ClusterSnapshot, kubectl List, typed list (NodeList, PodList, …) or Kubernetes object',
      );
    }
    const resources: Record<string, ResourceList> = {};
    for (const type of RESOURCE_TYPES) {
      if (this.collected.has(type.key)) {
        resources[type.key] = { items: this.items.get(type.key) ?? [] };
      }
    }
    const collectedAt =
      this.options.collectedAt ??
      (this.newest > 0 ? new Date(this.newest).toISOString() : undefined);
    if (!collectedAt) {
      throw new SnapshotValidationError(
        source,
        'items',
        'no timestamp found in the items; pass --collected-at',
      );
    }
    return {
      apiVersion: SNAPSHOT_API_VERSION,
      kind: 'ClusterSnapshot',
      collectedAt,
      cluster: { name: this.options.clusterName ?? defaultName },
      ...(this.serverVersion ? { serverVersion: this.serverVersion } : {}),
      ...(this.apiGroupVersions
        ? { apiGroupVersions: this.apiGroupVersions }
        : {}),
      resources,
    };
  }
}
