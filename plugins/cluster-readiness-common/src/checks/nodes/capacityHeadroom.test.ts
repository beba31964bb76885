import {
  forbidden,
  node,
  pod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'nodes.capacity-headroom';

/** A running pod on `nodeName` requesting `cpu` and `memory`. */
const load = (
  name: string,
  nodeName: string,
  cpu: string,
  memory = '1Mi',
  o: { phase?: string } = {},
) =>
  pod(name, {
    namespace: 'shop',
    node: nodeName,
    phase: o.phase,
    containers: [{ requests: { cpu, memory }, limits: { memory } }],
  });

describe(ID, () => {
  // One worker with 4 CPU (4000m) and 10Gi allocatable.
  const worker = () => node('w-1', { cpu: '4', memory: '10Gi' });

  it.each([
    ['3199m', 'pass'],
    ['3200m', 'warn'], // exactly 80 %
    ['3599m', 'warn'],
    ['3600m', 'fail'], // exactly 90 %
    ['4500m', 'fail'],
  ])('CPU requests of %s on 4 CPU: %s', (cpu, status) => {
    const r = resultOf(
      ID,
      snapshot({ nodes: [worker()], pods: [load('p', 'w-1', cpu)] }),
    );
    expect(r.status).toBe(status);
  });

  it.each([
    ['8191Mi', 'pass'],
    ['8Gi', 'warn'], // exactly 80 %
    ['9Gi', 'fail'], // exactly 90 %
  ])('memory requests of %s on 10Gi: %s', (memory, status) => {
    const r = resultOf(
      ID,
      snapshot({ nodes: [worker()], pods: [load('p', 'w-1', '100m', memory)] }),
    );
    expect(r.status).toBe(status);
  });

  it('reports both resources and rounds the percentage down', () => {
    const r = resultOf(
      ID,
      snapshot({ nodes: [worker()], pods: [load('p', 'w-1', '3599m', '5Gi')] }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'Requests use CPU 89.9 %, memory 50 % of allocatable on 1 ready worker node',
    );
    expect(r.message).toContain('CPU is at or above 80 %');
  });

  it('sums every container across pods and nodes', () => {
    const nodes = [
      node('w-1', { cpu: '2', memory: '8Gi' }),
      node('w-2', { cpu: '2', memory: '8Gi' }),
    ];
    const twoContainers = pod('two', {
      namespace: 'shop',
      node: 'w-1',
      containers: [
        { name: 'app', requests: { cpu: '1', memory: '1Gi' } },
        { name: 'sidecar', requests: { cpu: '0.5', memory: '512Mi' } },
      ],
    });
    const r = resultOf(
      ID,
      snapshot({ nodes, pods: [twoContainers, load('p', 'w-2', '1700m')] }),
    );
    // 3200m of 4000m = 80 %
    expect(r.status).toBe('warn');
    expect(r.message).toContain('CPU 80 %');
  });

  it('ignores init containers', () => {
    const p = load('p', 'w-1', '1');
    p.spec.initContainers = [
      {
        name: 'migrate',
        image: 'registry.example.com/migrate:1.0.0',
        resources: { requests: { cpu: '4', memory: '8Gi' } },
      },
    ];
    expect(
      resultOf(ID, snapshot({ nodes: [worker()], pods: [p] })).status,
    ).toBe('pass');
  });

  it.each(['Succeeded', 'Failed'])('ignores %s pods', phase => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [worker()],
        pods: [load('done', 'w-1', '4', '1Mi', { phase })],
      }),
    );
    expect(r.status).toBe('pass');
  });

  it('counts only ready workers: pods and allocatable of NotReady nodes and control-plane nodes are left out', () => {
    const nodes = [
      worker(),
      node('w-2', { ready: false }),
      node('cp-1', { controlPlane: true }),
    ];
    const pods = [
      load('a', 'w-1', '1'),
      load('b', 'w-2', '4'),
      load('c', 'cp-1', '4'),
    ];
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('CPU 25 %');
    expect(r.evidence).toContain(
      'Pod/* .spec.containers[*].resources.requests (1 non-terminated pod on 1 ready worker node)',
    );
  });

  it('uses all ready nodes when there are no workers', () => {
    const nodes = [
      node('cp-1', { controlPlane: true }),
      node('cp-2', { controlPlane: true }),
    ];
    const r = resultOf(ID, snapshot({ nodes, pods: [load('a', 'cp-1', '7')] }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('on 2 ready nodes');
  });

  it('fails when workers exist but none is ready', () => {
    const nodes = [
      node('w-1', { ready: false }),
      node('cp-1', { controlPlane: true }),
    ];
    const r = resultOf(ID, snapshot({ nodes, pods: [] }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('No ready worker node');
  });

  it('warns on an unschedulable pod even with headroom', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [worker()],
        pods: [
          load('a', 'w-1', '1'),
          pod('stuck', { namespace: 'shop', unschedulable: true }),
        ],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('1 pod cannot be scheduled (Pod/shop/stuck)');
    expect(r.evidence[0]).toBe(
      'Pod/shop/stuck .status.conditions[PodScheduled] False (Unschedulable)',
    );
  });

  it('stays fail with unschedulable pods above 90 %', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [worker()],
        pods: [
          load('a', 'w-1', '3800m'),
          pod('stuck', { namespace: 'shop', unschedulable: true }),
        ],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Pending as Unschedulable');
  });

  it('does not count a Pending pod that is merely waiting for its node', () => {
    const waiting = pod('starting', {
      namespace: 'shop',
      node: 'w-1',
      phase: 'Pending',
    });
    expect(
      resultOf(ID, snapshot({ nodes: [worker()], pods: [waiting] })).status,
    ).toBe('pass');
  });

  it('is unknown when no node reports allocatable resources', () => {
    const n: KubeObject = worker();
    delete n.status.allocatable;
    const r = resultOf(ID, snapshot({ nodes: [n], pods: [] }));
    expect(r.status).toBe('unknown');
  });

  it('keeps evidence bounded on large clusters', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => node(`w-${i}`));
    const pods = nodes.map((_, i) => load(`p-${i}`, `w-${i}`, '1'));
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('pass');
    expect(r.evidence).toHaveLength(21);
    expect(r.evidence[20]).toBe('… and 281 more');
  });

  it('is not-applicable without nodes', () => {
    expect(resultOf(ID, snapshot({ nodes: [], pods: [] })).status).toBe(
      'not-applicable',
    );
  });

  it.each(['nodes', 'pods'])('is unknown when %s cannot be listed', key => {
    const r = resultOf(
      ID,
      snapshot({ nodes: [worker()], pods: [], [key]: forbidden(key) }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([`list ${key}`]);
  });
});
