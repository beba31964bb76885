import { objectRef } from '../../engine/labels';
import type { KubeObject, WorkloadObject } from '../../snapshot/kube';
import { requiredGrant } from '../../snapshot/resources';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew } from '../shared/evidence';
import { describeUnreadable } from '../shared/unreadable';
import { readable } from './nodeHelpers';

const DEPLOYMENTS = 'deployments.apps';
const CONFIGMAPS = 'configmaps';
const NODEPOOLS = 'nodepools.karpenter.sh';

function isAutoscalerDeployment(d: WorkloadObject): boolean {
  const name = d.metadata?.name ?? '';
  return name.includes('cluster-autoscaler') || name.includes('karpenter');
}

/** `nodes.autoscaling` @public */
export const autoscaling: ReadinessCheck = {
  id: 'nodes.autoscaling',
  title: 'Node autoscaling is in place',
  category: 'nodes',
  severity: 'medium',
  description:
    'A node autoscaler adds workers when pods cannot be scheduled and removes idle ones. Evidence, from any source that was read: a Deployment (any namespace) whose name contains cluster-autoscaler (so Helm releases such as <release>-aws-cluster-autoscaler count) or karpenter; the ConfigMap kube-system/cluster-autoscaler-status that the Cluster Autoscaler writes (also on managed offerings that run it for you); or any Karpenter NodePool (nodepools.karpenter.sh). The NodePool CRD and the status ConfigMap are often absent, which is fine: not collected or 404 counts as none. Whether the autoscaler is healthy is not judged.',
  rule: 'pass: any of the evidence above. warn: none. unknown: no evidence and Deployments, the ConfigMap or NodePools (other than absent) could not be read.',
  remediation:
    'https://kubernetes.io/docs/concepts/cluster-administration/node-autoscaling/',
  reads: [],
  looksAt: ['deployments.apps', 'configmaps', 'nodepools.karpenter.sh'],
  evaluate({ index }) {
    const found: string[] = [];
    const evidence: string[] = [];
    if (readable(index, DEPLOYMENTS)) {
      for (const d of index.items<WorkloadObject>(DEPLOYMENTS)) {
        if (!isAutoscalerDeployment(d)) continue;
        const ref = objectRef(d, 'Deployment');
        found.push(ref);
        evidence.push(
          `${ref} .metadata.name (.status.readyReplicas ${
            d.status?.readyReplicas ?? 0
          })`,
        );
      }
    }
    if (readable(index, CONFIGMAPS)) {
      const status = index
        .items<KubeObject>(CONFIGMAPS)
        .find(
          c =>
            c.metadata?.namespace === 'kube-system' &&
            c.metadata?.name === 'cluster-autoscaler-status',
        );
      if (status) {
        found.push('ConfigMap/kube-system/cluster-autoscaler-status');
        evidence.push(
          'ConfigMap/kube-system/cluster-autoscaler-status .data.status',
        );
      }
    }
    const nodePools = readable(index, NODEPOOLS) ? index.items(NODEPOOLS) : [];
    for (const np of nodePools) {
      evidence.push(`${objectRef(np, 'NodePool')} (karpenter.sh)`);
    }
    if (nodePools.length) {
      found.push(
        `${nodePools.length} Karpenter NodePool${
          nodePools.length === 1 ? '' : 's'
        }`,
      );
    }
    if (found.length) {
      return {
        status: 'pass',
        message: `Node autoscaling is in place: ${nameFew(found)}.`,
        evidence: bounded(evidence),
      };
    }
    const unread = [DEPLOYMENTS, CONFIGMAPS].filter(k => !readable(index, k));
    if (index.state(NODEPOOLS) === 'failed' && !readable(index, NODEPOOLS)) {
      unread.push(NODEPOOLS);
    }
    if (unread.length) {
      return {
        status: 'unknown',
        message: `No node autoscaler found in what was read, but ${unread
          .map(k => describeUnreadable(index, k))
          .join('; ')}.`,
        missingReads: unread.map(requiredGrant),
      };
    }
    return {
      status: 'warn',
      message:
        'No node autoscaler (Cluster Autoscaler or Karpenter): workers are not added when pods cannot be scheduled; deploy one or document manual capacity planning.',
      evidence: [
        `${DEPLOYMENTS} .metadata.name: none contains cluster-autoscaler or karpenter`,
        'ConfigMap/kube-system/cluster-autoscaler-status: absent',
        `${NODEPOOLS}: none`,
      ],
    };
  },
};
