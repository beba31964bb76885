import type { Category, CheckResult, CheckStatus, Severity } from '../types';
import {
  categoryReports,
  countStatuses,
  coverageGradeLimit,
  coverageOf,
  gradeOf,
  gradeWithCap,
  isWaived,
  scoreOf,
} from './scoring';

let seq = 0;
function result(
  severity: Severity,
  status: CheckStatus,
  o: { category?: Category; waived?: 'applied' | 'expired' } = {},
): CheckResult {
  seq++;
  return {
    id: `test.check-${seq}`,
    title: `Check ${seq}`,
    category: o.category ?? 'access',
    severity,
    status,
    message: `${status} message`,
    evidence: [],
    remediation: 'https://kubernetes.io/docs/',
    ...(o.waived
      ? {
          waiver: {
            check: `test.check-${seq}`,
            reason: 'accepted risk',
            owner: 'platform-team',
            expires: '2027-01-31',
            expired: o.waived === 'expired',
          },
        }
      : {}),
  };
}

describe('scoreOf', () => {
  it('weighs severities 10/5/3/1', () => {
    // Only the failing check's weight differs between these.
    const withFailing = (severity: Severity) =>
      scoreOf([result('low', 'pass'), result(severity, 'fail')]);
    expect(withFailing('critical')).toBe(Math.round(100 / 11)); // 9
    expect(withFailing('high')).toBe(Math.round(100 / 6)); // 17
    expect(withFailing('medium')).toBe(25);
    expect(withFailing('low')).toBe(50);
  });

  it('gives pass full credit, warn half and fail none', () => {
    expect(scoreOf([result('high', 'pass')])).toBe(100);
    expect(scoreOf([result('high', 'warn')])).toBe(50);
    expect(scoreOf([result('high', 'fail')])).toBe(0);
    // (10·1 + 5·0.5 + 3·0 + 1·1) / 19 = 13.5 / 19 = 71.05…
    expect(
      scoreOf([
        result('critical', 'pass'),
        result('high', 'warn'),
        result('medium', 'fail'),
        result('low', 'pass'),
      ]),
    ).toBe(71);
  });

  it('rounds to the nearest integer, halves up', () => {
    // high pass + low fail: 5/6 = 83.33…
    expect(scoreOf([result('high', 'pass'), result('low', 'fail')])).toBe(83);
    // critical pass + high fail + low pass: 11/16 = 68.75
    expect(
      scoreOf([
        result('critical', 'pass'),
        result('high', 'fail'),
        result('low', 'pass'),
      ]),
    ).toBe(69);
    // low warn + medium fail: 0.5/4 = 12.5
    expect(scoreOf([result('low', 'warn'), result('medium', 'fail')])).toBe(13);
  });

  it('leaves unknown, not-applicable and waived results out', () => {
    const base = [result('high', 'pass'), result('medium', 'fail')];
    const expected = scoreOf(base);
    expect(expected).toBe(63); // 5/8 = 62.5
    expect(
      scoreOf([
        ...base,
        result('critical', 'unknown'),
        result('critical', 'not-applicable'),
        result('critical', 'fail', { waived: 'applied' }),
        result('critical', 'pass', { waived: 'applied' }),
      ]),
    ).toBe(expected);
  });

  it('counts a result whose waiver expired', () => {
    expect(
      scoreOf([
        result('high', 'pass'),
        result('high', 'fail', { waived: 'expired' }),
      ]),
    ).toBe(50);
  });

  it('is null, not 100, when no result counts', () => {
    expect(scoreOf([])).toBeNull();
    expect(
      scoreOf([
        result('critical', 'unknown'),
        result('high', 'not-applicable'),
        result('medium', 'pass', { waived: 'applied' }),
      ]),
    ).toBeNull();
  });
});

