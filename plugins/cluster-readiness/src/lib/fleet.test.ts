import { summary } from '../__testUtils__/fixtures';
import { categoryScore, shortRef } from './fleet';

describe('fleet', () => {
  it("finds a cluster's category score", () => {
    const cluster = summary('a');
    expect(categoryScore(cluster, 'nodes')).toEqual({
      id: 'nodes',
      score: 82,
      grade: 'B',
    });
    expect(categoryScore(cluster, 'nope')).toBeUndefined();
  });

  it('shortens entity refs for display', () => {
    expect(shortRef('group:default/platform-team')).toBe('platform-team');
    expect(shortRef('group:ops/sre')).toBe('ops/sre');
    expect(shortRef(undefined)).toBe('');
    expect(shortRef(null)).toBe('');
  });
});
