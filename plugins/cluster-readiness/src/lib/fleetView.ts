import {
  CLUSTER_SORT_KEYS,
  ClusterSortKey,
  ClusterState,
  FleetFilter,
  Grade,
} from '@cluster-readiness/backstage-plugin-common';

/** The grade filter's value for clusters without a grade (withheld, unscored or pending). */
export const NO_GRADE = 'none';

/** A value of the grade filter: a grade, or {@link NO_GRADE}. */
export type GradeFilter = Grade | typeof NO_GRADE;

const GRADE_VALUES: GradeFilter[] = ['A', 'B', 'C', 'D', 'F', NO_GRADE];
/** Cluster states, in the order the filter offers them. */
export const CLUSTER_STATES: ClusterState[] = [
  'ok',
  'stale',
  'pending',
  'error',
  'needs-user-credentials',
];
/** Page sizes of the organisation page's cluster table. */
export const PAGE_SIZES = [25, 50, 100] as const;

/** What the organisation page shows: filters, sort and page size, kept in the URL query. */
export interface FleetView {
  filter: FleetFilter;
  sort: ClusterSortKey;
  order: 'asc' | 'desc';
  pageSize: number;
}

/** Worst first: the default sort of the organisation page. */
export const DEFAULT_VIEW: FleetView = {
  filter: {},
  sort: 'score',
  order: 'asc',
  pageSize: 25,
};

const oneOf = <T extends string>(values: readonly T[], value: string) =>
  (values as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The view in a URL query (`?owner=…&owner=…&grade=none&sort=name&order=desc`).
 * Unknown values are dropped, so a hand-edited or outdated link still opens.
 */
export function parseFleetView(params: URLSearchParams): FleetView {
  const list = (name: string) =>
    params.getAll(name).filter(v => v.trim() !== '');
  const filter: FleetFilter = {};
  const owner = list('owner');
  if (owner.length) filter.owner = owner;
  const system = list('system');
  if (system.length) filter.system = system;
  const grade = list('grade').flatMap(g => oneOf(GRADE_VALUES, g) ?? []);
  if (grade.length) filter.grade = grade;
  const state = list('state').flatMap(s => oneOf(CLUSTER_STATES, s) ?? []);
  if (state.length) filter.state = state;
  const stale = params.get('stale');
  if (stale === 'true' || stale === 'false') filter.stale = stale === 'true';
  const q = params.get('q')?.trim();
  if (q) filter.q = q;
  const pageSize = Number(params.get('pageSize'));
  return {
    filter,
    sort:
      oneOf(CLUSTER_SORT_KEYS, params.get('sort') ?? '') ?? DEFAULT_VIEW.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize)
      ? pageSize
      : DEFAULT_VIEW.pageSize,
  };
}

/** The URL query of a view; defaults are left out so a plain link stays plain. */
export function fleetViewQuery(view: FleetView): URLSearchParams {
  const params = new URLSearchParams();
  const { filter } = view;
  for (const o of filter.owner ?? []) params.append('owner', o);
  for (const s of filter.system ?? []) params.append('system', s);
  for (const g of filter.grade ?? []) params.append('grade', g);
  for (const s of filter.state ?? []) params.append('state', s);
  if (filter.stale !== undefined) params.set('stale', String(filter.stale));
  if (filter.q) params.set('q', filter.q);
  if (view.sort !== DEFAULT_VIEW.sort || view.order !== DEFAULT_VIEW.order) {
    params.set('sort', view.sort);
    params.set('order', view.order);
  }
  if (view.pageSize !== DEFAULT_VIEW.pageSize) {
    params.set('pageSize', String(view.pageSize));
  }
  return params;
}

/** True when the filter selects every cluster. */
export function isEmptyFilter(filter: FleetFilter): boolean {
  return (
    !filter.owner?.length &&
    !filter.system?.length &&
    !filter.grade?.length &&
    !filter.state?.length &&
    filter.stale === undefined &&
    !filter.q
  );
}
