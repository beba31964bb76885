import type { Grade, GradeCap } from '../types';

/**
 * What a grade label is made from: a report, a category report or a cluster summary
 * (all fields optional, so reports made before checks v2 still format).
 * @public
 */
export interface GradeLabelInput {
  grade?: Grade | null;
  gradeCap?: GradeCap | null;
  coverage?: number | null;
}

/**
 * `0.59` → `59 %`; `—` when there is no coverage.
 * @public
 */
export function formatCoveragePercent(
  coverage: number | null | undefined,
): string {
  return typeof coverage === 'number' && Number.isFinite(coverage)
    ? `${Math.round(coverage * 100)} %`
    : '—';
}

/** The coverage a cap was decided on, else the report's own. */
function capCoverage(input: GradeLabelInput): number | null | undefined {
  return typeof input.gradeCap?.coverage === 'number'
    ? input.gradeCap.coverage
    : input.coverage;
}

/**
 * True when the grade is withheld for too little coverage (checks.md v2, Scoring):
 * there is no grade and a coverage cap says why.
 * @public
 */
export function isGradeWithheld(input: GradeLabelInput): boolean {
  return !input.grade && input.gradeCap?.by === 'coverage';
}

/**
 * Why a grade is capped or withheld, in the words every view uses:
 * `capped by coverage 59 %`, `capped by a failing critical check`,
 * `coverage 31 %` (withheld); undefined when the grade stands as the score gives it
 * (no `gradeCap`, as in reports made before checks v2).
 * @public
 */
export function gradeCapNote(input: GradeLabelInput): string | undefined {
  const cap = input.gradeCap;
  if (!cap) return undefined;
  if (cap.by === 'critical-fail') {
    return input.grade ? 'capped by a failing critical check' : undefined;
  }
  if (cap.by === 'coverage') {
    const coverage = formatCoveragePercent(capCoverage(input));
    return input.grade
      ? `capped by coverage ${coverage}`
      : `coverage ${coverage}`;
  }
  return undefined;
}

/**
 * A grade with its cap, in the words every view, the CLI and every export share:
 * `A`, `C · capped by coverage 59 %`, `no grade · coverage 31 %`,
 * `D · capped by a failing critical check`, or `no grade` when nothing was scored.
 * @public
 */
export function gradeLabel(input: GradeLabelInput): string {
  const note = gradeCapNote(input);
  const grade = input.grade ?? 'no grade';
  return note ? `${grade} · ${note}` : grade;
}

/**
 * One sentence for a tooltip or notice: why the grade is what it is, naming the
 * grade the score alone gives; undefined when there is no cap.
 * @public
 */
export function gradeCapExplanation(
  input: GradeLabelInput,
): string | undefined {
  const cap = input.gradeCap;
  if (!cap) return undefined;
  const uncapped = cap.uncapped
    ? ` (the score alone gives ${cap.uncapped})`
    : '';
  if (cap.by === 'critical-fail') {
    return `A critical check fails, so the grade is at most D${uncapped}.`;
  }
  if (cap.by !== 'coverage') return undefined;
  const coverage = formatCoveragePercent(capCoverage(input));
  if (!input.grade) {
    return `No grade: only ${coverage} of the checks' weight could be observed, below the 50 % a grade needs${uncapped}.`;
  }
  return `Only ${coverage} of the checks' weight could be observed, so the grade is capped at ${input.grade}${uncapped}. An uncapped grade needs 90 % coverage; 75 % allows at most B, 50 % at most C.`;
}
