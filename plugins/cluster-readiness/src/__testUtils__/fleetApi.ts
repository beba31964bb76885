import {
  BUILTIN_CHECKS,
  checkMetadata,
  ClusterSummary,
  FleetAggregates,
  FleetFilter,
} from '@cluster-readiness/backstage-plugin-common';
import type { ListClustersRequest } from '../api';
import { mockReadinessApi } from './fixtures';

/** Aggregates with every counter at zero, for tests to fill in. */
export function emptyAggregates(
  overrides: Partial<FleetAggregates> = {},
): FleetAggregates {
  return {
    totalClusters: 0,
    averageScore: null,
    grades: { A: 0, B: 0, C: 0, D: 0, F: 0, none: 0 },
    states: {
      ok: 0,
      stale: 0,
      error: 0,
      'needs-user-credentials': 0,
      pending: 0,
    },
    stale: 0,
    capped: 0,
    owners: [],
    systems: [],
    mostFailedChecks: [],
    ...overrides,
  };
}

function matches(c: ClusterSummary, f: FleetFilter): boolean {
  if (f.owner?.length && !f.owner.includes(c.owner ?? '')) return false;
  if (f.system?.length && !f.system.includes(c.system ?? '')) return false;
  if (f.grade?.length && !f.grade.includes(c.grade ?? 'none')) return false;
  if (f.state?.length && !f.state.includes(c.state)) return false;
  if (f.stale !== undefined && c.stale !== f.stale) return false;
  const q = f.q?.toLocaleLowerCase('en-US');
  if (
    q &&
    ![c.name, c.owner, c.system].some(v =>
      v?.toLocaleLowerCase('en-US').includes(q),
    )
  ) {
    return false;
  }
  return true;
}

/**
 * An API answering `GET /clusters` as the backend's contract says (filters, sort
 * with name as tie-break, cursor pages), and `GET /fleet` with the given aggregates.
 * Its mocks record every request.
 */
export function fakeFleetApi(
  clusters: ClusterSummary[],
  aggregates: FleetAggregates = emptyAggregates({
    totalClusters: clusters.length,
  }),
) {
  return mockReadinessApi({
    listClusters: jest.fn(async (request: ListClustersRequest = {}) => {
      const {
        owner,
        sort = 'name',
        order = 'asc',
        cursor,
        limit = 100,
      } = request;
      const filter: FleetFilter = {
        ...request,
        owner: owner === undefined ? undefined : ([] as string[]).concat(owner),
      };
      const key = (c: ClusterSummary) => (c as any)[sort] ?? null;
      const sorted = clusters
        .filter(c => matches(c, filter))
        .sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          // unscored (null) last in both orders, as the backend does
          let byKey = 0;
          if (x === null && y !== null) byKey = 1;
          else if (y === null && x !== null) byKey = -1;
          else if (x !== y) byKey = x < y ? -1 : 1;
          return (
            (order === 'desc' && x !== null && y !== null ? -byKey : byKey) ||
            a.name.localeCompare(b.name)
          );
        });
      const start = cursor ? Number(cursor) : 0;
      const items = sorted.slice(start, start + limit);
      return {
        items,
        totalItems: sorted.length,
        nextCursor:
          start + limit < sorted.length ? String(start + limit) : undefined,
      };
    }),
    getFleet: jest.fn(async () => aggregates),
    listChecks: jest.fn(async () => ({
      items: BUILTIN_CHECKS.map(checkMetadata),
    })),
    exportReadiness: jest.fn(async format => ({
      blob: new Blob([`export ${format}`]),
      filename: `cluster-readiness-2025-01-31.${format}`,
    })),
  });
}
