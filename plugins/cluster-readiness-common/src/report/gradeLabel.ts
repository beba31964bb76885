import type { Grade, GradeCap } from '../types';

/**
 * How every view shows a grade with its cap (checks.md v2, Scoring): `A`,
 * `C · capped by coverage 59 %`, `D · capped by a critical fail`,
 * `no grade · coverage 31 %`; `no grade` when there is no score at all.
 * @public
 */
export function gradeLabel(summary: {
  grade: Grade | null;
  gradeCap?: GradeCap | null;
}): string {
  const cap = summary.gradeCap;
  const coverage =
    cap?.coverage === null || cap?.coverage === undefined
      ? ''
      : ` ${Math.round(cap.coverage * 100)} %`;
  if (summary.grade === null) {
    return cap?.by === 'coverage'
      ? `no grade · coverage${coverage}`
      : 'no grade';
  }
  if (!cap) return summary.grade;
  return cap.by === 'coverage'
    ? `${summary.grade} · capped by coverage${coverage}`
    : `${summary.grade} · capped by a critical fail`;
}
