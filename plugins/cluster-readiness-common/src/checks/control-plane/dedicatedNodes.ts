import type { ReadinessCheck } from '../ReadinessCheck';
import { isPodTerminated } from '../../engine/SnapshotIndex';
import { requiredGrant } from '../../snapshot/resources';
import type { NodeObject } from '../../snapshot/kube';
import { nameFew } from '../shared/evidence';
import { controlPlaneHosts, podRef } from './controlPlaneHelpers';

const ROLE_TAINT_KEYS = new Set([
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
]);
const BLOCKING_EFFECTS = new Set(['NoSchedule', 'NoExecute']);

function hasRoleTaint(node: NodeObject): boolean {
  return (node.spec?.taints ?? []).some(
    t =>
      ROLE_TAINT_KEYS.has(t.key ?? '') && BLOCKING_EFFECTS.has(t.effect ?? ''),
  );
}

/** `control-plane.dedicated-nodes` @public */
export const dedicatedNodes: ReadinessCheck = {
  id: 'control-plane.dedicated-nodes',
  title: 'Control-plane nodes run no workloads',
  category: 'control-plane',
  severity: 'high',
  controlPlane: true,
  description:
    'Workloads that share a host with the API server, etcd and the controllers compete with them for CPU, memory and disk, and a compromised workload sits next to the cluster keys. Control-plane nodes (label node-role.kubernetes.io/control-plane or /master, plus any unlabelled node that runs a kube-apiserver mirror pod) should carry the role taint so that only system DaemonSets land there. A pod counts as a workload on a control-plane node when it is bound there (spec.nodeName), is not Succeeded or Failed, is a workload pod (outside the system namespaces, including openshift-*, and neither a mirror pod nor owned by a DaemonSet). When the taints are already there, the message says so instead of advising to add them. Only NoSchedule and NoExecute taints with the role key count; PreferNoSchedule does not keep pods away. A single-node cluster fails from the node list alone; otherwise the pod list is needed.',
  rule: 'fail: the cluster has a single node, or a running workload pod (no mirror or DaemonSet pod, not in a system namespace) is bound to a control-plane node. warn: a control-plane node lacks a NoSchedule/NoExecute taint with key node-role.kubernetes.io/control-plane (or /master). pass: otherwise. unknown: pods not readable (and more than one node).',
  remediation:
    'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
  reads: ['nodes'],
  evaluate({ index }) {
    const nodes = index.nodes;
    if (nodes.length === 1) {
      const name = nodes[0].metadata?.name;
      return {
        status: 'fail',
        message: `The cluster has a single node (${name}): workloads and the control plane share one host; add dedicated control-plane and worker nodes.`,
        evidence: [`Node/${name} .metadata.labels`],
      };
    }
    const hosts = controlPlaneHosts(index);
    if (index.state('pods') !== 'collected') {
      return {
        status: 'unknown',
        message: `Cannot see which pods run on the control-plane nodes: ${requiredGrant(
          'pods',
        )} ${
          index.state('pods') === 'failed' ? 'was denied' : 'was not collected'
        }.`,
        missingReads: [requiredGrant('pods')],
        evidence: hosts.map(h => `Node/${h.name} .spec.taints`),
      };
    }

    const workloads: string[] = [];
    const untainted: string[] = [];
    const evidence: string[] = [];
    for (const { name, node } of hosts) {
      evidence.push(`Node/${name} .spec.taints`);
      if (node && !hasRoleTaint(node)) untainted.push(name);
      for (const pod of index.podsByNode.get(name) ?? []) {
        if (isPodTerminated(pod) || !index.isWorkloadPod(pod)) continue;
        workloads.push(
          `${pod.metadata?.namespace}/${pod.metadata?.name} on ${name}`,
        );
        evidence.push(`${podRef(pod)} .spec.nodeName`);
      }
    }

    if (workloads.length) {
      const advice = untainted.length
        ? 'taint the control-plane nodes with node-role.kubernetes.io/control-plane:NoSchedule and move these workloads to workers'
        : 'the control-plane nodes already carry the role taint, so these pods tolerate it or name their node: remove the toleration or nodeName and move them to workers';
      return {
        status: 'fail',
        message: `${
          workloads.length
        } workload pod(s) run on control-plane nodes (${nameFew(
          workloads,
        )}); ${advice}.`,
        evidence,
      };
    }
    if (untainted.length) {
      return {
        status: 'warn',
        message: `Control-plane node(s) ${nameFew(
          untainted,
        )} lack a NoSchedule taint node-role.kubernetes.io/control-plane, so workloads may be scheduled there; add the taint.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `${hosts.length} control-plane node(s) are tainted and run only system or DaemonSet pods.`,
      evidence,
    };
  },
};
