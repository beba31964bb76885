import {
  CLUSTER_NAME_MAX_LENGTH,
  clusterNameProblem,
  isValidClusterName,
} from './clusterName';

describe('cluster name rule', () => {
  it.each([
    'prod',
    'prod-eu-1',
    'a.b_c',
    'gke_my-project_europe-west1_prod',
    'kind-kind',
    'admin@cluster.local',
    'arn:aws:eks:eu-west-1:123456789012:cluster/prod',
    'Production EU',
    'x'.repeat(CLUSTER_NAME_MAX_LENGTH),
  ])('accepts %p', name => {
    expect(clusterNameProblem(name)).toBeUndefined();
    expect(isValidClusterName(name)).toBe(true);
  });

  it.each([
    ['', /non-empty string, got an empty string/],
    [42, /non-empty string, got a number/],
    [null, /got null/],
    [['a'], /got an array/],
    ['a\u0000b', /control characters/],
    ['a\nb', /control characters/],
    ['a\u007fb', /control characters/],
    ['a\u0085b', /control characters/],
    ['prød', /printable ASCII/],
    [' prod', /start or end with a space/],
    ['prod ', /start or end with a space/],
    [
      'x'.repeat(CLUSTER_NAME_MAX_LENGTH + 1),
      /at most 253 characters, got "x{40}…" \(254 characters\)/,
    ],
  ])('refuses %p', (name, message) => {
    expect(clusterNameProblem(name)).toMatch(message);
    expect(isValidClusterName(name)).toBe(false);
  });

  it('never repeats a long name or its control characters', () => {
    const problem = clusterNameProblem(`${'s'.repeat(10_000)}\u0000`)!;
    expect(problem.length).toBeLessThan(200);
    expect(problem).not.toContain('\u0000');
    expect(clusterNameProblem('a\u0000b')).not.toContain('\u0000');
  });
});
