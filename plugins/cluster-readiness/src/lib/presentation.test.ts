import { CheckResult } from '@cluster-readiness/backstage-plugin-common';
import { result } from '../__testUtils__/fixtures';
import {
  compareWorstFirst,
  formatCoverage,
  formatTime,
  GRADES,
  normalizeChecks,
  scoreBand,
  statusLabel,
} from './presentation';

describe('presentation', () => {
  it('bands scores with the grade thresholds of -common', () => {
    expect(GRADES).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect([100, 90, 89, 80, 79, 70, 60, 59, 0].map(scoreBand)).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'F',
      'F',
    ]);
    expect(scoreBand(null)).toBeNull();
    expect(scoreBand(undefined)).toBeNull();
  });

  it('formats coverage, time and status', () => {
    expect(formatCoverage(0.875)).toBe('88%');
    expect(formatCoverage(null)).toBe('—');
    expect(formatTime('2025-01-30T10:00:00Z')).toBe('2025-01-30 10:00 UTC');
    expect(formatTime('not a date')).toBe('not a date');
    expect(statusLabel('not-applicable')).toBe('Not applicable');
  });

  it('sorts worst first: unwaived fail, then severity, waived last', () => {
    const waived = result('access.anonymous-bindings', {
      status: 'fail',
      waiver: {
        check: 'x',
        reason: 'r',
        owner: 'o',
        expires: '2099-01-01',
        expired: false,
      },
    });
    const expiredWaiver = result('access.anonymous-auth', {
      status: 'fail',
      waiver: {
        check: 'x',
        reason: 'r',
        owner: 'o',
        expires: '2000-01-01',
        expired: true,
      },
    });
    const criticalFail = result('nodes.worker-count', { status: 'fail' });
    const warn = result('nodes.conditions', { status: 'warn' });
    const pass = result('nodes.autoscaling', { status: 'pass' });
    const sorted = [pass, waived, warn, expiredWaiver, criticalFail].sort(
      compareWorstFirst,
    );
    expect(sorted.map(r => r.id)).toEqual([
      'nodes.worker-count',
      'access.anonymous-auth',
      'nodes.conditions',
      'nodes.autoscaling',
      'access.anonymous-bindings',
    ]);
  });

  it('normalizes partial results', () => {
    const partial = [
      { id: 'nodes.worker-count', status: 'pass' },
      null,
      { status: 'fail' },
    ] as unknown as CheckResult[];
    expect(normalizeChecks(partial)).toEqual([
      {
        id: 'nodes.worker-count',
        status: 'pass',
        title: 'nodes.worker-count',
        message: '',
        evidence: [],
        remediation: '',
      },
    ]);
    expect(normalizeChecks(undefined)).toEqual([]);
  });
});
