import { isNodeReady, zoneOf } from '../../engine/SnapshotIndex';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew, plural } from '../shared/evidence';
import { nodeName, nodeRef } from './nodeHelpers';

/** `nodes.zone-spread` @public */
export const zoneSpread: ReadinessCheck = {
  id: 'nodes.zone-spread',
  title: 'Worker nodes spread over three zones',
  category: 'nodes',
  severity: 'medium',
  description:
    'Worker nodes in several failure zones let workloads survive the loss of a zone. Zones are counted among ready worker nodes (cordoned ones included, since they still run pods) from the label topology.kubernetes.io/zone, else failure-domain.beta.kubernetes.io/zone; a node with neither has no zone. How evenly nodes are spread is not judged.',
  rule: 'Distinct zones among ready worker nodes: ≥3 pass; 2 warn; 1 or 0 (including no ready workers, or no zone labels) fail.',
  remediation:
    'https://kubernetes.io/docs/setup/best-practices/multiple-zones/',
  reads: ['nodes'],
  evaluate({ index }) {
    const byZone = new Map<
      string,
      { first: string; label: string; count: number }
    >();
    const unzoned: string[] = [];
    let ready = 0;
    for (const n of index.workerNodes) {
      if (!isNodeReady(n)) continue;
      ready++;
      const zone = zoneOf(n);
      if (zone === undefined || zone === '') {
        unzoned.push(nodeName(n));
        continue;
      }
      const seen = byZone.get(zone);
      if (seen) {
        seen.count++;
      } else {
        const label =
          n.metadata?.labels?.['topology.kubernetes.io/zone'] !== undefined
            ? 'topology.kubernetes.io/zone'
            : 'failure-domain.beta.kubernetes.io/zone';
        byZone.set(zone, { first: nodeName(n), label, count: 1 });
      }
    }
    const zones = [...byZone.keys()].sort();
    const evidence = bounded([
      ...zones.map(z => {
        const { first, label, count } = byZone.get(z)!;
        const more =
          count > 1 ? ` (+${count - 1} more ready workers in ${z})` : '';
        return `Node/${first} .metadata.labels[${label}] ${z}${more}`;
      }),
      ...unzoned.map(
        n => `Node/${n} .metadata.labels: no topology.kubernetes.io/zone`,
      ),
    ]);
    const unzonedNote = unzoned.length
      ? `; ${plural(unzoned.length, 'ready worker')} without a zone label`
      : '';
    if (ready === 0) {
      return {
        status: 'fail',
        message:
          'No ready worker nodes, so workloads have no zone redundancy; add ready workers in at least three zones.',
        evidence: bounded(
          index.workerNodes.map(n => `${nodeRef(n)} .status.conditions[Ready]`),
        ),
      };
    }
    const what = `Ready workers span ${plural(zones.length, 'zone')}${
      zones.length ? ` (${nameFew(zones, 5)})` : ''
    }${unzonedNote}`;
    if (zones.length >= 3) {
      return { status: 'pass', message: `${what}.`, evidence };
    }
    if (zones.length === 2) {
      return {
        status: 'warn',
        message: `${what}: losing one zone halves capacity; add workers in a third zone.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `${what}: one zone outage stops every workload; spread workers over at least three zones and label them topology.kubernetes.io/zone.`,
      evidence,
    };
  },
};
