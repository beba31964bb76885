import { isNodeReady, isPodTerminated } from '../../engine/SnapshotIndex';
import { objectRef } from '../../engine/labels';
import { parseQuantity } from '../../engine/quantity';
import type { NodeObject, PodObject } from '../../snapshot/kube';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew, plural } from '../shared/evidence';
import { nodeName, nodeRef } from './nodeHelpers';

/** Per resource: how a quantity becomes an integer amount (millicores, bytes). */
const RESOURCES = [
  { name: 'cpu', label: 'CPU', scale: 1000 },
  { name: 'memory', label: 'memory', scale: 1 },
] as const;

const WARN_PERCENT = 80n;
const FAIL_PERCENT = 90n;

/** A quantity in integer units (rounded); 0 when absent or not a quantity. */
function amount(value: unknown, scale: number): bigint {
  const q = parseQuantity(value);
  if (q === undefined || !Number.isFinite(q) || q <= 0) return 0n;
  return BigInt(Math.round(q * scale));
}

/** `amount`, memoised: pods of one workload repeat the same few quantity strings. */
function amountReader(): (value: unknown, scale: number) => bigint {
  const cache = new Map<string, bigint>();
  return (value, scale) => {
    if (typeof value !== 'string') return amount(value, scale);
    const key = `${scale}:${value}`;
    let hit = cache.get(key);
    if (hit === undefined) cache.set(key, (hit = amount(value, scale)));
    return hit;
  };
}

function isUnschedulable(pod: PodObject): boolean {
  return (
    pod.status?.phase === 'Pending' &&
    (pod.status?.conditions ?? []).some(
      c =>
        c.type === 'PodScheduled' &&
        c.status === 'False' &&
        c.reason === 'Unschedulable',
    )
  );
}

/** `requested ÷ allocatable` as a percentage rounded down to one decimal, for messages. */
function percentText(requested: bigint, allocatable: bigint): string {
  return `${Number((requested * 1000n) / allocatable) / 10} %`;
}