describe('coverageOf', () => {
  it('is the weight observed over the weight that applies', () => {
    expect(coverageOf([result('high', 'pass'), result('medium', 'fail')])).toBe(
      1,
    );
    // critical unknown, high pass: 5 / 15
    expect(
      coverageOf([result('critical', 'unknown'), result('high', 'pass')]),
    ).toBeCloseTo(5 / 15, 3);
    // warn counts as observed: (3 + 1) / (3 + 1 + 5)
    expect(
      coverageOf([
        result('medium', 'warn'),
        result('low', 'fail'),
        result('high', 'unknown'),
      ]),
    ).toBeCloseTo(4 / 9, 3);
  });

  it('ignores not-applicable and waived results, but not expired waivers', () => {
    expect(
      coverageOf([
        result('high', 'pass'),
        result('critical', 'not-applicable'),
        result('critical', 'unknown', { waived: 'applied' }),
      ]),
    ).toBe(1);
    expect(
      coverageOf([
        result('high', 'pass'),
        result('high', 'unknown', { waived: 'expired' }),
      ]),
    ).toBe(0.5);
  });

  it('is null when nothing applies, and 0 when nothing was observed', () => {
    expect(coverageOf([])).toBeNull();
    expect(coverageOf([result('high', 'not-applicable')])).toBeNull();
    expect(coverageOf([result('high', 'unknown')])).toBe(0);
  });
});

describe('gradeOf', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [70, 'C'],
    [69, 'D'],
    [60, 'D'],
    [59, 'F'],
    [0, 'F'],
  ])('grades %i as %s', (score, grade) => {
    expect(gradeOf(score, [])).toBe(grade);
  });

  it('has no grade without a score', () => {
    expect(gradeOf(null, [result('critical', 'fail')])).toBeNull();
  });

  it('caps the grade at D when a critical check fails', () => {
    const criticalFail = [result('critical', 'fail')];
    expect(gradeOf(95, criticalFail)).toBe('D');
    expect(gradeOf(85, criticalFail)).toBe('D');
    expect(gradeOf(72, criticalFail)).toBe('D');
    expect(gradeOf(65, criticalFail)).toBe('D');
    expect(gradeOf(40, criticalFail)).toBe('F');
  });

  it('caps only for an unwaived fail of a critical check', () => {
    expect(gradeOf(95, [result('critical', 'warn')])).toBe('A');
    // An unknown critical does not cap at D (coverage 0 withholds the grade instead).
    expect(gradeOf(95, [result('critical', 'unknown')])).toBeNull();
    expect(gradeOf(95, [result('high', 'fail')])).toBe('A');
    expect(
      gradeOf(95, [result('critical', 'fail', { waived: 'applied' })]),
    ).toBe('A');
    expect(
      gradeOf(95, [result('critical', 'fail', { waived: 'expired' })]),
    ).toBe('D');
  });
});

describe('isWaived and countStatuses', () => {
  it('counts waived results under waived only, expired ones under their status', () => {
    const results = [
      result('high', 'pass'),
      result('high', 'pass'),
      result('medium', 'warn'),
      result('critical', 'fail'),
      result('critical', 'fail', { waived: 'applied' }),
      result('critical', 'fail', { waived: 'expired' }),
      result('low', 'unknown'),
      result('low', 'not-applicable', { waived: 'applied' }),
    ];
    expect(results.map(isWaived)).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(countStatuses(results)).toEqual({
      pass: 2,
      warn: 1,
      fail: 2,
      unknown: 1,
      'not-applicable': 0,
      waived: 2,
    });
  });
});

describe('categoryReports', () => {
  it('scores, grades and covers each category on its own, in catalog order', () => {
    const results = [
      result('critical', 'fail', { category: 'control-plane' }),
      result('high', 'pass', { category: 'control-plane' }),
      result('high', 'pass', { category: 'nodes' }),
      result('low', 'warn', { category: 'nodes' }),
      result('high', 'unknown', { category: 'nodes' }),
      result('medium', 'not-applicable', { category: 'access' }),
    ];
    const categories = categoryReports(results);
    expect(categories.map(c => c.id)).toEqual([
      'control-plane',
      'nodes',
      'access',
      'resource-limits',
    ]);
    const [controlPlane, nodes, access, limits] = categories;
    expect(controlPlane).toMatchObject({
      title: 'Control plane',
      score: 33, // 5 / 15
      grade: 'F',
      coverage: 1,
    });
    // 5.5 / 6 scores an A, but coverage 6 / 11 (0.545) allows at most C.
    expect(nodes).toMatchObject({
      score: 92,
      grade: 'C',
      gradeCap: { by: 'coverage', coverage: 0.545, uncapped: 'A' },
    });
    expect(nodes.coverage).toBeCloseTo(6 / 11, 3);
    expect(controlPlane.gradeCap).toBeNull();
    expect(nodes.counts).toMatchObject({ pass: 1, warn: 1, unknown: 1 });
    expect(access).toMatchObject({ score: null, grade: null, coverage: null });
    expect(access.counts['not-applicable']).toBe(1);
    expect(limits).toMatchObject({ score: null, grade: null, coverage: null });
  });

  it('caps a category at D on a critical fail in it', () => {
    const [controlPlane, nodes] = categoryReports([
      result('critical', 'fail', { category: 'control-plane' }),
      ...Array.from({ length: 30 }, () =>
        result('critical', 'pass', { category: 'control-plane' }),
      ),
      result('high', 'pass', { category: 'nodes' }),
    ]);
    expect(controlPlane.score).toBe(97);
    expect(controlPlane.grade).toBe('D');
    expect(controlPlane.gradeCap).toEqual({
      by: 'critical-fail',
      coverage: 1,
      uncapped: 'A',
    });
    expect(nodes.grade).toBe('A');
    expect(nodes.gradeCap).toBeNull();
  });
});

