import {
  forbidden,
  pod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { networkPolicy } from '../../__testUtils__/accessFactories';

const ID = 'access.network-policies';
const NP = 'networkpolicies.networking.k8s.io';

const pods = [
  pod('coredns-7db6d8ff4d-abcde', { namespace: 'kube-system' }),
  pod('web', { namespace: 'team-a' }),
  pod('api', { namespace: 'team-b' }),
];

describe(ID, () => {
  it('passes when every workload namespace has a NetworkPolicy', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods,
        [NP]: [
          networkPolicy('default-deny', 'team-a'),
          networkPolicy('default-deny', 'team-b'),
        ],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'NetworkPolicy/team-a/default-deny',
      'NetworkPolicy/team-b/default-deny',
    ]);
  });

  it('warns when some workload namespaces have none', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods,
        [NP]: [
          networkPolicy('default-deny', 'team-a'),
          networkPolicy('allow-dns', 'kube-system'),
        ],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      '1 of 2 workload namespaces have no NetworkPolicy (team-b)',
    );
    expect(r.evidence).toEqual(['Namespace/team-b']);
  });

  it('warns when no workload namespace has one', () => {
    const r = resultOf(ID, snapshot({ pods, [NP]: [] }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('2 of 2');
  });

  it('is not-applicable without workload namespaces, even if policies were not read', () => {
    const r = resultOf(
      ID,
      snapshot({ pods: pods.slice(0, 1), [NP]: forbidden(NP) }),
    );
    expect(r.status).toBe('not-applicable');
  });

  it('is unknown when policies are denied', () => {
    const r = resultOf(ID, snapshot({ pods, [NP]: forbidden(NP) }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([`list ${NP}`]);
  });

  it('is unknown when pods are denied', () => {
    const r = resultOf(ID, snapshot({ pods: forbidden('pods'), [NP]: [] }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });
});
