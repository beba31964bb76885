import {
  gradedSummary,
  report,
  result,
  summary,
} from '../__testUtils__/fixtures';
import {
  fetchAllClusters,
  filterClusters,
  mostFailedChecks,
  rollupBy,
  shortRef,
} from './fleet';

const clusters = [
  summary('a', { score: 95, grade: 'A', owner: 'group:default/x' }),
  summary('b', {
    score: 65,
    grade: 'D',
    owner: 'group:default/x',
    stale: true,
  }),
  summary('c', {
    score: null,
    grade: null,
    owner: undefined,
    system: undefined,
  }),
];

describe('fleet', () => {
  it('filters by owner, grade, category grade and staleness', () => {
    const names = (f: Parameters<typeof filterClusters>[1]) =>
      filterClusters(clusters, f).map(c => c.name);
    expect(names({ grades: [] })).toEqual(['a', 'b', 'c']);
    expect(names({ grades: [], owner: 'group:default/x' })).toEqual(['a', 'b']);
    expect(names({ grades: [], owner: '' })).toEqual(['c']);
    expect(names({ grades: ['D', 'F'] })).toEqual(['b']);
    // every fixture summary has resource-limits graded F
    expect(names({ grades: ['F'], category: 'resource-limits' })).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(names({ grades: [], stale: true })).toEqual(['b']);
    expect(names({ grades: [], stale: false })).toEqual(['a', 'c']);
  });

  it('rolls up by owner like the backend group rollup', () => {
    expect(rollupBy(clusters, c => c.owner)).toEqual([
      {
        key: '',
        clusters: 1,
        averageScore: null,
        grades: {},
        noGrade: 1,
        capped: 0,
        stale: 0,
      },
      {
        key: 'group:default/x',
        clusters: 2,
        averageScore: 80,
        grades: { A: 1, D: 1 },
        noGrade: 0,
        capped: 0,
        stale: 1,
      },
    ]);
  });

  it('filters and counts clusters without a grade, and capped ones', () => {
    const graded = [
      gradedSummary('capped'),
      gradedSummary('withheld'),
      gradedSummary('critical'),
      gradedSummary('old'),
      summary('new-1', { score: null, grade: null, state: 'pending' }),
    ];
    const names = (f: Parameters<typeof filterClusters>[1]) =>
      filterClusters(graded, f).map(c => c.name);
    expect(names({ grades: ['none'] })).toEqual(['ocp-1', 'new-1']);
    expect(names({ grades: ['none', 'C'] })).toEqual([
      'edge-1',
      'ocp-1',
      'new-1',
    ]);
    // per category: ocp-1's access grade is withheld
    expect(names({ grades: ['none'], category: 'access' })).toEqual(['ocp-1']);
    expect(rollupBy(graded, () => 'all')[0]).toMatchObject({
      clusters: 5,
      grades: { B: 1, C: 1, D: 1 },
      noGrade: 2,
      capped: 2,
    });
  });

  it('counts failing and warning clusters per check, leaving waived results out', () => {
    const waiver = {
      check: 'nodes.worker-count',
      reason: 'r',
      owner: 'o',
      expires: '2099-01-01',
      expired: false,
    };
    const failed = mostFailedChecks([
      report('a', [
        result('nodes.worker-count', { status: 'fail' }),
        result('access.network-policies', { status: 'warn' }),
      ]),
      report(
        'b',
        [
          result('nodes.worker-count', { status: 'fail' }),
          result('access.network-policies', { status: 'fail' }),
        ],
        { distribution: { name: 'k3s', evidence: [] } },
      ),
      report('c', [result('nodes.worker-count', { status: 'fail', waiver })], {
        distribution: { name: 'k3s', evidence: [] },
      }),
      undefined,
      { cluster: { name: 'partial' } } as any,
    ]);
    expect(failed.map(f => [f.id, f.failing, f.warning])).toEqual([
      ['nodes.worker-count', ['a', 'b'], []],
      ['access.network-policies', ['b'], ['a']],
    ]);
    // distributions of the clusters that fail or warn; `a` is a pre-v2 report
    expect(failed.map(f => f.distributions)).toEqual([{ k3s: 1 }, { k3s: 1 }]);
  });
});

describe('fetchAllClusters', () => {
  it('reads pages until it has every cluster', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => summary(`c${i}`));
    const listClusters = jest.fn(
      async ({ offset, limit }: { offset: number; limit: number }) => ({
        items: all.slice(offset, offset + limit),
        totalItems: all.length,
      }),
    );
    const fetched = await fetchAllClusters({ listClusters });
    expect(fetched).toHaveLength(2500);
    expect(listClusters.mock.calls.map(c => c[0].offset)).toEqual([
      0, 1000, 2000,
    ]);
  });

  it('stops on an empty page even if the total moved', async () => {
    const listClusters = jest.fn(async () => ({ items: [], totalItems: 5 }));
    expect(await fetchAllClusters({ listClusters })).toEqual([]);
    expect(listClusters).toHaveBeenCalledTimes(1);
  });

  it('shortens entity refs for display', () => {
    expect(shortRef('group:default/platform-team')).toBe('platform-team');
    expect(shortRef('group:ops/sre')).toBe('ops/sre');
    expect(shortRef(undefined)).toBe('');
  });
});
