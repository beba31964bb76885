import { objectRef } from '../../engine/labels';
import type { WorkloadObject } from '../../snapshot/kube';
import { requiredGrant } from '../../snapshot/resources';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew, plural } from '../shared/evidence';
import { describeUnreadable } from '../shared/unreadable';
import { nodeName, nodeRef } from './nodeHelpers';

const NPD = 'node-problem-detector';

/** Node condition types that node-problem-detector sets (its default monitors). */
const NPD_CONDITIONS: ReadonlySet<string> = new Set([
  'KernelDeadlock',
  'ReadonlyFilesystem',
  'FrequentKubeletRestart',
  'FrequentDockerRestart',
  'FrequentContainerdRestart',
  'CorruptDockerOverlay2',
]);

function isNpdDaemonSet(ds: WorkloadObject): boolean {
  const matches = (labels: Record<string, string> | undefined) =>
    labels?.app === NPD || labels?.['app.kubernetes.io/name'] === NPD;
  return (
    (ds.metadata?.name ?? '').includes(NPD) ||
    matches(ds.metadata?.labels) ||
    matches(ds.spec?.template?.metadata?.labels)
  );
}

/** `nodes.problem-detector` @public */
export const problemDetector: ReadinessCheck = {
  id: 'nodes.problem-detector',
  title: 'Node problem detector runs',
  category: 'nodes',
  severity: 'medium',
  description:
    'node-problem-detector (NPD) turns kernel deadlocks, read-only filesystems and runtime restart loops into node conditions that operators and remediation tools can act on. NPD is present when a DaemonSet is named with node-problem-detector or labelled app=node-problem-detector or app.kubernetes.io/name=node-problem-detector (on the DaemonSet or its pod template), or when any node carries an NPD condition type (KernelDeadlock, ReadonlyFilesystem, FrequentKubeletRestart, FrequentDockerRestart, FrequentContainerdRestart, CorruptDockerOverlay2), which also covers NPD run outside Kubernetes (as on GKE). An NPD DaemonSet counts as not fully ready when status.numberReady < status.desiredNumberScheduled, or when it is scheduled on no node at all. DaemonSets are read only as evidence: when their read is denied, node conditions alone decide, and the result is unknown only if they show no NPD.',
  rule: 'fail: no NPD, or an NPD condition is True on any node. warn: an NPD DaemonSet has numberReady < desiredNumberScheduled. pass: otherwise.',
  remediation:
    'https://kubernetes.io/docs/tasks/debug/debug-cluster/monitor-node-health/',
  reads: ['nodes'],
  looksAt: ['daemonsets.apps'],
  evaluate({ index }) {
    const active: string[] = [];
    const activeEvidence: string[] = [];
    const conditionEvidence: string[] = [];
    let nodesWithNpdConditions = 0;
    for (const n of index.nodes) {
      let seen = false;
      for (const c of n.status?.conditions ?? []) {
        if (!NPD_CONDITIONS.has(c.type ?? '')) continue;
        seen = true;
        if (c.status === 'True') {
          active.push(`${nodeName(n)} ${c.type}`);
          activeEvidence.push(
            `${nodeRef(n)} .status.conditions[${c.type}] True${
              c.reason ? ` (${c.reason})` : ''
            }`,
          );
        }
      }
      if (seen) {
        nodesWithNpdConditions++;
        if (conditionEvidence.length === 0) {
          conditionEvidence.push(
            `${nodeRef(n)} .status.conditions: NPD condition types reported`,
          );
        }
      }
    }
    if (nodesWithNpdConditions > 1) {
      conditionEvidence[0] += ` (and on ${plural(
        nodesWithNpdConditions - 1,
        'other node',
      )})`;
    }

    const dsReadable = index.state('daemonsets.apps') === 'collected';
    const daemonSets = dsReadable
      ? index.items<WorkloadObject>('daemonsets.apps').filter(isNpdDaemonSet)
      : [];
    const notReady: string[] = [];
    const dsEvidence: string[] = [];
    for (const ds of daemonSets) {
      const ready = ds.status?.numberReady ?? 0;
      const desired = ds.status?.desiredNumberScheduled ?? 0;
      const ref = objectRef(ds, 'DaemonSet');
      dsEvidence.push(
        `${ref} .status.numberReady ${ready} / .status.desiredNumberScheduled ${desired}`,
      );
      if (desired === 0 || ready < desired) {
        notReady.push(`${ref} (${ready}/${desired} ready)`);
      }
    }

    const evidence = bounded([
      ...activeEvidence,
      ...dsEvidence,
      ...conditionEvidence,
    ]);
    if (active.length) {
      return {
        status: 'fail',
        message: `node-problem-detector reports problems on ${plural(
          active.length,
          'node condition',
        )}: ${nameFew(active)}; fix or replace the affected nodes.`,
        evidence,
      };
    }
    if (daemonSets.length === 0 && nodesWithNpdConditions === 0) {
      if (!dsReadable) {
        return {
          status: 'unknown',
          message: `No node shows node-problem-detector conditions and its DaemonSet cannot be looked for: ${describeUnreadable(
            index,
            'daemonsets.apps',
          )}.`,
          missingReads: [requiredGrant('daemonsets.apps')],
          evidence,
        };
      }
      return {
        status: 'fail',
        message:
          'No node-problem-detector: node kernel, filesystem and runtime problems go unreported; deploy it as a DaemonSet.',
        evidence,
      };
    }
    if (notReady.length) {
      return {
        status: 'warn',
        message: `node-problem-detector is not ready on every node: ${nameFew(
          notReady,
        )}; check why its pods are not running.`,
        evidence,
      };
    }
    const source = daemonSets.length
      ? nameFew(daemonSets.map(ds => objectRef(ds, 'DaemonSet')))
      : `conditions on ${plural(nodesWithNpdConditions, 'node')}`;
    const dsNote = dsReadable
      ? ''
      : ` (DaemonSet readiness not checked: ${describeUnreadable(
          index,
          'daemonsets.apps',
        )})`;
    return {
      status: 'pass',
      message: `node-problem-detector runs (${source}) and reports no node problem${dsNote}.`,
      evidence,
    };
  },
};
