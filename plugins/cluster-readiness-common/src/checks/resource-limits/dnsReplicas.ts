import { isPodTerminated } from '../../engine/SnapshotIndex';
import { objectRef, selectorMatches } from '../../engine/labels';
import type { PodObject, WorkloadObject } from '../../snapshot/kube';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew } from '../shared/evidence';
import { unreadable } from '../shared/unreadable';
import { dnsDeployments } from './helpers';

const PDBS = 'poddisruptionbudgets.policy';

/** `resource-limits.dns-replicas` @public */
export const dnsReplicas: ReadinessCheck = {
  id: 'resource-limits.dns-replicas',
  title: 'Cluster DNS is replicated and protected',
  category: 'resource-limits',
  severity: 'high',
  description:
    'Every pod resolves names through the cluster DNS, so a single DNS replica, replicas that share one node, or replicas a node drain may evict all at once turn one failure into a cluster-wide outage. The DNS is the Deployment(s) in kube-system labelled `k8s-app=kube-dns` (CoreDNS and kube-dns both use it); with several, their `status.readyReplicas` are added up, since the kube-dns Service balances over all of them. Their pods are the non-terminated kube-system pods matched by the Deployment `spec.selector`; a PodDisruptionBudget covers a Deployment when a PDB in kube-system selects its template labels or one of its pods. Deployments must be readable. Pods and PodDisruptionBudgets are needed only for the warn conditions: when one of them is unreadable, a fail or a warn the other shows is still certain; otherwise the result is unknown. Ready replicas with no scheduled pod visible also leave the spread unknown.',
  rule: 'fail: no DNS Deployment, or fewer than 2 ready replicas. warn: ≥ 2 ready but all DNS pods on one node, or a DNS Deployment that no PodDisruptionBudget in kube-system selects. pass: otherwise.',
  remediation:
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  reads: ['deployments.apps'],
  evaluate({ index }) {
    const dns = dnsDeployments(index);
    if (dns.length === 0) {
      return {
        status: 'fail',
        message:
          'No DNS Deployment in kube-system labelled k8s-app=kube-dns; deploy CoreDNS with at least 2 replicas (or label the DNS Deployment).',
        evidence: ['Deployment/kube-system/* .metadata.labels.k8s-app'],
      };
    }
    const ready = dns.reduce((n, d) => n + (d.status?.readyReplicas ?? 0), 0);
    const names = dns.map(d => d.metadata?.name ?? '');
    const replicaEvidence = dns.map(
      d =>
        `${objectRef(d, 'Deployment')} .status.readyReplicas = ${
          d.status?.readyReplicas ?? 0
        }`,
    );
    if (ready < 2) {
      return {
        status: 'fail',
        message: `The cluster DNS (${nameFew(
          names,
        )}) has ${ready} ready replica(s); one pod or node failure stops name resolution — run at least 2.`,
        evidence: replicaEvidence,
      };
    }

    const findings: Array<{ what: string; fix: string }> = [];
    // Pods last: a DNS with many replicas should not push the PDBs out of the bounded list.
    const evidence: string[] = [...replicaEvidence];
    const podEvidence: string[] = [];
    const unobservable: string[] = [];
    const missingReads: string[] = [];

    const podsUnread = unreadable(index, 'pods');
    const podsOf = new Map<WorkloadObject, PodObject[]>(dns.map(d => [d, []]));
    if (podsUnread) {
      unobservable.push(`where the DNS pods run (${podsUnread.reason})`);
      missingReads.push(podsUnread.grant);
    } else {
      const nodes = new Set<string>();
      for (const pod of index.podsByNamespace.get('kube-system') ?? []) {
        if (isPodTerminated(pod)) continue;
        const owner = dns.find(d =>
          selectorMatches(d.spec?.selector, pod.metadata?.labels),
        );
        if (!owner) continue;
        podsOf.get(owner)!.push(pod);
        const nodeName = pod.spec?.nodeName;
        if (nodeName) nodes.add(nodeName);
        podEvidence.push(
          `${objectRef(pod, 'Pod')} .spec.nodeName = ${
            nodeName ?? '(unscheduled)'
          }`,
        );
      }
      if (nodes.size === 1) {
        findings.push({
          what: `all DNS pods run on node ${[...nodes][0]}`,
          fix: 'spread them over nodes (pod anti-affinity or topology spread constraints)',
        });
      } else if (nodes.size === 0) {
        unobservable.push(
          'where the DNS pods run (no scheduled pod matches the Deployment selector)',
        );
      }
    }

    const pdbsUnread = unreadable(index, PDBS);
    if (pdbsUnread) {
      unobservable.push(
        `whether a PodDisruptionBudget protects DNS (${pdbsUnread.reason})`,
      );
      missingReads.push(pdbsUnread.grant);
    } else {
      const pdbs = index.byNamespace(PDBS).get('kube-system') ?? [];
      const unprotected: string[] = [];
      for (const d of dns) {
        const labelSets = [
          d.spec?.template?.metadata?.labels,
          ...podsOf.get(d)!.map(p => p.metadata?.labels),
        ];
        const pdb = pdbs.find(p =>
          labelSets.some(labels => selectorMatches(p.spec?.selector, labels)),
        );
        if (pdb) {
          evidence.push(
            `${objectRef(pdb, 'PodDisruptionBudget')} .spec.selector`,
          );
        } else {
          unprotected.push(d.metadata?.name ?? '');
          evidence.push(
            `PodDisruptionBudget/kube-system/* .spec.selector (none selects ${objectRef(
              d,
              'Deployment',
            )})`,
          );
        }
      }
      if (unprotected.length) {
        findings.push({
          what: `no PodDisruptionBudget selects the pods of ${nameFew(
            unprotected,
          )}`,
          fix: 'add a PodDisruptionBudget for them in kube-system (e.g. maxUnavailable: 1)',
        });
      }
    }

    evidence.push(...podEvidence);
    if (findings.length) {
      return {
        status: 'warn',
        message: `The cluster DNS has ${ready} ready replicas but ${findings
          .map(f => f.what)
          .join(' and ')}; ${findings.map(f => f.fix).join(' and ')}.`,
        evidence: bounded(evidence),
      };
    }
    if (unobservable.length) {
      return {
        status: 'unknown',
        message: `The cluster DNS has ${ready} ready replicas, but cannot tell ${unobservable.join(
          ' nor ',
        )}.`,
        evidence: bounded(evidence),
        ...(missingReads.length ? { missingReads } : {}),
      };
    }
    return {
      status: 'pass',
      message: `The cluster DNS has ${ready} ready replicas spread over several nodes, each Deployment selected by a PodDisruptionBudget.`,
      evidence: bounded(evidence),
    };
  },
};
