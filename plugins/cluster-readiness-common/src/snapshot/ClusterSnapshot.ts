import { z } from 'zod';
import type { KubeObject } from './kube';
import { checkItem } from './itemSchemas';
import { expectedError, snapshotErrorMap } from './snapshotErrorMap';
import { SnapshotValidationError } from './SnapshotValidationError';

export { SnapshotValidationError } from './SnapshotValidationError';

/** @public */
export const SNAPSHOT_API_VERSION = 'cluster-readiness/v1alpha1';

const resourceError = z.object({
  code: z.number().int(),
  reason: z.string(),
  message: z.string(),
});

const resourceList = z.union(
  [
    z.object({ items: z.array(z.looseObject({})) }),
    z.object({ error: resourceError }),
  ],
  {
    error: expectedError(
      '{ "items": [...] } or { "error": { "code", "reason", "message" } }',
    ),
  },
);

/** Header of a snapshot: everything but `resources`. @public */
export const snapshotHeaderSchema = z.looseObject({
  apiVersion: z.literal(SNAPSHOT_API_VERSION),
  kind: z.literal('ClusterSnapshot'),
  collectedAt: z.iso.datetime({ offset: true }),
  cluster: z.looseObject({
    name: z.string().min(1),
    server: z.string().optional(),
    skipTLSVerify: z.boolean().optional(),
    controlPlane: z.enum(['managed', 'self-hosted']).optional(),
  }),
  serverVersion: z
    .looseObject({
      major: z.string(),
      minor: z.string(),
      gitVersion: z.string().optional(),
    })
    .optional(),
  serverCertificate: z
    .looseObject({
      notAfter: z.iso.datetime({ offset: true }),
      subject: z.string().optional(),
      issuer: z.string().optional(),
    })
    .optional(),
  anonymousProbe: z.looseObject({ status: z.number().int() }).optional(),
  apiGroupVersions: z.array(z.string()).optional(),
});

/** The full snapshot schema (snapshot.md). @public */
export const clusterSnapshotSchema = snapshotHeaderSchema.extend({
  resources: z.record(z.string(), resourceList, {
    error: expectedError('an object (resource key → list)'),
  }),
});

/** A denied or failed list. @public */
export interface ResourceError {
  code: number;
  reason: string;
  message: string;
}

/** One collected resource: its full list, or the error that stopped it. @public */
export type ResourceList =
  | { items: KubeObject[]; error?: undefined }
  | { error: ResourceError; items?: undefined };

/** Everything of a snapshot but `resources`. @public */
export interface SnapshotHeader {
  apiVersion: typeof SNAPSHOT_API_VERSION;
  kind: 'ClusterSnapshot';
  /** Reference time of every time-based rule. */
  collectedAt: string;
  cluster: {
    name: string;
    server?: string;
    skipTLSVerify?: boolean;
    controlPlane?: 'managed' | 'self-hosted';
  };
  /** `GET /version`. */
  serverVersion?: { major: string; minor: string; gitVersion?: string };
  /** The API server's serving certificate, from the TLS handshake. */
  serverCertificate?: { notAfter: string; subject?: string; issuer?: string };
  /** Status of `GET /api` sent without credentials. */
  anonymousProbe?: { status: number };
  /** Discovery: every served group/version. */
  apiGroupVersions?: string[];
}

/**
 * Everything the checks need from one cluster at one moment (snapshot.md).
 * @public
 */
export interface ClusterSnapshot extends SnapshotHeader {
  resources: Record<string, ResourceList>;
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`,
    )
    .join('');
}

function firstIssue(error: z.ZodError): z.core.$ZodIssue {
  const issue = error.issues[0];
  if (issue.code === 'invalid_union' && issue.errors.length) {
    // When a branch got past its first level, name the field inside it that failed
    // (e.g. `[0].reason`); otherwise the union's own message says what was expected.
    const nested = issue.errors
      .flat()
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (nested && nested.path.length > 1) {
      return firstIssue({
        issues: [{ ...nested, path: [...issue.path, ...nested.path] }],
      } as z.ZodError);
    }
  }
  return issue;
}

/**
 * Validates any value against a schema, throwing `SnapshotValidationError` with the
 * first problem as one line: `<source>: <field>: <problem>`.
 * @public
 */
export function validateWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  source: string,
  prefix: ReadonlyArray<PropertyKey> = [],
): T {
  const result = schema.safeParse(value, { error: snapshotErrorMap });
  if (result.success) {
    return result.data;
  }
  const issue = firstIssue(result.error);
  throw new SnapshotValidationError(
    source,
    fieldPath([...prefix, ...issue.path]),
    issue.message,
  );
}

/**
 * Checks that a parsed JSON value is a ClusterSnapshot. Unknown fields are kept and
 * ignored.
 * @public
 */
export function parseClusterSnapshot(
  value: unknown,
  source = 'snapshot',
): ClusterSnapshot {
  const snapshot = validateWith(
    clusterSnapshotSchema,
    value,
    source,
  ) as ClusterSnapshot;
  validateSnapshotItems(snapshot, source);
  return snapshot;
}

/**
 * Checks every object of a snapshot against its kind's expected shape (see
 * `checkItem`), throwing `SnapshotValidationError` on the first wrong one:
 * `<source>: Node/cp-1 .status.conditions: expected a list, got a string`.
 * @public
 */
export function validateSnapshotItems(
  snapshot: Pick<ClusterSnapshot, 'resources'>,
  source = 'snapshot',
): void {
  for (const [key, list] of Object.entries(snapshot.resources)) {
    const items = list.items ?? [];
    for (let i = 0; i < items.length; i++) {
      const problem = checkItem(key, items[i], `resources.${key}.items[${i}]`);
      if (problem) {
        throw new SnapshotValidationError(
          source,
          `${problem.object}${problem.field ? ` ${problem.field}` : ''}`,
          problem.problem,
        );
      }
    }
  }
}

/**
 * Checks a snapshot's header (everything but `resources`), for readers that stream
 * the resources item by item.
 * @public
 */
export function parseSnapshotHeader(
  value: unknown,
  source = 'snapshot',
): SnapshotHeader {
  return validateWith(snapshotHeaderSchema, value, source) as SnapshotHeader;
}
