import { objectRef } from '../../engine/labels';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew } from '../shared/evidence';
import { unreadable } from '../shared/unreadable';
import { dnsDeployments } from './helpers';

const DEPLOYMENTS = 'deployments.apps';
const HPAS = 'horizontalpodautoscalers.autoscaling';
const DAEMONSETS = 'daemonsets.apps';
/** Names of the DNS Deployment in kubeadm, kube-up and the managed offerings. */
const CONVENTIONAL_DNS_NAMES = ['coredns', 'kube-dns'];

/** `resource-limits.dns-autoscaling` @public */
export const dnsAutoscaling: ReadinessCheck = {
  id: 'resource-limits.dns-autoscaling',
  title: 'Cluster DNS scales with the cluster',
  category: 'resource-limits',
  severity: 'medium',
  description:
    'DNS load grows with nodes and pods; a fixed number of DNS replicas that was enough at install time becomes a bottleneck when workloads scale up. Evidence of DNS scaling: a Deployment in kube-system whose name contains `dns-autoscaler` (cluster-proportional-autoscaler), a HorizontalPodAutoscaler in kube-system whose `spec.scaleTargetRef` is the Deployment kind and the name of the DNS Deployment (labelled `k8s-app=kube-dns`), or a DaemonSet named `node-local-dns` in any namespace (NodeLocal DNSCache). Each source is read on its own: evidence from any readable source passes even when another read was denied. When Deployments are unreadable, an HPA targeting a Deployment named `coredns` or `kube-dns` counts (the conventional DNS names). No evidence: unknown if a source was unreadable, else warn.',
  rule: 'pass: a dns-autoscaler Deployment in kube-system, an HPA targeting the DNS Deployment, or a node-local-dns DaemonSet. warn: none of them. unknown: none seen and one of the three sources unreadable.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/dns-horizontal-autoscaling/',
  reads: [],
  looksAt: [
    'deployments.apps',
    'horizontalpodautoscalers.autoscaling',
    'daemonsets.apps',
  ],
  evaluate({ index }) {
    const found: string[] = [];
    const lookedAt: string[] = [];
    const unread: Array<{ reason: string; grant: string }> = [];

    const deploymentsUnread = unreadable(index, DEPLOYMENTS);
    let dnsNames = CONVENTIONAL_DNS_NAMES;
    if (deploymentsUnread) {
      unread.push(deploymentsUnread);
    } else {
      for (const d of index.byNamespace(DEPLOYMENTS).get('kube-system') ?? []) {
        if (d.metadata?.name?.includes('dns-autoscaler')) {
          found.push(`${objectRef(d, 'Deployment')} .metadata.name`);
        }
      }
      dnsNames = dnsDeployments(index).map(d => d.metadata?.name ?? '');
      lookedAt.push('Deployment/kube-system/* .metadata.name');
    }

    const hpasUnread = unreadable(index, HPAS);
    if (hpasUnread) {
      unread.push(hpasUnread);
    } else {
      for (const hpa of index.byNamespace(HPAS).get('kube-system') ?? []) {
        const target = hpa.spec?.scaleTargetRef;
        if (target?.kind === 'Deployment' && dnsNames.includes(target.name)) {
          const inferred = deploymentsUnread
            ? ' (DNS Deployment inferred from its name)'
            : '';
          found.push(
            `${objectRef(
              hpa,
              'HorizontalPodAutoscaler',
            )} .spec.scaleTargetRef = Deployment/${target.name}${inferred}`,
          );
        }
      }
      lookedAt.push(
        'HorizontalPodAutoscaler/kube-system/* .spec.scaleTargetRef',
      );
    }

    const daemonSetsUnread = unreadable(index, DAEMONSETS);
    if (daemonSetsUnread) {
      unread.push(daemonSetsUnread);
    } else {
      for (const ds of index.items(DAEMONSETS)) {
        if (ds.metadata?.name === 'node-local-dns') {
          found.push(`${objectRef(ds, 'DaemonSet')} .metadata.name`);
        }
      }
      lookedAt.push('DaemonSet/*/node-local-dns');
    }

    if (found.length) {
      return {
        status: 'pass',
        message: `The cluster DNS scales with the cluster: ${nameFew(
          found.map(f => f.split(' ')[0]),
        )}.`,
        evidence: bounded(found),
      };
    }
    if (unread.length) {
      return {
        status: 'unknown',
        message: `No DNS autoscaling seen in what was readable, but ${unread
          .map(u => u.reason)
          .join('; ')}.`,
        evidence: lookedAt,
        missingReads: unread.map(u => u.grant),
      };
    }
    const target = dnsNames.length
      ? `the DNS Deployment (${nameFew(dnsNames)})`
      : 'a DNS Deployment (none labelled k8s-app=kube-dns)';
    return {
      status: 'warn',
      message: `No DNS autoscaling: no dns-autoscaler Deployment, no HPA on ${target}, no node-local-dns DaemonSet; deploy the DNS horizontal autoscaler.`,
      evidence: lookedAt,
    };
  },
};
