import {
  CATEGORIES,
  CATEGORY_TITLES,
  CategoryReport,
  CheckResult,
  Grade,
  GradeCap,
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

const GRADE_ORDER: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];

/** The lower of two grades. */
function worse(a: Grade, b: Grade): Grade {
  return GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b;
}

/** A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F: the grade of the score alone. @public */
export function scoreGrade(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

/**
 * The best grade a coverage allows (checks.md v2, Scoring): ≥ 0.9 any, ≥ 0.75 B,
 * ≥ 0.5 C, below 0.5 none (null). A null coverage (nothing applies) allows any.
 * @public
 */
export function coverageGradeLimit(coverage: number | null): Grade | null {
  if (coverage === null || coverage >= 0.9) return 'A';
  if (coverage >= 0.75) return 'B';
  if (coverage >= 0.5) return 'C';
  return null;
}

/** A grade with why it is capped or withheld (`gradeCap` null when it is not). @public */
export interface GradeWithCap {
  grade: Grade | null;
  gradeCap: GradeCap | null;
}

/**
 * The grade of checks.md v2, Scoring: the score's band; an unwaived `fail` on a
 * critical check caps it at D; coverage caps it at B (below 0.9), C (below 0.75) or
 * withholds it (below 0.5). `gradeCap` names the cap that decided the grade
 * (coverage when both bind).
 * @public
 */
export function gradeWithCap(
  score: number | null,
  results: readonly CheckResult[],
): GradeWithCap {
  if (score === null) return { grade: null, gradeCap: null };
  const uncapped = scoreGrade(score);
  const coverage = coverageOf(results);
  const criticalFail = results.some(
    r => r.severity === 'critical' && r.status === 'fail' && !isWaived(r),
  );
  const afterCritical = criticalFail ? worse(uncapped, 'D') : uncapped;
  const limit = coverageGradeLimit(coverage);
  if (limit === null) {
    return { grade: null, gradeCap: { by: 'coverage', coverage, uncapped } };
  }
  const grade = worse(afterCritical, limit);
  if (grade === uncapped) return { grade, gradeCap: null };
  const by = grade === afterCritical ? 'critical-fail' : 'coverage';
  return { grade, gradeCap: { by, coverage, uncapped } };
}

/**
 * The grade of `gradeWithCap`, without the reason: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60,
 * else F, capped at D by a critical fail and by the coverage of `results`.
 * @public
 */
export function gradeOf(
  score: number | null,
  results: readonly CheckResult[],
): Grade | null {
  return gradeWithCap(score, results).grade;
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
    const { grade, gradeCap } = gradeWithCap(score, inCategory);
    return {
      id,
      title: CATEGORY_TITLES[id],
      score,
      grade,
      gradeCap,
      coverage: coverageOf(inCategory),
      counts: countStatuses(inCategory),
    };
  });
}
