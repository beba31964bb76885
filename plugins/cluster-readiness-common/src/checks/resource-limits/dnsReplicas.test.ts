import {
  deployment,
  forbidden,
  pod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  coreDns,
  DNS_LABELS,
  podDisruptionBudget,
} from '../../__testUtils__/resourceLimitFactories';

const ID = 'resource-limits.dns-replicas';
const PDBS = 'poddisruptionbudgets.policy';
const dnsPdb = () =>
  podDisruptionBudget('coredns', 'kube-system', { matchLabels: DNS_LABELS });

function dnsSnapshot(
  o: { nodes?: string[]; readyReplicas?: number } = {},
  extra: Parameters<typeof snapshot>[0] = {},
) {
  const dns = coreDns(o);
  return snapshot({
    'deployments.apps': [
      dns.deployment,
      deployment('web', { namespace: 'shop' }),
    ],
    pods: dns.pods,
    [PDBS]: [dnsPdb()],
    ...extra,
  });
}

describe(ID, () => {
  it('passes with exactly 2 ready replicas on 2 nodes and a PodDisruptionBudget', () => {
    const r = resultOf(ID, dnsSnapshot());
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'Deployment/kube-system/coredns .status.readyReplicas = 2',
      'PodDisruptionBudget/kube-system/coredns .spec.selector',
      'Pod/kube-system/coredns-7c65d6cfc9-ax0zq .spec.nodeName = worker-1',
      'Pod/kube-system/coredns-7c65d6cfc9-bx1zq .spec.nodeName = worker-2',
    ]);
  });

  it('fails with fewer than 2 ready replicas', () => {
    const r = resultOf(ID, dnsSnapshot({ readyReplicas: 1 }));
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'The cluster DNS (coredns) has 1 ready replica(s); one pod or node failure stops name resolution — run at least 2.',
    );
    expect(r.evidence).toEqual([
      'Deployment/kube-system/coredns .status.readyReplicas = 1',
    ]);
  });

  it('fails with a single replica even when pods and PDBs are unreadable', () => {
    const dns = coreDns({ nodes: ['worker-1'] });
    const r = resultOf(
      ID,
      snapshot({
        'deployments.apps': [dns.deployment],
        pods: forbidden('pods'),
        [PDBS]: forbidden(PDBS),
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.missingReads).toBeUndefined();
  });

  it('fails when no Deployment in kube-system is labelled k8s-app=kube-dns', () => {
    const unlabelled = deployment('coredns', { namespace: 'kube-system' });
    const elsewhere = deployment('coredns', {
      namespace: 'dns',
      labels: DNS_LABELS,
      podLabels: DNS_LABELS,
    });
    const r = resultOf(
      ID,
      snapshot({
        'deployments.apps': [unlabelled, elsewhere],
        pods: [],
        [PDBS]: [],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'No DNS Deployment in kube-system labelled k8s-app=kube-dns',
    );
  });

  it('adds up the ready replicas of several DNS Deployments', () => {
    const a = coreDns({ name: 'coredns', nodes: ['worker-1'] });
    const b = coreDns({ name: 'kube-dns', nodes: ['worker-2'] });
    const r = resultOf(
      ID,
      snapshot({
        'deployments.apps': [a.deployment, b.deployment],
        pods: [...a.pods, ...b.pods],
        [PDBS]: [dnsPdb()],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('2 ready replicas');
  });

  it('warns when all DNS pods run on one node', () => {
    const r = resultOf(ID, dnsSnapshot({ nodes: ['worker-1', 'worker-1'] }));
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      'The cluster DNS has 2 ready replicas but all DNS pods run on node worker-1; spread them over nodes (pod anti-affinity or topology spread constraints).',
    );
  });

  it('ignores finished pods when looking at the spread', () => {
    const dns = coreDns({ nodes: ['worker-1', 'worker-1'] });
    const evicted = pod('coredns-7c65d6cfc9-old1', {
      namespace: 'kube-system',
      node: 'worker-2',
      phase: 'Failed',
      labels: { ...DNS_LABELS, 'pod-template-hash': '7c65d6cfc9' },
      owner: { kind: 'ReplicaSet', name: 'coredns-7c65d6cfc9' },
    });
    const r = resultOf(
      ID,
      snapshot({
        'deployments.apps': [dns.deployment],
        pods: [...dns.pods, evicted],
        [PDBS]: [dnsPdb()],
      }),
    );
    expect(r.status).toBe('warn');
  });

  it('warns when no PodDisruptionBudget in kube-system selects the DNS pods', () => {
    const elsewhere = podDisruptionBudget('coredns', 'default', {
      matchLabels: DNS_LABELS,
    });
    const other = podDisruptionBudget('metrics-server', 'kube-system', {
      matchLabels: { 'k8s-app': 'metrics-server' },
    });
    const r = resultOf(ID, dnsSnapshot({}, { [PDBS]: [elsewhere, other] }));
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      'The cluster DNS has 2 ready replicas but no PodDisruptionBudget selects the pods of coredns; add a PodDisruptionBudget for them in kube-system (e.g. maxUnavailable: 1).',
    );
  });

  it('reports both warn conditions together', () => {
    const r = resultOf(
      ID,
      dnsSnapshot({ nodes: ['worker-1', 'worker-1'] }, { [PDBS]: [] }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'run on node worker-1 and no PodDisruptionBudget selects',
    );
  });

  it('accepts a PodDisruptionBudget selecting the pods by expression', () => {
    const pdb = podDisruptionBudget(
      'dns',
      'kube-system',
      {
        matchExpressions: [
          {
            key: 'k8s-app',
            operator: 'In',
            values: ['kube-dns', 'node-local-dns'],
          },
        ],
      },
      { minAvailable: 1 },
    );
    expect(resultOf(ID, dnsSnapshot({}, { [PDBS]: [pdb] })).status).toBe(
      'pass',
    );
  });

  it('accepts a PodDisruptionBudget that matches the pods but not the template labels', () => {
    const pdb = podDisruptionBudget('coredns', 'kube-system', {
      matchLabels: { 'pod-template-hash': '7c65d6cfc9' },
    });
    expect(resultOf(ID, dnsSnapshot({}, { [PDBS]: [pdb] })).status).toBe(
      'pass',
    );
  });

  it('warns on a missing PDB even when pods are unreadable', () => {
    const r = resultOf(
      ID,
      dnsSnapshot({}, { pods: forbidden('pods'), [PDBS]: [] }),
    );
    expect(r.status).toBe('warn');
  });

  it('warns on a one-node spread even when PDBs are unreadable', () => {
    const r = resultOf(
      ID,
      dnsSnapshot(
        { nodes: ['worker-1', 'worker-1'] },
        { [PDBS]: forbidden(PDBS) },
      ),
    );
    expect(r.status).toBe('warn');
  });

  it('is unknown when pods are unreadable and nothing else is wrong', () => {
    const r = resultOf(ID, dnsSnapshot({}, { pods: forbidden('pods') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
    expect(r.message).toBe(
      'The cluster DNS has 2 ready replicas, but cannot tell where the DNS pods run (list pods failed (403 Forbidden)).',
    );
  });

  it('is unknown when PDBs were not collected and the spread is fine', () => {
    const dns = coreDns();
    const r = resultOf(
      ID,
      snapshot({ 'deployments.apps': [dns.deployment], pods: dns.pods }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list poddisruptionbudgets.policy']);
    expect(r.message).toContain('poddisruptionbudgets.policy not collected');
  });

  it('is unknown when ready replicas have no visible scheduled pod', () => {
    const r = resultOf(ID, dnsSnapshot({}, { pods: [] }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toBeUndefined();
    expect(r.message).toContain(
      'no scheduled pod matches the Deployment selector',
    );
  });

  it('is unknown when Deployments cannot be listed', () => {
    const r = resultOf(
      ID,
      dnsSnapshot({}, { 'deployments.apps': forbidden('deployments.apps') }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list deployments.apps']);
  });
});
