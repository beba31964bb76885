import { isNodeSchedulable } from '../../engine/SnapshotIndex';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew, plural } from '../shared/evidence';
import { nodeName, nodeRef } from './nodeHelpers';

const PROBLEM_CONDITIONS = [
  'MemoryPressure',
  'DiskPressure',
  'PIDPressure',
  'NetworkUnavailable',
] as const;

/** `nodes.conditions` @public */
export const conditions: ReadinessCheck = {
  id: 'nodes.conditions',
  title: 'Nodes are healthy and schedulable',
  category: 'nodes',
  severity: 'high',
  description:
    'Every node, control-plane nodes included, should report Ready and no resource pressure; a cordoned node takes no new pods and is usually a drain or repair left half done. A node is not Ready when its Ready condition is False, Unknown (the kubelet stopped reporting) or missing. A cluster with no nodes has nothing to check (not-applicable).',
  rule: 'fail: any node not Ready, or with MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable = True. warn: any node cordoned (spec.unschedulable). pass: otherwise.',
  remediation:
    'https://kubernetes.io/docs/reference/node/node-status/#condition',
  reads: ['nodes'],
  evaluate({ index }) {
    const nodes = index.nodes;
    if (nodes.length === 0) {
      return { status: 'not-applicable', message: 'No nodes to check.' };
    }
    const broken: string[] = [];
    const brokenEvidence: string[] = [];
    const cordoned: string[] = [];
    const cordonedEvidence: string[] = [];
    for (const n of nodes) {
      const problems: string[] = [];
      const ready = (n.status?.conditions ?? []).find(c => c.type === 'Ready');
      if (ready?.status !== 'True') {
        problems.push('NotReady');
        brokenEvidence.push(
          `${nodeRef(n)} .status.conditions[Ready] ${
            ready?.status ?? 'missing'
          }${ready?.reason ? ` (${ready.reason})` : ''}`,
        );
      }
      for (const c of n.status?.conditions ?? []) {
        if (
          c.status === 'True' &&
          (PROBLEM_CONDITIONS as readonly string[]).includes(c.type ?? '')
        ) {
          problems.push(c.type!);
          brokenEvidence.push(
            `${nodeRef(n)} .status.conditions[${c.type}] True`,
          );
        }
      }
      if (problems.length)
        broken.push(`${nodeName(n)} (${problems.join(', ')})`);
      if (!isNodeSchedulable(n)) {
        cordoned.push(nodeName(n));
        cordonedEvidence.push(`${nodeRef(n)} .spec.unschedulable true`);
      }
    }
    const cordonNote = cordoned.length
      ? `; also cordoned: ${nameFew(cordoned)}`
      : '';
    if (broken.length) {
      return {
        status: 'fail',
        message: `${plural(broken.length, 'node')} of ${
          nodes.length
        } not Ready or under pressure: ${nameFew(
          broken,
        )}; repair or replace them${cordonNote}.`,
        evidence: bounded([...brokenEvidence, ...cordonedEvidence]),
      };
    }
    if (cordoned.length) {
      return {
        status: 'warn',
        message: `${plural(cordoned.length, 'node')} of ${
          nodes.length
        } cordoned: ${nameFew(
          cordoned,
        )}; finish the maintenance and uncordon, or remove them.`,
        evidence: bounded(cordonedEvidence),
      };
    }
    return {
      status: 'pass',
      message: `All ${plural(
        nodes.length,
        'node',
      )} Ready, schedulable and without pressure.`,
      evidence: bounded(
        nodes.map(n => `${nodeRef(n)} .status.conditions, .spec.unschedulable`),
      ),
    };
  },
};
