import type { ReadinessCheck } from '../ReadinessCheck';
import { objectRef } from '../../engine/labels';
import { bounded, nameFewElided } from '../shared/evidence';
import { unreadableOutcome } from '../shared/unreadable';

const NETWORK_POLICIES = 'networkpolicies.networking.k8s.io';

/** `access.network-policies` @public */
export const networkPolicies: ReadinessCheck = {
  id: 'access.network-policies',
  title: 'Workload namespaces have NetworkPolicies',
  category: 'access',
  severity: 'low',
  description:
    'By default every pod can reach every other pod in the cluster; NetworkPolicies limit what a compromised workload can talk to. A workload namespace (non-system, holding at least one pod) is covered when it holds at least one NetworkPolicy of any content. Whether the network plugin enforces NetworkPolicies cannot be seen from the API and is not checked. Only pods are needed to find that there are no workload namespaces.',
  rule: 'Every workload namespace has at least one NetworkPolicy: pass; otherwise warn. No workload namespaces: not-applicable.',
  remediation:
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  reads: ['pods'],
  evaluate({ index }) {
    const workload = index.workloadNamespaces;
    if (workload.length === 0) {
      return {
        status: 'not-applicable',
        message:
          'No workload namespaces: no pod runs outside the system namespaces.',
      };
    }
    if (index.state(NETWORK_POLICIES) !== 'collected') {
      return unreadableOutcome(
        index,
        [NETWORK_POLICIES],
        'the NetworkPolicies of the workload namespaces are not known',
      );
    }
    const byNs = index.byNamespace(NETWORK_POLICIES);
    const bare = workload.filter(ns => !byNs.get(ns)?.length);
    if (bare.length === 0) {
      return {
        status: 'pass',
        message: `Every workload namespace (${workload.length}) has a NetworkPolicy.`,
        evidence: bounded(
          workload.map(ns => objectRef(byNs.get(ns)![0], 'NetworkPolicy')),
        ),
      };
    }
    const shown = nameFewElided(bare);
    return {
      status: 'warn',
      message: `${bare.length} of ${workload.length} workload namespaces have no NetworkPolicy (${shown}); start with a default-deny policy per namespace.`,
      evidence: bounded(bare.map(ns => `Namespace/${ns}`)),
    };
  },
};