/** `nodes.capacity-headroom` @public */
export const capacityHeadroom: ReadinessCheck = {
  id: 'nodes.capacity-headroom',
  title: 'Headroom in node capacity',
  category: 'nodes',
  severity: 'high',
  description:
    'Without spare capacity a node failure, a rollout surge or a traffic peak leaves pods Pending. Requested = the sum of spec.containers[*].resources.requests (cpu and memory) of pods that are not Succeeded or Failed and whose spec.nodeName is a ready worker node; allocatable = the sum of status.allocatable of those nodes. When the cluster has no worker nodes at all, all ready nodes are used. Init containers (sidecars included) and pod overhead are not counted, and cordoned nodes still count if Ready. Exactly 80 % warns and exactly 90 % fails. A resource that no node reports as allocatable is left out; with neither reported the result is unknown. When nodes exist but none of them is a ready worker, there is no capacity: fail.',
  rule: 'Highest of CPU and memory requested ÷ allocatable: < 80 % pass, 80–90 % warn, ≥ 90 % fail. Any pod Pending with PodScheduled=False reason Unschedulable: at least warn. No nodes: not-applicable.',
  remediation:
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  reads: ['nodes', 'pods'],
  evaluate({ index }) {
    if (index.nodes.length === 0) {
      return { status: 'not-applicable', message: 'No nodes to measure.' };
    }
    const noWorkers = index.workerNodes.length === 0;
    const candidates = noWorkers ? index.nodes : index.workerNodes;
    const pool = new Map<string, NodeObject>();
    for (const n of candidates) {
      if (isNodeReady(n)) pool.set(nodeName(n), n);
    }
    const poolName = noWorkers ? 'ready node' : 'ready worker node';

    const pending: string[] = [];
    const pendingEvidence: string[] = [];
    const read = amountReader();
    const requested = [0n, 0n];
    let counted = 0;
    for (const pod of index.pods) {
      if (isUnschedulable(pod)) {
        const ref = objectRef(pod, 'Pod');
        pending.push(ref);
        pendingEvidence.push(
          `${ref} .status.conditions[PodScheduled] False (Unschedulable)`,
        );
        continue;
      }
      const on = pod.spec?.nodeName;
      if (!on || !pool.has(on) || isPodTerminated(pod)) continue;
      counted++;
      for (const c of pod.spec?.containers ?? []) {
        const requests = c.resources?.requests;
        if (!requests) continue;
        RESOURCES.forEach((r, i) => {
          requested[i] += read(requests[r.name], r.scale);
        });
      }
    }
    const allocatable = [0n, 0n];
    for (const n of pool.values()) {
      RESOURCES.forEach((r, i) => {
        allocatable[i] += amount(n.status?.allocatable?.[r.name], r.scale);
      });
    }

    const pendingNote = pending.length
      ? `; ${plural(pending.length, 'pod')} Pending as Unschedulable (${nameFew(
          pending,
        )})`
      : '';
    const nodeEvidence = [...pool.values()].map(
      n =>
        `${nodeRef(n)} .status.allocatable cpu ${
          n.status?.allocatable?.cpu ?? 'missing'
        }, memory ${n.status?.allocatable?.memory ?? 'missing'}`,
    );
    const podEvidence = `Pod/* .spec.containers[*].resources.requests (${plural(
      counted,
      'non-terminated pod',
    )} on ${plural(pool.size, poolName)})`;
    const evidence = bounded([
      ...pendingEvidence,
      podEvidence,
      ...nodeEvidence,
    ]);

    if (pool.size === 0) {
      return {
        status: 'fail',
        message: `No ${poolName}: there is no capacity to schedule workloads; repair or add nodes${pendingNote}.`,
        evidence: bounded([
          ...pendingEvidence,
          ...candidates.map(
            n => `${nodeRef(n)} .status.conditions[Ready] not True`,
          ),
        ]),
      };
    }

    const measured = RESOURCES.map((r, i) => ({
      ...r,
      requested: requested[i],
      allocatable: allocatable[i],
    })).filter(m => m.allocatable > 0n);
    if (measured.length === 0) {
      return {
        status: 'unknown',
        message: `No ${poolName} reports allocatable CPU or memory (status.allocatable), so headroom cannot be measured${pendingNote}.`,
        evidence,
      };
    }
    // The most used resource decides; compare integers so that 80 % and 90 % are exact.
    const worst = measured.reduce((a, b) =>
      b.requested * a.allocatable > a.requested * b.allocatable ? b : a,
    );
    const usage = measured
      .map(m => `${m.label} ${percentText(m.requested, m.allocatable)}`)
      .join(', ');
    const what = `Requests use ${usage} of allocatable on ${plural(
      pool.size,
      poolName,
    )}`;
    if (worst.requested * 100n >= worst.allocatable * FAIL_PERCENT) {
      return {
        status: 'fail',
        message: `${what}: ${worst.label} is at or above ${FAIL_PERCENT} %, so a node failure or rollout leaves pods Pending; add nodes or enable autoscaling${pendingNote}.`,
        evidence,
      };
    }
    if (worst.requested * 100n >= worst.allocatable * WARN_PERCENT) {
      return {
        status: 'warn',
        message: `${what}: ${worst.label} is at or above ${WARN_PERCENT} %; add capacity before a node failure or rollout runs out of room${pendingNote}.`,
        evidence,
      };
    }
    if (pending.length) {
      return {
        status: 'warn',
        message: `${what}, but ${plural(
          pending.length,
          'pod',
        )} cannot be scheduled (${nameFew(
          pending,
        )}); add capacity or fix their constraints (node selectors, affinity, taints).`,
        evidence,
      };
    }
    return { status: 'pass', message: `${what}.`, evidence };
  },
};
