import { InputError } from '@backstage/errors';
import {
  CLUSTER_SORT_KEYS,
  ClusterSortKey,
  FleetFilter,
  STATUSES,
} from '@cluster-readiness/backstage-plugin-common';
import type { CheckStatus } from '@cluster-readiness/backstage-plugin-common';
import { z } from 'zod';
import type { KeysetPosition } from '../database/ReadinessStore';

const GRADE_FILTERS = ['A', 'B', 'C', 'D', 'F', 'none'] as const;
const STATES = [
  'ok',
  'stale',
  'error',
  'needs-user-credentials',
  'pending',
] as const;

/** One value or a repeated parameter (`?owner=a&owner=b`), as a list. */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([item, z.array(item)])
    .transform(v => (Array.isArray(v) ? v : [v]) as Array<z.infer<T>>);

const filterShape = {
  owner: list(z.string().min(1).max(255)).optional(),
  system: list(z.string().min(1).max(255)).optional(),
  grade: list(z.enum(GRADE_FILTERS)).optional(),
  state: list(z.enum(STATES)).optional(),
  stale: z
    .enum(['true', 'false'])
    .transform(v => v === 'true')
    .optional(),
  q: z.string().max(255).optional(),
};

const pageShape = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(2048).optional(),
};

/** `GET /clusters` query parameters. */
export const clusterListQuery = z.object({
  ...filterShape,
  ...pageShape,
  sort: z.enum(CLUSTER_SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** Deprecated: use `cursor`. */
  offset: z.coerce.number().int().min(0).optional(),
});

/** `GET /fleet` query parameters. */
export const fleetQuery = z.object({
  ...filterShape,
  checks: z.coerce.number().int().min(0).max(100).default(10),
});

/** `GET /checks/:id/clusters` query parameters. */
export const checkClustersQuery = z.object({
  ...filterShape,
  ...pageShape,
  status: list(z.enum(STATUSES)).optional(),
});

/** The `FleetFilter` of parsed query parameters (an empty `q` is no filter). */
export function fleetFilter(
  query: z.infer<z.ZodObject<typeof filterShape>>,
): FleetFilter {
  const { owner, system, grade, state, stale, q } = query;
  return {
    ...(owner ? { owner } : {}),
    ...(system ? { system } : {}),
    ...(grade ? { grade } : {}),
    ...(state ? { state } : {}),
    ...(stale !== undefined ? { stale } : {}),
    ...(q?.trim() ? { q: q.trim() } : {}),
  };
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode<T>(cursor: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      "Invalid query parameter 'cursor': not a cursor this API gave out; pass the nextCursor of the previous page, or no cursor for the first page",
    );
  }
  return parsed.data;
}

const clusterCursor = z.object({
  s: z.enum(CLUSTER_SORT_KEYS),
  o: z.enum(['asc', 'desc']),
  v: z.union([z.string(), z.number(), z.null()]),
  n: z.string().min(1),
});

/** The sort keys whose values are numbers; the others are strings. */
const NUMERIC_KEYS: ReadonlySet<ClusterSortKey> = new Set([
  'score',
  'coverage',
]);

/** The cursor of the page after `position` in this sort. */
export function clusterCursorAfter(
  sort: ClusterSortKey,
  order: 'asc' | 'desc',
  position: KeysetPosition,
): string {
  return encode({ s: sort, o: order, v: position.value, n: position.name });
}

/** Where a `GET /clusters` cursor says the page starts; a clear 400 otherwise. */
export function clusterCursorPosition(
  cursor: string,
  sort: ClusterSortKey,
  order: 'asc' | 'desc',
): KeysetPosition {
  const c = decode(cursor, clusterCursor);
  if (c.s !== sort || c.o !== order) {
    throw new InputError(
      `Invalid query parameter 'cursor': it continues sort=${c.s}&order=${c.o}, not sort=${sort}&order=${order}; start again without a cursor`,
    );
  }
  const numeric = NUMERIC_KEYS.has(sort);
  if (c.v !== null && (typeof c.v === 'number') !== numeric) {
    throw new InputError(
      "Invalid query parameter 'cursor': not a cursor this API gave out; pass the nextCursor of the previous page, or no cursor for the first page",
    );
  }
  return { value: c.v, name: c.n };
}

const checkCursor = z.object({
  c: z.string().min(1),
  s: z.enum(STATUSES),
  n: z.string().min(1),
});

/** The cursor of the page after this result in `GET /checks/:id/clusters`. */
export function checkCursorAfter(
  checkId: string,
  position: { status: CheckStatus; name: string },
): string {
  return encode({ c: checkId, s: position.status, n: position.name });
}

/** Where a `GET /checks/:id/clusters` cursor says the page starts; a clear 400 otherwise. */
export function checkCursorPosition(
  cursor: string,
  checkId: string,
): { status: CheckStatus; name: string } {
  const c = decode(cursor, checkCursor);
  if (c.c !== checkId) {
    throw new InputError(
      `Invalid query parameter 'cursor': it continues the clusters of check '${c.c}', not '${checkId}'`,
    );
  }
  return { status: c.s, name: c.n };
}
