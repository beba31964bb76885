import {
  forbidden,
  pod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  containerDefaults,
  limitRange,
} from '../../__testUtils__/resourceLimitFactories';

const ID = 'resource-limits.limit-ranges';

const podsIn = (...namespaces: string[]) =>
  namespaces.map(ns => pod(`web-${ns}`, { namespace: ns }));

describe(ID, () => {
  it('passes when every workload namespace defaults container resources', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop', 'billing'),
        limitranges: [containerDefaults('shop'), containerDefaults('billing')],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'LimitRange/billing/defaults .spec.limits[0]',
      'LimitRange/shop/defaults .spec.limits[0]',
    ]);
  });

  it('accepts defaultRequest alone, in any item of the LimitRange', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop'),
        limitranges: [
          limitRange('mixed', 'shop', [
            { type: 'Pod', max: { cpu: '4' } },
            { type: 'Container', defaultRequest: { memory: '128Mi' } },
          ]),
        ],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual(['LimitRange/shop/mixed .spec.limits[1]']);
  });

  it('warns at exactly 50 % coverage', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('a', 'b', 'c', 'd'),
        limitranges: [containerDefaults('a'), containerDefaults('b')],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      '2 of 4 (50 %) workload namespaces have a LimitRange with container defaults; add one to c, d.',
    );
  });

  it('fails below 50 % coverage', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('a', 'b', 'c'),
        limitranges: [containerDefaults('a')],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toBe('Namespace/b');
  });

  it('does not count min/max only, Pod items, or empty defaults', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: podsIn('shop'),
        limitranges: [
          limitRange('bounds', 'shop', [
            {
              type: 'Container',
              min: { cpu: '10m' },
              max: { cpu: '2', memory: '4Gi' },
            },
            { type: 'Container', default: {} },
          ]),
        ],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([
      'LimitRange/shop/bounds .spec.limits (no Container default or defaultRequest)',
    ]);
  });

  it('ignores system namespaces', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: [
          ...podsIn('shop'),
          pod('kube-proxy-x', { namespace: 'kube-system' }),
        ],
        limitranges: [containerDefaults('shop')],
      }),
    );
    expect(r.status).toBe('pass');
  });

  it('is not-applicable without workload namespaces', () => {
    const r = resultOf(ID, snapshot({ pods: [], limitranges: [] }));
    expect(r.status).toBe('not-applicable');
  });

  it('is unknown when LimitRanges cannot be listed', () => {
    const r = resultOf(
      ID,
      snapshot({ pods: podsIn('shop'), limitranges: forbidden('limitranges') }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list limitranges']);
  });

  it('is unknown when LimitRanges were not collected', () => {
    const r = resultOf(ID, snapshot({ pods: podsIn('shop') }));
    expect(r.status).toBe('unknown');
    expect(r.message).toBe('Not observable: limitranges not collected.');
  });
});
