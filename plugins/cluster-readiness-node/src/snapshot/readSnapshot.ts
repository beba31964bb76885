import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  ClusterSnapshot,
  KubeObject,
  parseSnapshotHeader,
  RESOURCE_TYPES,
  resourceKeyOf,
  resourceType,
  ResourceList,
  SnapshotValidationError,
  SNAPSHOT_API_VERSION,
  trimObject,
  UNREAD_OBJECT_KEYS,
  validateItem,
  validateWith,
} from '@cluster-readiness/backstage-plugin-common';
import { z } from 'zod';
import {
  JsonItemScanner,
  JsonPath,
  JsonRoute,
  JsonSyntaxError,
} from './JsonItemScanner';

/** @public */
export interface ReadSnapshotOptions {
  /** Name used in error messages (the file name). */
  source?: string;
  /**
   * Keep only the fields the checks read (see `trimObject`); default true. Turn off to
   * keep whole objects, e.g. to re-serve a snapshot.
   */
  trim?: boolean;
  /** kubectl List input: the cluster name (default: the source name). */
  clusterName?: string;
  /** kubectl List input: the reference time (default: newest timestamp in the items). */
  collectedAt?: string;
}

/**
 * Resource keys that a kubectl List made with the documented command (see the CLI
 * README) holds: every non-optional resource type.
 * @public
 */
export const KUBECTL_LIST_KEYS: readonly string[] = RESOURCE_TYPES.filter(
  t => !t.optional,
).map(t => t.key);

const errorSchema = z.object({
  error: z.object({
    code: z.number().int(),
    reason: z.string(),
    message: z.string(),
  }),
});

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

function isObject(value: unknown): value is KubeObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads a ClusterSnapshot or a kubectl `List` (what `kubectl get … -A -o json`
 * prints) item by item from a file or stream, validating as it goes. Errors name the
 * source and the field in one line (`SnapshotValidationError`).
 * @public
 */
