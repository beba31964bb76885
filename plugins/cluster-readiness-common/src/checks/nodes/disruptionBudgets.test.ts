import {
  deployment,
  forbidden,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import type { Resources } from '../../__testUtils__/factories';
import { pdb, statefulSet } from '../../__testUtils__/nodeFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'nodes.disruption-budgets';

function resources(
  workloads: KubeObject[],
  budgets: KubeObject[],
  extra: Resources = {},
): Resources {
  return {
    'deployments.apps': workloads.filter(w => w.kind === 'Deployment'),
    'statefulsets.apps': workloads.filter(w => w.kind === 'StatefulSet'),
    'poddisruptionbudgets.policy': budgets,
    ...extra,
  };
}

const web = (replicas = 3) =>
  deployment('web', { namespace: 'shop', replicas });
const api = () => deployment('api', { namespace: 'shop', replicas: 2 });
const db = () => statefulSet('db', { namespace: 'shop', replicas: 3 });
const worker = () => deployment('worker', { namespace: 'jobs', replicas: 4 });

describe(ID, () => {
  it('passes when every replicated workload is covered', () => {
    const r = resultOf(
      ID,
      snapshot(
        resources(
          [web(), db()],
          [pdb('web', { namespace: 'shop' }), pdb('db', { namespace: 'shop' })],
        ),
      ),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      '2 of 2 replicated workloads (100 %) have a PodDisruptionBudget.',
    );
    expect(r.evidence).toContain(
      'Deployment/shop/web covered by PodDisruptionBudget/shop/web .spec.selector',
    );
  });

  it.each([
    [4, 3, 'warn'], // 75 %
    [4, 2, 'warn'], // exactly 50 %
    [3, 1, 'fail'], // 33 %
    [2, 0, 'fail'],
  ])('%i workloads with %i covered: %s', (total, covered, status) => {
    const workloads = Array.from({ length: total }, (_, i) =>
      deployment(`app-${i}`, { namespace: 'shop', replicas: 2 }),
    );
    const budgets = workloads
      .slice(0, covered)
      .map(w => pdb(w.metadata!.name!, { namespace: 'shop', expectedPods: 2 }));
    const r = resultOf(ID, snapshot(resources(workloads, budgets)));
    expect(r.status).toBe(status);
  });

  it('names uncovered workloads in message and evidence', () => {
    const r = resultOf(
      ID,
      snapshot(resources([web(), db()], [pdb('web', { namespace: 'shop' })])),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      '1 of 2 replicated workloads (50 %) have a PodDisruptionBudget: add budgets for StatefulSet/shop/db.',
    );
    expect(r.evidence[0]).toBe(
      'StatefulSet/shop/db .spec.template.metadata.labels: no matching PodDisruptionBudget (.spec.replicas 3)',
    );
  });

  it('only counts budgets in the same namespace', () => {
    const r = resultOf(
      ID,
      snapshot(resources([web()], [pdb('web', { namespace: 'other' })])),
    );
    expect(r.status).toBe('fail');
  });

  it('does not cover with a budget whose selector does not match', () => {
    const r = resultOf(
      ID,
      snapshot(
        resources(
          [web()],
          [
            pdb('web', {
              namespace: 'shop',
              selector: { matchLabels: { app: 'api' } },
            }),
          ],
        ),
      ),
    );
    expect(r.status).toBe('fail');
  });

  it('matches selectors with matchExpressions, and an empty selector matches all', () => {
    const r = resultOf(
      ID,
      snapshot(
        resources(
          [web(), api(), worker()],
          [
            pdb('front', {
              namespace: 'shop',
              selector: {
                matchExpressions: [
                  { key: 'app', operator: 'In', values: ['web', 'api'] },
                ],
              },
            }),
            pdb('everything', { namespace: 'jobs', selector: {} }),
          ],
        ),
      ),
    );
    expect(r.status).toBe('pass');
  });

  it('ignores single-replica workloads and system namespaces', () => {
    const r = resultOf(
      ID,
      snapshot(
        resources(
          [
            deployment('solo', { namespace: 'shop', replicas: 1 }),
            deployment('coredns', { namespace: 'kube-system', replicas: 2 }),
            statefulSet('one', { namespace: 'shop', replicas: 1 }),
          ],
          [],
        ),
      ),
    );
    expect(r.status).toBe('not-applicable');
  });

  it('treats extra system namespaces as system', () => {
    const r = resultOf(ID, snapshot(resources([worker()], [])), {
      extraSystemNamespaces: ['jobs'],
    });
    expect(r.status).toBe('not-applicable');
  });

  it.each([
    ['maxUnavailable 0', { maxUnavailable: 0 }, '.spec.maxUnavailable 0'],
    ['maxUnavailable 0%', { maxUnavailable: '0%' }, '.spec.maxUnavailable 0%'],
    [
      'minAvailable equal to replicas',
      { minAvailable: 3 },
      '.spec.minAvailable 3 ≥ 3 replicas',
    ],
    [
      'minAvailable 100%',
      { minAvailable: '100%' },
      '.spec.minAvailable 100% ≥ 3 replicas',
    ],
    // ceil(70 % of 3) = 3
    [
      'minAvailable 70% (rounded up)',
      { minAvailable: '70%' },
      '.spec.minAvailable 70% ≥ 3 replicas',
    ],
    [
      'disruptionsAllowed 0 with all pods healthy',
      {
        minAvailable: 2,
        expectedPods: 2,
        currentHealthy: 2,
        desiredHealthy: 2,
        disruptionsAllowed: 0,
      },
      '.status.disruptionsAllowed 0 with 2/2 pods healthy',
    ],
  ])(
    'warns when a covering budget allows no disruption (%s)',
    (_, options, reason) => {
      const r = resultOf(
        ID,
        snapshot(
          resources([web(3)], [pdb('web', { namespace: 'shop', ...options })]),
        ),
      );
      expect(r.status).toBe('warn');
      expect(r.message).toContain(
        '1 budget allows no disruption and blocks node drains: PodDisruptionBudget/shop/web',
      );
      expect(r.evidence).toContain(
        `PodDisruptionBudget/shop/web ${reason} (covers Deployment/shop/web)`,
      );
    },
  );

  it.each([
    ['maxUnavailable 1', { maxUnavailable: 1 }],
    ['maxUnavailable 10% (rounds up to 1)', { maxUnavailable: '10%' }],
    ['minAvailable below replicas', { minAvailable: 2 }],
    ['minAvailable 60% (2 of 3)', { minAvailable: '60%' }],
    [
      'disruptionsAllowed 0 only because a pod is unhealthy',
      {
        maxUnavailable: 1,
        expectedPods: 3,
        currentHealthy: 2,
        desiredHealthy: 2,
        disruptionsAllowed: 0,
      },
    ],
  ])('passes when the budget allows disruptions (%s)', (_, options) => {
    const r = resultOf(
      ID,
      snapshot(
        resources([web(3)], [pdb('web', { namespace: 'shop', ...options })]),
      ),
    );
    expect(r.status).toBe('pass');
  });

  it('stays fail when coverage is low, even with a blocking budget', () => {
    const r = resultOf(
      ID,
      snapshot(
        resources(
          [web(), api(), db()],
          [pdb('web', { namespace: 'shop', maxUnavailable: 0 })],
        ),
      ),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      '1 budget allows no disruption and blocks node drains',
    );
  });

  it('keeps evidence bounded', () => {
    const workloads = Array.from({ length: 60 }, (_, i) =>
      deployment(`app-${i}`, { namespace: 'shop', replicas: 2 }),
    );
    const r = resultOf(ID, snapshot(resources(workloads, [])));
    expect(r.status).toBe('fail');
    expect(r.evidence).toHaveLength(21);
    expect(r.message).toContain('and 57 more');
  });

  it.each([
    'deployments.apps',
    'statefulsets.apps',
    'poddisruptionbudgets.policy',
  ])('is unknown when %s cannot be listed', key => {
    const r = resultOf(
      ID,
      snapshot(resources([web()], [], { [key]: forbidden(key) })),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([`list ${key}`]);
  });
});
