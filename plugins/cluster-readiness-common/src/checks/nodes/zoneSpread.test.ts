import {
  forbidden,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';

const ID = 'nodes.zone-spread';

const inZones = (...zones: string[]) =>
  zones.map((zone, i) => node(`w-${i + 1}`, { zone }));

describe(ID, () => {
  it.each([
    [['a', 'b', 'c', 'd'], 'pass'],
    [['a', 'b', 'c'], 'pass'],
    [['a', 'b', 'c', 'a', 'b'], 'pass'],
    [['a', 'b', 'a'], 'warn'],
    [['a', 'a', 'a'], 'fail'],
  ])('ready workers in zones %j: %s', (zones, status) => {
    const r = resultOf(ID, snapshot({ nodes: inZones(...zones) }));
    expect(r.status).toBe(status);
    expect(r.message).toContain(`span ${new Set(zones).size} zone`);
  });

  it('summarises each zone in one evidence line', () => {
    const r = resultOf(ID, snapshot({ nodes: inZones('a', 'b', 'c', 'a') }));
    expect(r.evidence).toEqual([
      'Node/w-1 .metadata.labels[topology.kubernetes.io/zone] a (+1 more ready workers in a)',
      'Node/w-2 .metadata.labels[topology.kubernetes.io/zone] b',
      'Node/w-3 .metadata.labels[topology.kubernetes.io/zone] c',
    ]);
  });

  it('reads the beta zone label when the GA one is absent', () => {
    const nodes = ['a', 'b', 'c'].map((z, i) =>
      node(`w-${i}`, {
        labels: { 'failure-domain.beta.kubernetes.io/zone': z },
      }),
    );
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toContain('failure-domain.beta.kubernetes.io/zone');
  });

  it('fails when no worker has a zone label', () => {
    const nodes = [node('w-1'), node('w-2'), node('w-3')];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('0 zones');
    expect(r.message).toContain('3 ready workers without a zone label');
  });

  it('ignores NotReady workers and control-plane nodes', () => {
    const nodes = [
      ...inZones('a', 'b'),
      node('w-3', { zone: 'c', ready: false }),
      node('cp-1', { zone: 'd', controlPlane: true }),
    ];
    expect(resultOf(ID, snapshot({ nodes })).status).toBe('warn');
  });

  it('counts cordoned but ready workers', () => {
    const nodes = [
      ...inZones('a', 'b'),
      node('w-3', { zone: 'c', unschedulable: true }),
    ];
    expect(resultOf(ID, snapshot({ nodes })).status).toBe('pass');
  });

  it('fails when there are no ready workers', () => {
    const nodes = [
      node('cp-1', { zone: 'a', controlPlane: true }),
      node('w-1', { zone: 'b', ready: false }),
    ];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('No ready worker nodes');
  });

  it('fails with no nodes at all', () => {
    expect(resultOf(ID, snapshot({ nodes: [] })).status).toBe('fail');
  });

  it('is unknown when nodes cannot be listed', () => {
    const r = resultOf(ID, snapshot({ nodes: forbidden('nodes') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });
});