export async function readSnapshot(
  input: string | Readable,
  options: ReadSnapshotOptions = {},
): Promise<ClusterSnapshot> {
  const source =
    options.source ?? (typeof input === 'string' ? input : 'snapshot');
  const trim = options.trim ?? true;
  const header: Record<string, unknown> = {};
  const resources: Record<string, ResourceList> = {};
  const listItems = new Map<string, KubeObject[]>();
  let isList = false;
  let newest = 0;

  let resourcesSeen = false;
  const route = (path: JsonPath): JsonRoute => {
    const [first, second, third] = path;
    if (path.length === 1 && first === 'resources') resourcesSeen = true;
    switch (path.length) {
      case 0:
        return 'descend';
      case 1:
        return first === 'resources' || first === 'items'
          ? 'descend'
          : 'capture';
      case 2:
        if (first === 'resources') return 'descend';
        return first === 'items' ? 'capture' : 'skip';
      case 3:
        return first === 'resources' && third === 'items'
          ? 'descend'
          : 'capture';
      default:
        return second !== undefined ? 'capture' : 'skip';
    }
  };

  const onValue = (path: JsonPath, value: unknown) => {
    const field = path
      .map((p, i) => {
        if (typeof p === 'number') return `[${p}]`;
        return i ? `.${p}` : p;
      })
      .join('');
    if (path.length === 0 || typeof path[0] === 'number') {
      throw new SnapshotValidationError(
        source,
        '',
        'expected a JSON object (a ClusterSnapshot or a kubectl List)',
      );
    }
    if (path.length === 1) {
      header[path[0] as string] = value;
      return;
    }
    if (path[0] === 'items') {
      // kubectl List item.
      isList = true;
      if (!isObject(value)) {
        throw new SnapshotValidationError(source, field, 'expected an object');
      }
      const key = resourceKeyOf(value.apiVersion, value.kind);
      if (!key || !inScope(key, value)) return;
      validateItem(key, value, source, field);
      if (!options.collectedAt) {
        newest = newestTimestamp(value.metadata, newest);
        newest = newestTimestamp(value.status, newest);
        newest = newestTimestamp(value.spec?.renewTime, newest);
      }
      let list = listItems.get(key);
      if (!list) listItems.set(key, (list = []));
      list.push(trim ? trimObject(key, value) : value);
      return;
    }
    // resources.<key>.items[i] or resources.<key>.<field>
    const key = path[1] as string;
    if (path.length === 4 && path[2] === 'items') {
      if (!isObject(value)) {
        throw new SnapshotValidationError(source, field, 'expected an object');
      }
      let entry = resources[key];
      if (!entry) resources[key] = entry = { items: [] };
      if (!entry.items) {
        throw new SnapshotValidationError(
          source,
          `resources.${key}`,
          'has both items and error',
        );
      }
      validateItem(key, value, source, field);
      entry.items.push(trim ? trimObject(key, value) : value);
      return;
    }
    if (path.length === 3 && path[2] === 'error') {
      const parsed = validateWith(errorSchema, { error: value }, source, [
        'resources',
        key,
      ]);
      if (resources[key]?.items) {
        throw new SnapshotValidationError(
          source,
          `resources.${key}`,
          'has both items and error',
        );
      }
      resources[key] = parsed;
      return;
    }
    if (path.length === 3 && path[2] === 'items') {
      // "items" that is not an array.
      throw new SnapshotValidationError(source, field, 'expected an array');
    }
    if (path.length === 2) {
      throw new SnapshotValidationError(
        source,
        field,
        'expected { "items": [...] } or { "error": { "code", "reason", "message" } }',
      );
    }
  };

  const onOpen = (path: JsonPath, isArray: boolean) => {
    if (path.length === 0 && isArray) {
      throw new SnapshotValidationError(
        source,
        '',
        'expected a JSON object (a ClusterSnapshot or a kubectl List)',
      );
    }
    if (path[0] === 'resources') {
      const field = path.join('.');
      if (path.length === 1 && isArray) {
        throw new SnapshotValidationError(source, field, 'expected an object');
      }
      if (path.length === 2) {
        if (isArray) {
          throw new SnapshotValidationError(
            source,
            field,
            'expected { "items": [...] } or { "error": { "code", "reason", "message" } }',
          );
        }
      }
      if (path.length === 3 && path[2] === 'items') {
        if (!isArray) {
          throw new SnapshotValidationError(source, field, 'expected an array');
        }
        const key = path[1] as string;
        if (resources[key]?.error) {
          throw new SnapshotValidationError(
            source,
            `resources.${key}`,
            'has both items and error',
          );
        }
        resources[key] ??= { items: [] };
      }
    }
  };

  // Fields no check reads (managedFields, statuses, volumes…) are most of an object's
  // bytes; when trimming they are not even parsed.
  const scanner = new JsonItemScanner(
    route,
    onValue,
    onOpen,
    trim ? UNREAD_OBJECT_KEYS : [],
  );
  const stream =
    typeof input === 'string'
      ? createReadStream(input, { highWaterMark: 1 << 20 })
      : input;
  try {
    for await (const chunk of stream) {
      scanner.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
    scanner.end();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err instanceof SnapshotValidationError) throw err;
    if (err instanceof JsonSyntaxError) {
      throw new SnapshotValidationError(source, '', err.message);
    }
    if (err.code === 'ENOENT') {
      throw new SnapshotValidationError(source, '', 'no such file');
    }
    if (err.code === 'EISDIR') {
      throw new SnapshotValidationError(
        source,
        '',
        'is a directory, not a file',
      );
    }
    if (err.code === 'EACCES') {
      throw new SnapshotValidationError(source, '', 'permission denied');
    }
    throw new SnapshotValidationError(source, '', err.message);
  }

  if (header.kind === 'List' || (isList && header.kind === undefined)) {
    const items: Record<string, ResourceList> = {};
    for (const key of KUBECTL_LIST_KEYS)
      items[key] = { items: listItems.get(key) ?? [] };
    const collectedAt =
      options.collectedAt ??
      (newest > 0 ? new Date(newest).toISOString() : undefined);
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
      cluster: {
        name:
          options.clusterName ??
          source.replace(/^.*\//, '').replace(/\.json$/, ''),
      },
      resources: items,
    };
  }
  const parsedHeader = parseSnapshotHeader(header, source);
  if ('resources' in header) {
    // Captured whole: it was not an object.
    throw new SnapshotValidationError(
      source,
      'resources',
      'expected an object',
    );
  }
  if (!resourcesSeen) {
    throw new SnapshotValidationError(
      source,
      'resources',
      'is required (expected object)',
    );
  }
  return { ...parsedHeader, resources };
}
