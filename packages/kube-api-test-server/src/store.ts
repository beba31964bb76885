import type {
  KubeObject,
  ResourceError,
} from '@cluster-readiness/backstage-plugin-common';
import type { ServedType } from './discovery';
import { parseFieldSelector, parseLabelSelector } from './selectors';

/** Items of one resource, read by index (an array, or a lazy ResourceSource). */
export interface ItemStore {
  readonly count: number;
  get(index: number): KubeObject;
}

/** Positions of the items a list request sees, in serving order. */
export interface View {
  readonly length: number;
  /** Index into the ItemStore of the item at that position. */
  at(position: number): number;
}

const EMPTY_VIEW: View = { length: 0, at: () => -1 };

function arrayView(indexes: number[]): View {
  return { length: indexes.length, at: p => indexes[p] };
}

/**
 * One served resource: its items (or the error the snapshot recorded for it), with
 * namespace and name indexes built lazily the first time they are needed, so that a
 * page of a namespaced list or a get by name never scans all items again.
 */
export class ServedResource {
  private byNamespace?: Map<string, number[]>;
  private byName?: Map<string, number>;
  private readonly selections = new Map<string, number[]>();

  constructor(
    readonly type: ServedType,
    readonly items: ItemStore,
    readonly error?: ResourceError,
  ) {}

  private buildIndexes(): void {
    if (this.byNamespace) return;
    const byNamespace = new Map<string, number[]>();
    const byName = new Map<string, number>();
    for (let i = 0; i < this.items.count; i++) {
      const meta = this.items.get(i)?.metadata;
      const ns = meta?.namespace ?? '';
      let list = byNamespace.get(ns);
      if (!list) {
        list = [];
        byNamespace.set(ns, list);
      }
      list.push(i);
      const nameKey = `${this.type.namespaced ? ns : ''}/${meta?.name ?? ''}`;
      if (!byName.has(nameKey)) byName.set(nameKey, i);
    }
    this.byNamespace = byNamespace;
    this.byName = byName;
  }

  /** The object with that name (in that namespace for namespaced resources). */
  find(namespace: string | undefined, name: string): KubeObject | undefined {
    this.buildIndexes();
    const index = this.byName!.get(`${namespace ?? ''}/${name}`);
    return index === undefined ? undefined : this.items.get(index);
  }

  /**
   * The items a list sees: all of them, or one namespace's, filtered by selectors.
   * Throws SelectorError for a selector the apiserver would reject.
   */
  view(
    namespace: string | undefined,
    labelSelector?: string,
    fieldSelector?: string,
  ): View {
    let base: View;
    if (namespace === undefined) {
      base = { length: this.items.count, at: p => p };
    } else {
      this.buildIndexes();
      const list = this.byNamespace!.get(namespace);
      base = list ? arrayView(list) : EMPTY_VIEW;
    }
    if (!labelSelector && !fieldSelector) return base;

    const cacheKey = `${namespace ?? ''}\u0000${labelSelector ?? ''}\u0000${
      fieldSelector ?? ''
    }`;
    const cached = this.selections.get(cacheKey);
    if (cached) return arrayView(cached);

    const matchers = [
      ...(labelSelector ? [parseLabelSelector(labelSelector)] : []),
      ...(fieldSelector
        ? [parseFieldSelector(fieldSelector, this.type.kind)]
        : []),
    ];
    const selected: number[] = [];
    for (let p = 0; p < base.length; p++) {
      const index = base.at(p);
      const item = this.items.get(index);
      if (matchers.every(m => m(item))) selected.push(index);
    }
    if (this.selections.size > 32) this.selections.clear();
    this.selections.set(cacheKey, selected);
    return arrayView(selected);
  }
}
