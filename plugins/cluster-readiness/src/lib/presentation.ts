import {
  CATEGORIES,
  CATEGORY_TITLES,
  CheckResult,
  CheckStatus,
  Grade,
  gradeOf,
  isWaived,
  SEVERITIES,
  STATUSES,
} from '@cluster-readiness/backstage-plugin-common';

/**
 * Colour per grade band, for heat-map cells (with dark text) and the gauge. The
 * bands themselves come from `gradeOf` in -common; only the colours are the
 * frontend's.
 */
export const GRADE_COLORS: Record<Grade, string> = {
  A: '#66bb6a',
  B: '#9ccc65',
  C: '#ffee58',
  D: '#ffa726',
  F: '#ef5350',
};

/** Grades best first; typed against -common's `Grade`, so a new grade fails to compile above. */
export const GRADES = Object.keys(GRADE_COLORS) as Grade[];

export const NO_SCORE_COLOR = '#e0e0e0';

/** The grade band a score falls in, without the critical-fail cap (for colouring). */
export function scoreBand(score: number | null | undefined): Grade | null {
  return typeof score === 'number' && Number.isFinite(score)
    ? gradeOf(score, [])
    : null;
}

export function scoreColor(score: number | null | undefined): string {
  const band = scoreBand(score);
  return band ? GRADE_COLORS[band] : NO_SCORE_COLOR;
}

export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' ? String(score) : '—';
}

export function formatCoverage(coverage: number | null | undefined): string {
  return typeof coverage === 'number' ? `${Math.round(coverage * 100)}%` : '—';
}

/** `2025-01-30 10:00 UTC`: unambiguous for people on call in several time zones. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function categoryTitle(id: string): string {
  return (CATEGORY_TITLES as Record<string, string>)[id] ?? id;
}

/** `not-applicable` → `Not applicable`. */
export function statusLabel(status: string): string {
  const text = status.replace(/-/g, ' ');
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** Position in `STATUSES` (worst first); anything unexpected sorts last. */
export function statusRank(status: string | null | undefined): number {
  const i = STATUSES.indexOf(status as CheckStatus);
  return i === -1 ? STATUSES.length : i;
}

export function severityRank(severity: string | null | undefined): number {
  const i = SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);
  return i === -1 ? SEVERITIES.length : i;
}

export function categoryRank(category: string | null | undefined): number {
  const i = CATEGORIES.indexOf(category as (typeof CATEGORIES)[number]);
  return i === -1 ? CATEGORIES.length : i;
}

/**
 * Worst first: results a waiver does not cover before waived ones, then by status
 * (`STATUSES` order), severity (`SEVERITIES` order), category and title.
 */
export function compareWorstFirst(a: CheckResult, b: CheckResult): number {
  return (
    Number(isWaived(a)) - Number(isWaived(b)) ||
    statusRank(a.status) - statusRank(b.status) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    categoryRank(a.category) - categoryRank(b.category) ||
    String(a.title ?? a.id).localeCompare(String(b.title ?? b.id))
  );
}

/** Results that want attention: failing or warning, and not waived. */
export function isFinding(result: CheckResult): boolean {
  return (
    (result.status === 'fail' || result.status === 'warn') && !isWaived(result)
  );
}

/**
 * Results as they may arrive from an older or partial report: drops entries without
 * an id and fills missing arrays, so views never crash on a missing field.
 */
export function normalizeChecks(checks: unknown): CheckResult[] {
  if (!Array.isArray(checks)) return [];
  return checks
    .filter(
      (c): c is CheckResult =>
        !!c &&
        typeof c === 'object' &&
        typeof (c as CheckResult).id === 'string',
    )
    .map(c => ({
      ...c,
      title: c.title ?? c.id,
      message: c.message ?? '',
      evidence: Array.isArray(c.evidence) ? c.evidence : [],
      remediation: c.remediation ?? '',
    }));
}

/** The server's own message for a ResponseError ("Not allowed to refresh …"), else the error's. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    if (e.name === 'ResponseError' && cause instanceof Error && cause.message) {
      return cause.message;
    }
    return e.message;
  }
  return String(e);
}

/** Panel title: "Request failed with 500 Internal Server Error: database is down". */
export function errorTitle(e: Error): string {
  const message = errorMessage(e);
  return message === e.message ? e.message : `${e.message}: ${message}`;
}
