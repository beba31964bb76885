import {
  forbidden,
  pod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  computeQuota,
  resourceQuota,
} from '../../__testUtils__/resourceLimitFactories';

const ID = 'resource-limits.namespace-quotas';

/** One pod in each namespace, making it a workload namespace. */
const podsIn = (...namespaces: string[]) =>
  namespaces.map(ns => pod(`web-${ns}`, { namespace: ns }));

describe(ID, () => {
  it('passes when every workload namespace has a CPU and memory quota', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop', 'billing'),
        resourcequotas: [computeQuota('shop'), computeQuota('billing')],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('All 2 workload namespace(s)');
    expect(r.evidence).toEqual([
      'ResourceQuota/billing/compute .spec.hard',
      'ResourceQuota/shop/compute .spec.hard',
    ]);
  });

  it.each([
    [{ cpu: '4', memory: '8Gi' }],
    [{ 'limits.cpu': '8', 'limits.memory': '16Gi' }],
    [{ 'requests.cpu': '4', 'limits.memory': '16Gi' }],
  ])('accepts any CPU key with any memory key: %j', hard => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop'),
        resourcequotas: [resourceQuota('q', 'shop', { hard })],
      }),
    );
    expect(r.status).toBe('pass');
  });

  it('counts CPU and memory bounded by two quotas of the same namespace', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop'),
        resourcequotas: [
          resourceQuota('cpu', 'shop', { hard: { 'requests.cpu': '4' } }),
          resourceQuota('memory', 'shop', {
            hard: { 'requests.memory': '8Gi' },
          }),
        ],
      }),
    );
    expect(r.status).toBe('pass');
  });

  it('warns at exactly 50 % coverage and names the uncovered namespace', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop', 'billing'),
        resourcequotas: [computeQuota('shop')],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      '1 of 2 (50 %) workload namespaces have ResourceQuotas bounding CPU and memory; add one to billing.',
    );
    expect(r.evidence).toEqual([
      'Namespace/billing',
      'ResourceQuota/shop/compute .spec.hard',
    ]);
  });

  it('fails below 50 % coverage', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('a', 'b', 'c'),
        resourcequotas: [computeQuota('a')],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('1 of 3 (33.3 %)');
  });

  it('does not count a quota that bounds only objects or only CPU', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop'),
        resourcequotas: [
          resourceQuota('objects', 'shop', {
            hard: { pods: '20', services: '5' },
          }),
          resourceQuota('cpu', 'shop', { hard: { 'limits.cpu': '8' } }),
        ],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([
      'ResourceQuota/shop/objects .spec.hard (no CPU or memory bound)',
      'ResourceQuota/shop/cpu .spec.hard (no memory bound)',
    ]);
  });

  it('ignores system namespaces and namespaces without pods', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: [
          ...podsIn('shop'),
          pod('coredns-1', { namespace: 'kube-system' }),
        ],
        resourcequotas: [
          computeQuota('shop'),
          resourceQuota('q', 'empty', { hard: { pods: '0' } }),
        ],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('All 1 workload namespace(s)');
  });

  it('treats extra system namespaces as system', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop', 'monitoring'),
        resourcequotas: [computeQuota('shop')],
      }),
      { extraSystemNamespaces: ['monitoring'] },
    );
    expect(r.status).toBe('pass');
  });

  it('is not-applicable without workload namespaces', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: [pod('coredns-1', { namespace: 'kube-system' })],
        resourcequotas: [],
      }),
    );
    expect(r.status).toBe('not-applicable');
  });

  it('keeps evidence bounded on large clusters', () => {
    const namespaces = Array.from(
      { length: 1000 },
      (_, i) => `team-${String(i).padStart(4, '0')}`,
    );
    const r = resultOf(
      ID,
      snapshot({ pods: podsIn(...namespaces), resourcequotas: [] }),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toHaveLength(21);
    expect(r.evidence[20]).toBe('… and 980 more');
    expect(r.message).toBe(
      '0 of 1000 (0 %) workload namespaces have ResourceQuotas bounding CPU and memory; add one to team-0000, team-0001, team-0002 and 997 more.',
    );
  });

  it('is unknown when quotas cannot be listed', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop'),
        resourcequotas: forbidden('resourcequotas'),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list resourcequotas']);
    expect(r.message).toContain('list resourcequotas failed (403 Forbidden)');
  });

  it('is unknown when pods were not collected', () => {
    const r = resultOf(
      ID,
      snapshot({ resourcequotas: [computeQuota('shop')] }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });
});
