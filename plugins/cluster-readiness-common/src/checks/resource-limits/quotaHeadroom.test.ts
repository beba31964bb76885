import { forbidden, resultOf, snapshot } from '../../__testUtils__/factories';
import {
  computeQuota,
  resourceQuota,
} from '../../__testUtils__/resourceLimitFactories';

const ID = 'resource-limits.quota-headroom';

const quota = (
  hard: Record<string, string>,
  used: Record<string, string>,
  name = 'compute',
) => resourceQuota(name, 'shop', { hard, used });

const statusOf = (...quotas: ReturnType<typeof quota>[]) =>
  resultOf(ID, snapshot({ resourcequotas: quotas }));

describe(ID, () => {
  it('passes when every resource is below 90 % of its hard limit', () => {
    const r = statusOf(computeQuota('shop'), computeQuota('billing'));
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Every resource of the 2 reported ResourceQuota(s) is below 90 % of its hard limit.',
    );
    expect(r.evidence).toEqual([
      'ResourceQuota/shop/compute .status.used',
      'ResourceQuota/billing/compute .status.used',
    ]);
  });

  it.each([
    ['exactly 90 % of an integer', { pods: '10' }, { pods: '9' }, 'warn'],
    [
      'exactly 90 % in millicores',
      { 'requests.cpu': '1' },
      { 'requests.cpu': '900m' },
      'warn',
    ],
    [
      'exactly 90 % across units',
      { 'requests.memory': '10Gi' },
      { 'requests.memory': '9216Mi' },
      'warn',
    ],
    [
      'just below 90 %',
      { 'requests.cpu': '1' },
      { 'requests.cpu': '899m' },
      'pass',
    ],
    [
      'just below 100 %',
      { 'requests.memory': '8Gi' },
      { 'requests.memory': '8191Mi' },
      'warn',
    ],
    ['exactly the hard limit', { pods: '10' }, { pods: '10' }, 'fail'],
    [
      'the hard limit in other units',
      { 'requests.memory': '8Gi' },
      { 'requests.memory': '8192Mi' },
      'fail',
    ],
    [
      'over the hard limit',
      { 'count/deployments.apps': '5' },
      { 'count/deployments.apps': '7' },
      'fail',
    ],
    [
      'something used of a hard limit of 0',
      { 'services.loadbalancers': '0' },
      { 'services.loadbalancers': '1' },
      'fail',
    ],
  ])('judges %s', (_name, hard, used, status) => {
    expect(statusOf(quota(hard, used)).status).toBe(status);
  });

  it('does not flag a deliberate block (hard 0, nothing used)', () => {
    const r = statusOf(
      quota(
        { pods: '0', 'requests.cpu': '2' },
        { pods: '0', 'requests.cpu': '0' },
        'frozen',
      ),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(
      'ResourceQuota/shop/frozen .status.hard.pods = 0 (deliberate block, not judged)',
    );
  });

  it('counts a resource missing from status.used as nothing used', () => {
    expect(
      statusOf(quota({ pods: '10', 'requests.cpu': '2' }, { pods: '1' }))
        .status,
    ).toBe('pass');
  });

  it('warns with the resource, usage and share in the message and evidence', () => {
    const r = statusOf(
      quota({ 'requests.memory': '8Gi' }, { 'requests.memory': '7680Mi' }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      '1 quota resource(s) at ≥ 90 % of the hard limit (first: shop/compute requests.memory, used 7680Mi of 8Gi, 93.7 %); raise the quota before it blocks rollouts.',
    );
    expect(r.evidence).toEqual([
      'ResourceQuota/shop/compute .status.used.requests.memory: used 7680Mi of 8Gi, 93.7 %',
    ]);
  });

  it('fails when any resource is used up, listing exhausted before nearly full', () => {
    const r = statusOf(
      quota({ 'requests.cpu': '4' }, { 'requests.cpu': '3800m' }, 'cpu'),
      quota({ pods: '20' }, { pods: '20' }, 'pods'),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      '1 quota resource(s) used up (first: shop/pods pods, used 20 of 20, 100 %), 1 more at ≥ 90 %; new objects there are rejected — raise the quota or reduce usage.',
    );
    expect(r.evidence).toEqual([
      'ResourceQuota/shop/pods .status.used.pods: used 20 of 20, 100 %',
      'ResourceQuota/shop/cpu .status.used.requests.cpu: used 3800m of 4, 95 %',
    ]);
  });

  it('judges reported quotas and lists the ones not reported yet', () => {
    const r = resultOf(
      ID,
      snapshot({
        resourcequotas: [
          computeQuota('shop'),
          resourceQuota('new', 'billing', {
            hard: { pods: '10' },
            unreported: true,
          }),
        ],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(
      'ResourceQuota/billing/new .status.hard (not reported by the quota controller yet)',
    );
  });

  it('is unknown when no quota has reported usage', () => {
    const r = resultOf(
      ID,
      snapshot({
        resourcequotas: [
          resourceQuota('new', 'billing', {
            hard: { pods: '10' },
            unreported: true,
          }),
        ],
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('quota controller');
    expect(r.missingReads).toBeUndefined();
  });

  it('is not-applicable without quotas', () => {
    expect(resultOf(ID, snapshot({ resourcequotas: [] })).status).toBe(
      'not-applicable',
    );
  });

  it('keeps evidence bounded', () => {
    const quotas = Array.from({ length: 50 }, (_, i) =>
      quota({ pods: '10' }, { pods: '10' }, `q-${i}`),
    );
    const r = resultOf(ID, snapshot({ resourcequotas: quotas }));
    expect(r.status).toBe('fail');
    expect(r.evidence).toHaveLength(21);
    expect(r.evidence[20]).toBe('… and 30 more');
  });

  it('is unknown when quotas cannot be listed', () => {
    const r = resultOf(
      ID,
      snapshot({ resourcequotas: forbidden('resourcequotas') }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list resourcequotas']);
  });
});
