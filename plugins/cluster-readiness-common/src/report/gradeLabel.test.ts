import {
  formatCoveragePercent,
  gradeCapExplanation,
  gradeCapNote,
  gradeLabel,
  isGradeWithheld,
} from './gradeLabel';

describe('gradeLabel', () => {
  it('is the grade alone when nothing caps it', () => {
    expect(gradeLabel({ grade: 'A', coverage: 0.95 })).toBe('A');
    expect(gradeLabel({ grade: 'B', gradeCap: null, coverage: 0.95 })).toBe(
      'B',
    );
    expect(gradeCapNote({ grade: 'A' })).toBeUndefined();
    expect(gradeCapExplanation({ grade: 'A' })).toBeUndefined();
  });

  it('names a coverage cap with the coverage it was decided on', () => {
    const capped = {
      grade: 'C' as const,
      coverage: 0.7,
      gradeCap: {
        by: 'coverage' as const,
        coverage: 0.59,
        uncapped: 'A' as const,
      },
    };
    expect(gradeLabel(capped)).toBe('C · capped by coverage 59 %');
    expect(gradeCapNote(capped)).toBe('capped by coverage 59 %');
    expect(gradeCapExplanation(capped)).toBe(
      "Only 59 % of the checks' weight could be observed, so the grade is capped at C (the score alone gives A). An uncapped grade needs 90 % coverage; 75 % allows at most B, 50 % at most C.",
    );
    expect(isGradeWithheld(capped)).toBe(false);
  });

  it("falls back to the report's coverage when the cap has none", () => {
    expect(
      gradeLabel({
        grade: 'B',
        coverage: 0.8,
        gradeCap: { by: 'coverage', coverage: null, uncapped: 'A' },
      }),
    ).toBe('B · capped by coverage 80 %');
  });

  it('says a withheld grade is no grade, with its coverage', () => {
    const withheld = {
      grade: null,
      coverage: 0.31,
      gradeCap: {
        by: 'coverage' as const,
        coverage: 0.31,
        uncapped: 'B' as const,
      },
    };
    expect(gradeLabel(withheld)).toBe('no grade · coverage 31 %');
    expect(isGradeWithheld(withheld)).toBe(true);
    expect(gradeCapExplanation(withheld)).toBe(
      "No grade: only 31 % of the checks' weight could be observed, below the 50 % a grade needs (the score alone gives B).",
    );
  });

  it('names a critical-fail cap', () => {
    const critical = {
      grade: 'D' as const,
      coverage: 1,
      gradeCap: {
        by: 'critical-fail' as const,
        coverage: 1,
        uncapped: 'A' as const,
      },
    };
    expect(gradeLabel(critical)).toBe('D · capped by a failing critical check');
    expect(gradeCapExplanation(critical)).toBe(
      'A critical check fails, so the grade is at most D (the score alone gives A).',
    );
  });

  it('is "no grade" when nothing was scored and nothing says why', () => {
    expect(gradeLabel({ grade: null, coverage: null })).toBe('no grade');
    expect(gradeLabel({})).toBe('no grade');
    expect(isGradeWithheld({ grade: null })).toBe(false);
  });

  it('formats coverage as a whole percentage', () => {
    expect(formatCoveragePercent(0.594)).toBe('59 %');
    expect(formatCoveragePercent(1)).toBe('100 %');
    expect(formatCoveragePercent(null)).toBe('—');
    expect(formatCoveragePercent(undefined)).toBe('—');
  });
});