/**
 * Results whose coverage is exactly `observed / total` (weights of low checks: 1):
 * `observed` passing low checks and `total − observed` unknown ones.
 */
function covered(observed: number, total: number): CheckResult[] {
  return [
    ...Array.from({ length: observed }, () => result('low', 'pass')),
    ...Array.from({ length: total - observed }, () => result('low', 'unknown')),
  ];
}

describe('coverage caps the grade (v2)', () => {
  it.each([
    [100, 100, 'A', null],
    [90, 100, 'A', null],
    [89, 100, 'B', 'A'],
    [75, 100, 'B', 'A'],
    [74, 100, 'C', 'A'],
    [50, 100, 'C', 'A'],
  ])('coverage %i/%i allows %s', (observed, total, grade, uncapped) => {
    const results = covered(observed, total);
    expect(coverageOf(results)).toBe(observed / total);
    expect(gradeWithCap(95, results)).toEqual({
      grade,
      gradeCap: uncapped
        ? { by: 'coverage', coverage: observed / total, uncapped }
        : null,
    });
    expect(gradeOf(95, results)).toBe(grade);
  });

  it('withholds the grade below 0.5 but keeps the score', () => {
    const results = covered(49, 100);
    expect(scoreOf(results)).toBe(100);
    expect(gradeWithCap(100, results)).toEqual({
      grade: null,
      gradeCap: { by: 'coverage', coverage: 0.49, uncapped: 'A' },
    });
    // Withheld even when the score alone gives an F: nobody saw enough to say.
    expect(gradeWithCap(10, results).grade).toBeNull();
  });

  it('gives the bound in force no cap when the score is already below it', () => {
    expect(gradeWithCap(72, covered(60, 100))).toEqual({
      grade: 'C',
      gradeCap: null,
    });
    expect(gradeWithCap(85, covered(80, 100))).toEqual({
      grade: 'B',
      gradeCap: null,
    });
  });

  it('names coverage when it binds harder than a critical fail, else the critical fail', () => {
    const criticalFail = result('critical', 'fail');
    // critical fail (10) observed, 10 low unknown: coverage 10/20 = 0.5 → C; D is lower.
    const both = [criticalFail, ...covered(0, 10)];
    expect(gradeWithCap(95, both)).toEqual({
      grade: 'D',
      gradeCap: { by: 'critical-fail', coverage: 0.5, uncapped: 'A' },
    });
    // Coverage 10/21 < 0.5 withholds it: coverage decides.
    expect(gradeWithCap(95, [criticalFail, ...covered(0, 11)])).toEqual({
      grade: null,
      gradeCap: { by: 'coverage', coverage: 0.476, uncapped: 'A' },
    });
  });

  it('leaves a grade uncapped when nothing applies to measure coverage', () => {
    expect(coverageGradeLimit(null)).toBe('A');
    expect(coverageGradeLimit(0.9)).toBe('A');
    expect(coverageGradeLimit(0.899)).toBe('B');
    expect(coverageGradeLimit(0.75)).toBe('B');
    expect(coverageGradeLimit(0.749)).toBe('C');
    expect(coverageGradeLimit(0.5)).toBe('C');
    expect(coverageGradeLimit(0.499)).toBeNull();
  });
});
