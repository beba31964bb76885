import {
  bounded,
  MAX_EVIDENCE,
  nameFew,
  nameFewElided,
  plural,
  verb,
} from './evidence';

describe('shared evidence helpers', () => {
  it('keeps MAX_EVIDENCE lines, then one line counting the rest', () => {
    const lines = Array.from({ length: MAX_EVIDENCE + 3 }, (_, i) => `l${i}`);
    expect(bounded(lines.slice(0, MAX_EVIDENCE))).toHaveLength(MAX_EVIDENCE);
    expect(bounded(lines)).toEqual([
      ...lines.slice(0, MAX_EVIDENCE),
      '… and 3 more',
    ]);
    expect(bounded(['a', 'b', 'c'], 2)).toEqual(['a', 'b', '… and 1 more']);
  });

  it('names a few', () => {
    expect(nameFew([])).toBe('');
    expect(nameFew(['a', 'b', 'c'])).toBe('a, b, c');
    expect(nameFew(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
    expect(nameFew(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
    expect(nameFewElided(['a', 'b', 'c'])).toBe('a, b, c');
    expect(nameFewElided(['a', 'b', 'c', 'd'])).toBe('a, b, c, …');
    expect(nameFewElided(['a', 'b', 'c'], 2)).toBe('a, b, …');
  });

  it('agrees nouns and verbs with a count', () => {
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(0, 'node')).toBe('0 nodes');
    expect(plural(2, 'policy', 'policies')).toBe('2 policies');
    expect(verb(1, 'run', 'runs')).toBe('runs');
    expect(verb(2, 'run', 'runs')).toBe('run');
  });
});
