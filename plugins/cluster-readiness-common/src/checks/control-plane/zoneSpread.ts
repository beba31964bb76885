import type { ReadinessCheck } from '../ReadinessCheck';
import { zoneOf } from '../../engine/SnapshotIndex';
import { controlPlaneHosts } from './controlPlaneHelpers';

/** `control-plane.zone-spread` @public */
export const zoneSpread: ReadinessCheck = {
  id: 'control-plane.zone-spread',
  title: 'Control plane spread over three zones',
  category: 'control-plane',
  severity: 'medium',
  controlPlane: true,
  description:
    'A control plane (and its stacked etcd quorum) survives the loss of a zone only when its nodes sit in at least three zones. Zones are read from topology.kubernetes.io/zone, else failure-domain.beta.kubernetes.io/zone, of the control-plane nodes: nodes with the control-plane role label, plus any unlabelled node that runs a kube-apiserver mirror pod. Nodes without a zone label add no zone.',
  rule: 'Distinct zones among control-plane nodes: ≥3 pass, 2 warn, ≤1 (or no zone labels) fail.',
  remediation:
    'https://kubernetes.io/docs/setup/best-practices/multiple-zones/',
  reads: ['nodes'],
  evaluate({ index }) {
    const hosts = controlPlaneHosts(index);
    const zones = new Map<string, string[]>();
    const unzoned: string[] = [];
    const evidence: string[] = [];
    for (const { name, node } of hosts) {
      evidence.push(
        `Node/${name} .metadata.labels[topology.kubernetes.io/zone]`,
      );
      const zone = node ? zoneOf(node) : undefined;
      if (!zone) {
        unzoned.push(name);
        continue;
      }
      let members = zones.get(zone);
      if (!members) zones.set(zone, (members = []));
      members.push(name);
    }
    const summary = [...zones.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([zone, names]) => `${zone}: ${names.join(', ')}`)
      .join('; ');
    const of = `${hosts.length} control-plane node(s)`;
    if (zones.size >= 3) {
      return {
        status: 'pass',
        message: `${of} span ${zones.size} zones (${summary}).`,
        evidence,
      };
    }
    if (zones.size === 2) {
      return {
        status: 'warn',
        message: `${of} span only 2 zones (${summary}); losing the larger zone loses the majority: add a control-plane node in a third zone.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message:
        zones.size === 1
          ? `${of} sit in one zone (${summary}${
              unzoned.length ? `; no zone label: ${unzoned.join(', ')}` : ''
            }); one zone outage takes the control plane down: spread the control-plane nodes over 3 zones.`
          : `None of the ${of} carries a topology.kubernetes.io/zone label; spread the control-plane nodes over 3 zones and label them.`,
      evidence,
    };
  },
};
