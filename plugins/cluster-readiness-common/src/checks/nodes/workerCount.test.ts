import {
  forbidden,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';

const ID = 'nodes.worker-count';

const workers = (count: number, prefix = 'w') =>
  Array.from({ length: count }, (_, i) => node(`${prefix}-${i + 1}`));
const controlPlane = () =>
  [1, 2, 3].map(i => node(`cp-${i}`, { controlPlane: true }));

describe(ID, () => {
  it.each([
    [5, 'pass'],
    [3, 'pass'],
    [2, 'warn'],
    [1, 'fail'],
    [0, 'fail'],
  ])('with the default minimum, %i ready workers is %s', (count, status) => {
    const r = resultOf(
      ID,
      snapshot({ nodes: [...controlPlane(), ...workers(count)] }),
    );
    expect(r.status).toBe(status);
    expect(r.message).toContain(`${count} ready, schedulable worker node`);
  });

  it('does not count control-plane nodes, and says so', () => {
    const r = resultOf(ID, snapshot({ nodes: controlPlane() }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('only 3 control-plane nodes');
  });

  it('does not count NotReady or cordoned workers', () => {
    const nodes = [
      node('w-1'),
      node('w-2', { ready: false }),
      node('w-3', { unschedulable: true }),
    ];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('1 ready, schedulable worker node of 3');
    expect(r.message).toContain('w-2, w-3');
    expect(r.evidence).toEqual(
      expect.arrayContaining([
        'Node/w-2 .status.conditions[Ready] not True',
        'Node/w-3 .spec.unschedulable true (cordoned)',
        'Node/w-1 .status.conditions[Ready] True, schedulable',
      ]),
    );
  });

  it('passes with three ready workers when a fourth is cordoned', () => {
    const nodes = [...workers(3), node('w-4', { unschedulable: true })];
    expect(resultOf(ID, snapshot({ nodes })).status).toBe('pass');
  });

  it.each([
    [5, 5, 'pass'],
    [5, 4, 'warn'],
    [5, 2, 'warn'],
    [5, 1, 'fail'],
    [2, 2, 'pass'],
    [2, 1, 'fail'],
    // A minimum below 2 is raised to 2: one worker always fails.
    [1, 1, 'fail'],
    [1, 2, 'pass'],
    [0, 2, 'pass'],
  ])('with minWorkerNodes %i, %i ready workers is %s', (min, count, status) => {
    const r = resultOf(ID, snapshot({ nodes: workers(count) }), {
      minWorkerNodes: min,
    });
    expect(r.status).toBe(status);
  });

  it('names the configured minimum in the message', () => {
    const r = resultOf(ID, snapshot({ nodes: workers(4) }), {
      minWorkerNodes: 6,
    });
    expect(r.status).toBe('warn');
    expect(r.message).toContain('minimum of 6');
  });

  it('keeps evidence bounded on large clusters', () => {
    const r = resultOf(ID, snapshot({ nodes: workers(500) }));
    expect(r.status).toBe('pass');
    expect(r.evidence).toHaveLength(21);
    expect(r.evidence[20]).toBe('… and 480 more');
  });

  it('is unknown when nodes cannot be listed', () => {
    const r = resultOf(ID, snapshot({ nodes: forbidden('nodes') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });

  it('is unknown when nodes were not collected', () => {
    const r = resultOf(ID, snapshot({ pods: [] }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });
});
