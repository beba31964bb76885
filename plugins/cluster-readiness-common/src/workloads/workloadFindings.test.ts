import { deployment, pod, snapshot } from '../__testUtils__/factories';
import { KUBERNETES_ID_LABEL, workloadFindings } from './workloadFindings';

const id = (name: string) => ({ app: name, [KUBERNETES_ID_LABEL]: name });

function pdb(name: string, ns: string, labels: Record<string, string>) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: ns },
    spec: { minAvailable: 1, selector: { matchLabels: labels } },
  };
}

describe('workloadFindings', () => {
  it('reports each service by its kubernetes-id', () => {
    const snap = snapshot({
      pods: [
        pod('checkout-1', {
          namespace: 'shop',
          labels: id('checkout'),
          node: 'w-1',
        }),
        pod('checkout-2', {
          namespace: 'shop',
          labels: id('checkout'),
          node: 'w-2',
          serviceAccountName: 'default',
          containers: [{ requests: { cpu: '100m' } }],
        }),
        pod('ledger-1', {
          namespace: 'money',
          labels: id('ledger'),
          node: 'w-1',
        }),
        pod('done', {
          namespace: 'shop',
          labels: id('batch'),
          phase: 'Succeeded',
        }),
        pod('other', { namespace: 'shop' }),
      ],
      'deployments.apps': [
        deployment('checkout', {
          namespace: 'shop',
          podLabels: id('checkout'),
          replicas: 2,
        }),
        deployment('ledger', {
          namespace: 'money',
          podLabels: id('ledger'),
          replicas: 3,
        }),
      ],
      'poddisruptionbudgets.policy': [
        pdb('ledger', 'money', { app: 'ledger' }),
      ],
    });
    const result = workloadFindings(snap);
    expect(Object.keys(result).sort()).toEqual(['checkout', 'ledger']);

    const checkout = result.checkout;
    expect(checkout.namespaces).toEqual(['shop']);
    expect(checkout.pods).toBe(2);
    const byId = Object.fromEntries(checkout.findings.map(f => [f.id, f]));
    expect(byId['workload.container-resources'].status).toBe('fail');
    expect(byId['workload.container-resources'].evidence).toEqual([
      'Pod/shop/checkout-2 container app .resources',
    ]);
    expect(byId['workload.disruption-budgets'].status).toBe('fail');
    expect(byId['workload.service-account'].status).toBe('warn');

    const ledger = Object.fromEntries(
      result.ledger.findings.map(f => [f.id, f.status]),
    );
    expect(ledger).toEqual({
      'workload.container-resources': 'pass',
      'workload.disruption-budgets': 'pass',
      'workload.service-account': 'pass',
    });
  });

  it('is unknown about budgets when PodDisruptionBudgets were not read', () => {
    const snap = snapshot({
      pods: [pod('a-1', { labels: id('a'), node: 'w-1' })],
      'deployments.apps': [deployment('a', { podLabels: id('a') })],
    });
    const budgets = workloadFindings(snap).a.findings.find(
      f => f.id === 'workload.disruption-budgets',
    );
    expect(budgets?.status).toBe('unknown');
    expect(budgets?.message).toContain('list poddisruptionbudgets.policy');
  });
});
