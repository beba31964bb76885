import {
  CATEGORIES,
  CATEGORY_TITLES,
  CategoryReport,
  CheckResult,
  Grade,
  SEVERITY_WEIGHTS,
  StatusCounts,
} from '../types';

const CREDIT: Partial<Record<CheckResult['status'], number>> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
};

/** True when an unexpired waiver overlays the result. @public */
export function isWaived(result: CheckResult): boolean {
  return !!result.waiver && !result.waiver.expired;
}

/**
 * round(100 × Σ weight·credit ÷ Σ weight) over pass/warn/fail results that are not
 * waived; null when none counts (checks.md, Scoring).
 * @public
 */
export function scoreOf(results: readonly CheckResult[]): number | null {
  let total = 0;
  let earned = 0;
  for (const r of results) {
    const credit = CREDIT[r.status];
    if (credit === undefined || isWaived(r)) continue;
    const w = SEVERITY_WEIGHTS[r.severity];
    total += w;
    earned += w * credit;
  }
  return total === 0 ? null : Math.round((100 * earned) / total);
}

/**
 * Weight of pass/warn/fail results ÷ weight of results that are neither
 * not-applicable nor waived; null when that is 0.
 * @public
 */
export function coverageOf(results: readonly CheckResult[]): number | null {
  let applicable = 0;
  let observed = 0;
  for (const r of results) {
    if (r.status === 'not-applicable' || isWaived(r)) continue;
    const w = SEVERITY_WEIGHTS[r.severity];
    applicable += w;
    if (CREDIT[r.status] !== undefined) observed += w;
  }
  return applicable === 0
    ? null
    : Math.round((observed / applicable) * 1000) / 1000;
}

/**
 * A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F; an unwaived `fail` on a critical check caps
 * it at D.
 * @public
 */
export function gradeOf(
  score: number | null,
  results: readonly CheckResult[],
): Grade | null {
  if (score === null) return null;
  const bands: Array<[number, Grade]> = [
    [90, 'A'],
    [80, 'B'],
    [70, 'C'],
    [60, 'D'],
  ];
  let grade: Grade = bands.find(([min]) => score >= min)?.[1] ?? 'F';
  const criticalFail = results.some(
    r => r.severity === 'critical' && r.status === 'fail' && !isWaived(r),
  );
  if (criticalFail && (grade === 'A' || grade === 'B' || grade === 'C')) {
    grade = 'D';
  }
  return grade;
}

/** @public */
export function countStatuses(results: readonly CheckResult[]): StatusCounts {
  const counts: StatusCounts = {
    pass: 0,
    warn: 0,
    fail: 0,
    unknown: 0,
    'not-applicable': 0,
    waived: 0,
  };
  for (const r of results) {
    if (isWaived(r)) counts.waived++;
    else counts[r.status]++;
  }
  return counts;
}

/** Score, grade, coverage and counts per category. @public */
export function categoryReports(
  results: readonly CheckResult[],
): CategoryReport[] {
  return CATEGORIES.map(id => {
    const inCategory = results.filter(r => r.category === id);
    const score = scoreOf(inCategory);
    return {
      id,
      title: CATEGORY_TITLES[id],
      score,
      grade: gradeOf(score, inCategory),
      coverage: coverageOf(inCategory),
      counts: countStatuses(inCategory),
    };
  });
}
