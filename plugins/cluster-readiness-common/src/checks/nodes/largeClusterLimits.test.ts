import {
  forbidden,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'nodes.large-cluster-limits';

/** `count` small running pods spread over `nodes` nodes, `containers` containers each. */
function pods(
  count: number,
  o: { nodes?: number; containers?: number; phase?: string } = {},
): KubeObject[] {
  const spread = o.nodes ?? 1;
  const containers = Array.from({ length: o.containers ?? 1 }, (_, i) => ({
    name: `c${i}`,
    image: 'registry.example.com/app:1',
  }));
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: 'apps' },
    spec: { nodeName: `n-${i % spread}`, containers },
    status: { phase: o.phase ?? 'Running' },
  }));
}

/** `count` nodes named n-0 … (light objects: only what the rule reads). */
function nodes(count: number, podCapacity = '110'): KubeObject[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n-${i}` },
    status: { capacity: { pods: podCapacity } },
  }));
}

const run = (n: KubeObject[], p: KubeObject[]) =>
  resultOf(ID, snapshot({ nodes: n, pods: p }));

describe(ID, () => {
  it('passes a small cluster and gives each figure against its limit', () => {
    const r = run([node('w-1'), node('w-2')], pods(30, { nodes: 2 }));
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Within the tested limits: nodes 2 of 5,000, pods 30 of 150,000, containers 30 of 300,000, pods per node at most 15 of 110.',
    );
  });

  it('passes 110 pods on one node and fails 111, naming the node', () => {
    expect(run(nodes(1), pods(110)).status).toBe('pass');
    const r = run(nodes(1), pods(111));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('more than 110 pods on n-0');
    expect(r.evidence).toContain('Node/n-0: 111 pods bound (.spec.nodeName)');
  });

  it.each([
    [3999, 'pass'],
    [4000, 'warn'],
    [5000, 'warn'],
    [5001, 'fail'],
  ])('%i nodes: %s', (count, status) => {
    expect(run(nodes(count), []).status).toBe(status);
  });

  it.each([
    [119_999, 'pass'],
    [120_000, 'warn'],
    [150_000, 'warn'],
    [150_001, 'fail'],
  ])(
    '%i pods: %s',
    (count, status) => {
      // Spread over 1,400 nodes so that no node passes 110 pods.
      const r = run(nodes(1400), pods(count, { nodes: 1400 }));
      expect(r.status).toBe(status);
    },
    60_000,
  );

  it.each([
    [59_999, 'pass'],
    [60_000, 'warn'],
    [75_001, 'fail'],
  ])(
    '%i pods of 4 containers (240,000 warns, 300,000 is the limit): %s',
    (count, status) => {
      const r = run(nodes(1000), pods(count, { nodes: 1000, containers: 4 }));
      expect(r.status).toBe(status);
    },
    60_000,
  );

  it('names the total that is over its limit', () => {
    const r = run(nodes(1000), pods(75_001, { nodes: 1000, containers: 4 }));
    expect(r.message).toContain('containers over the tested limit');
    expect(r.message).toContain('containers 300,004 of 300,000');
  }, 60_000);

  it('leaves terminated pods out', () => {
    expect(run(nodes(1), pods(200, { phase: 'Succeeded' })).status).toBe(
      'pass',
    );
  });

  it('warns on a node configured for more than 110 pods', () => {
    const r = run([node('big', { podCapacity: '250' }), node('w-1')], []);
    expect(r.status).toBe('warn');
    expect(r.message).toContain('big configured for more than 110 pods');
    expect(r.evidence).toContain('Node/big .status.capacity.pods 250');
    expect(run(nodes(2, '110'), []).status).toBe('pass');
    // A trimmed node keeps only allocatable.
    const trimmed = node('trimmed', { podCapacity: '250' });
    delete trimmed.status.capacity;
    expect(run([trimmed], []).status).toBe('warn');
  });

  it('is unknown when pods cannot be listed', () => {
    const r = resultOf(
      ID,
      snapshot({ nodes: nodes(3), pods: forbidden('pods') }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });
});
