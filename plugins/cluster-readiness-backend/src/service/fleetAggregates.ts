import type {
  CheckMetadata,
  ClusterState,
  FleetAggregates,
  FleetRollup,
  Grade,
} from '@cluster-readiness/backstage-plugin-common';
import type { FleetCounts, FleetGroupCount } from '../database/ReadinessStore';

type GradeKey = Grade | 'none';

const noGrades = (): Record<GradeKey, number> => ({
  A: 0,
  B: 0,
  C: 0,
  D: 0,
  F: 0,
  none: 0,
});

const gradeKey = (grade: string | null): GradeKey =>
  grade && ['A', 'B', 'C', 'D', 'F'].includes(grade)
    ? (grade as Grade)
    : 'none';

const mean = (sum: number, count: number) =>
  count ? Math.round(sum / count) : null;

function rollups(rows: FleetGroupCount[]): FleetRollup[] {
  const byKey = new Map<
    string | null,
    FleetRollup & { scoreSum: number; scored: number }
  >();
  for (const row of rows) {
    let r = byKey.get(row.key);
    if (!r) {
      r = {
        key: row.key,
        clusters: 0,
        averageScore: null,
        grades: noGrades(),
        stale: 0,
        unread: 0,
        scoreSum: 0,
        scored: 0,
      };
      byKey.set(row.key, r);
    }
    r.clusters += row.clusters;
    r.grades[gradeKey(row.grade)] += row.clusters;
    r.stale += row.stale;
    r.unread += row.unread;
    r.scoreSum += row.scoreSum;
    r.scored += row.scored;
  }
  return [...byKey.values()]
    .map(({ scoreSum, scored, ...r }) => ({
      ...r,
      averageScore: mean(scoreSum, scored),
    }))
    .sort((a, b) => {
      // By key; clusters without one last.
      if (a.key === null || b.key === null) return a.key === null ? 1 : -1;
      return a.key < b.key ? -1 : Number(a.key > b.key);
    });
}

/**
 * `GET /fleet`'s body from the store's grouped counts and the check catalog (titles,
 * categories, severities of the most-failed checks).
 * @public
 */
export function fleetAggregates(
  counts: FleetCounts,
  checks: readonly CheckMetadata[],
): FleetAggregates {
  const grades = noGrades();
  const states: Record<ClusterState, number> = {
    ok: 0,
    stale: 0,
    error: 0,
    'needs-user-credentials': 0,
    pending: 0,
  };
  let totalClusters = 0;
  let stale = 0;
  let capped = 0;
  let scoreSum = 0;
  let scored = 0;
  for (const row of counts.totals) {
    totalClusters += row.clusters;
    grades[gradeKey(row.grade)] += row.clusters;
    if (row.state in states) states[row.state] += row.clusters;
    if (row.stale) stale += row.clusters;
    if (row.capped) capped += row.clusters;
    scoreSum += row.scoreSum;
    scored += row.scored;
  }
  const metadata = new Map(checks.map(c => [c.id, c]));
  return {
    totalClusters,
    averageScore: mean(scoreSum, scored),
    grades,
    states,
    stale,
    capped,
    owners: rollups(counts.owners),
    systems: rollups(counts.systems),
    mostFailedChecks: counts.checks.flatMap(c => {
      const check = metadata.get(c.checkId);
      if (!check) return [];
      return [
        {
          checkId: c.checkId,
          title: check.title,
          category: check.category,
          severity: check.severity,
          failing: c.failing,
          warning: c.warning,
          waived: c.waived,
        },
      ];
    }),
  };
}
