import {
  forbidden,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'nodes.conditions';

function withoutReady(n: KubeObject): KubeObject {
  n.status.conditions = n.status.conditions.filter(
    (c: { type: string }) => c.type !== 'Ready',
  );
  return n;
}

describe(ID, () => {
  it('passes when every node is Ready, schedulable and without pressure', () => {
    const nodes = [
      node('cp-1', { controlPlane: true }),
      node('w-1'),
      node('w-2'),
    ];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'All 3 nodes Ready, schedulable and without pressure.',
    );
    expect(r.evidence).toContain(
      'Node/w-1 .status.conditions, .spec.unschedulable',
    );
  });

  it.each(['False', 'Unknown'])('fails on a node with Ready=%s', status => {
    const nodes = [node('w-1'), node('w-2', { conditions: { Ready: status } })];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('w-2 (NotReady)');
    expect(r.evidence).toContain(
      `Node/w-2 .status.conditions[Ready] ${status} (KubeletReady)`,
    );
  });

  it('fails on a node that reports no Ready condition', () => {
    const r = resultOf(ID, snapshot({ nodes: [withoutReady(node('w-1'))] }));
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain('Node/w-1 .status.conditions[Ready] missing');
  });

  it('fails on a NotReady control-plane node too', () => {
    const nodes = [
      node('cp-1', { controlPlane: true, ready: false }),
      node('w-1'),
    ];
    expect(resultOf(ID, snapshot({ nodes })).status).toBe('fail');
  });

  it.each([
    'MemoryPressure',
    'DiskPressure',
    'PIDPressure',
    'NetworkUnavailable',
  ])('fails on %s=True', type => {
    const nodes = [node('w-1', { conditions: { [type]: 'True' } })];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(`w-1 (${type})`);
    expect(r.evidence).toContain(`Node/w-1 .status.conditions[${type}] True`);
  });

  it('passes when NetworkUnavailable is reported False', () => {
    const nodes = [
      node('w-1', { conditions: { NetworkUnavailable: 'False' } }),
    ];
    expect(resultOf(ID, snapshot({ nodes })).status).toBe('pass');
  });

  it('lists every problem of a node', () => {
    const nodes = [
      node('w-1', { ready: false, conditions: { DiskPressure: 'True' } }),
    ];
    expect(resultOf(ID, snapshot({ nodes })).message).toContain(
      'w-1 (NotReady, DiskPressure)',
    );
  });

  it('warns on a cordoned node', () => {
    const nodes = [node('w-1'), node('w-2', { unschedulable: true })];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('1 node of 2 cordoned: w-2');
    expect(r.evidence).toEqual(['Node/w-2 .spec.unschedulable true']);
  });

  it('fails rather than warns when a node is both cordoned and NotReady', () => {
    const nodes = [node('w-1', { unschedulable: true, ready: false })];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('also cordoned: w-1');
  });

  it('keeps evidence bounded', () => {
    const nodes = Array.from({ length: 100 }, (_, i) =>
      node(`w-${i}`, { ready: false }),
    );
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.evidence).toHaveLength(21);
    expect(r.message).toContain('and 97 more');
  });

  it('is not-applicable without nodes', () => {
    expect(resultOf(ID, snapshot({ nodes: [] })).status).toBe('not-applicable');
  });

  it('is unknown when nodes cannot be listed', () => {
    const r = resultOf(ID, snapshot({ nodes: forbidden('nodes') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });
});
