import {
  Category,
  ClusterReport,
  ClusterSummary,
  Grade,
  GradeCap,
  isWaived,
} from '@cluster-readiness/backstage-plugin-common';
import { normalizeChecks, severityRank } from './presentation';

/** The grade filter's value for clusters without a grade (withheld, unscored or pending). */
export const NO_GRADE = 'none';

/** A value of the grade filter: a grade, or {@link NO_GRADE}. */
export type GradeFilter = Grade | typeof NO_GRADE;

/** Filters of the organisation page. */
export interface FleetFilters {
  owner?: string;
  grades: GradeFilter[];
  /** When set, `grades` applies to this category's grade instead of the overall one. */
  category?: Category;
  /** `true`: only stale clusters; `false`: only fresh ones. */
  stale?: boolean;
}

export function categoryScore(
  cluster: ClusterSummary,
  category: string,
):
  | { score: number | null; grade: Grade | null; gradeCap?: GradeCap | null }
  | undefined {
  return (cluster.categories ?? []).find(c => c?.id === category);
}

export function filterClusters(
  clusters: readonly ClusterSummary[],
  filters: FleetFilters,
): ClusterSummary[] {
  return clusters.filter(c => {
    if (filters.owner !== undefined && (c.owner ?? '') !== filters.owner) {
      return false;
    }
    if (filters.stale !== undefined && c.stale !== filters.stale) return false;
    if (filters.grades.length) {
      const grade = filters.category
        ? categoryScore(c, filters.category)?.grade
        : c.grade;
      if (!filters.grades.includes(grade ?? NO_GRADE)) return false;
    }
    return true;
  });
}

/** Clusters of one owner or system, as the backend's group rollup computes them. */
export interface Rollup {
  key: string;
  clusters: number;
  averageScore: number | null;
  grades: Partial<Record<Grade, number>>;
  /** Clusters without a grade: withheld for low coverage, unscored or not read yet. */
  noGrade: number;
  /** Clusters whose grade a cap lowered (coverage or a failing critical check). */
  capped: number;
  stale: number;
}

export function rollup(
  key: string,
  clusters: readonly ClusterSummary[],
): Rollup {
  const scored = clusters.filter(c => typeof c.score === 'number');
  const grades: Partial<Record<Grade, number>> = {};
  for (const c of clusters) {
    if (c.grade) grades[c.grade] = (grades[c.grade] ?? 0) + 1;
  }
  return {
    key,
    clusters: clusters.length,
    averageScore: scored.length
      ? Math.round(scored.reduce((s, c) => s + c.score!, 0) / scored.length)
      : null,
    grades,
    noGrade: clusters.filter(c => !c.grade).length,
    capped: clusters.filter(c => c.grade && c.gradeCap).length,
    stale: clusters.filter(c => c.stale).length,
  };
}

/** One rollup per distinct key (owner, system); clusters without one under `''`. Lowest average first. */
export function rollupBy(
  clusters: readonly ClusterSummary[],
  keyOf: (c: ClusterSummary) => string | undefined,
): Rollup[] {
  const groups = new Map<string, ClusterSummary[]>();
  for (const c of clusters) {
    const key = keyOf(c) ?? '';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(c);
  }
  return [...groups.entries()]
    .map(([key, list]) => rollup(key, list))
    .sort(
      (a, b) =>
        (a.averageScore ?? -1) - (b.averageScore ?? -1) ||
        a.key.localeCompare(b.key),
    );
}

/** A check and how many analysed clusters fail or warn on it (waived results left out). */
export interface FailedCheck {
  id: string;
  title: string;
  category: string;
  severity: string;
  remediation: string;
  failing: string[];
  warning: string[];
  /** Distributions of the clusters that fail or warn, with how many of each. */
  distributions: Record<string, number>;
}

export function mostFailedChecks(
  reports: ReadonlyArray<ClusterReport | undefined>,
): FailedCheck[] {
  const byId = new Map<string, FailedCheck>();
  for (const report of reports) {
    if (!report) continue;
    const cluster = report.cluster?.name ?? '?';
    for (const r of normalizeChecks(report.checks)) {
      if ((r.status !== 'fail' && r.status !== 'warn') || isWaived(r)) continue;
      let entry = byId.get(r.id);
      if (!entry) {
        entry = {
          id: r.id,
          title: r.title,
          category: r.category,
          severity: r.severity,
          remediation: r.remediation,
          failing: [],
          warning: [],
          distributions: {},
        };
        byId.set(r.id, entry);
      }
      (r.status === 'fail' ? entry.failing : entry.warning).push(cluster);
      const distribution = report.distribution?.name;
      if (distribution) {
        entry.distributions[distribution] =
          (entry.distributions[distribution] ?? 0) + 1;
      }
    }
  }
  return [...byId.values()].sort(
    (a, b) =>
      b.failing.length - a.failing.length ||
      b.warning.length - a.warning.length ||
      severityRank(a.severity) - severityRank(b.severity) ||
      a.id.localeCompare(b.id),
  );
}

/** Page size used to read every cluster: the backend's maximum. */
export const CLUSTER_PAGE_SIZE = 1000;

/**
 * Every readable cluster, one `GET /clusters` page of 1,000 at a time. Summaries are
 * small (a few hundred bytes), so even a large fleet is a request or two.
 */
export async function fetchAllClusters(api: {
  listClusters(request: { offset: number; limit: number }): Promise<{
    items: ClusterSummary[];
    totalItems: number;
  }>;
}): Promise<ClusterSummary[]> {
  const items: ClusterSummary[] = [];
  let total = Infinity;
  while (items.length < total) {
    const page = await api.listClusters({
      offset: items.length,
      limit: CLUSTER_PAGE_SIZE,
    });
    total = page.totalItems;
    if (!page.items?.length) break;
    items.push(...page.items);
  }
  return items;
}

/** `group:default/platform-team` → `platform-team`; other namespaces keep theirs. */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '';
  const match = ref.match(/^(?:[^:]+:)?(?:([^/]+)\/)?(.+)$/);
  if (!match) return ref;
  const [, namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}
