import { gradeLabel } from './gradeLabel';

describe('gradeLabel', () => {
  it('shows a grade, a capped grade and a withheld one', () => {
    expect(gradeLabel({ grade: 'A', gradeCap: null })).toBe('A');
    expect(gradeLabel({ grade: 'B' })).toBe('B');
    expect(
      gradeLabel({
        grade: 'C',
        gradeCap: { by: 'coverage', coverage: 0.59, uncapped: 'A' },
      }),
    ).toBe('C · capped by coverage 59 %');
    expect(
      gradeLabel({
        grade: null,
        gradeCap: { by: 'coverage', coverage: 0.31, uncapped: 'B' },
      }),
    ).toBe('no grade · coverage 31 %');
    expect(
      gradeLabel({
        grade: 'D',
        gradeCap: { by: 'critical-fail', coverage: 1, uncapped: 'A' },
      }),
    ).toBe('D · capped by a critical fail');
    expect(gradeLabel({ grade: null, gradeCap: null })).toBe('no grade');
  });
});
