import type { ReadinessCheck } from '../ReadinessCheck';
import type { KubeObject } from '../../snapshot/kube';
import { requiredGrant } from '../../snapshot/resources';
import { formatDuration, parseTime, podRef } from './controlPlaneHelpers';

const COMPONENTS = ['kube-scheduler', 'kube-controller-manager'] as const;
/** client-go's default leader-election lease duration, used when the field is absent. */
const DEFAULT_LEASE_SECONDS = 15;

/** `control-plane.leader-election` @public */
export const leaderElection: ReadinessCheck = {
  id: 'control-plane.leader-election',
  title: 'Scheduler and controller manager elect a live leader with a standby',
  category: 'control-plane',
  severity: 'medium',
  controlPlane: true,
  description:
    'kube-scheduler and kube-controller-manager run active/standby: one instance holds the Lease of its name in kube-system and renews it, the others wait to take over. A missing Lease, a Lease without holder (spec.holderIdentity empty) or one not renewed for max(60 s, 4 × spec.leaseDurationSeconds) means the component is not running or cannot reach the API server. A Lease renewed exactly at that limit still counts as fresh; an absent leaseDurationSeconds is taken as 15 s (the client-go default), and an absent renewTime as never renewed. With both leaders fresh, fewer than two mirror pods of either component means there is no standby; telling that apart from a healthy pair needs the pod list. A single server (v2: exactly one API server instance, e.g. one k3s server) runs without election, so both Leases missing there warns that there is no standby rather than failing with no live leader.',
  rule: 'warn (v2): both Leases missing while there is exactly one API server instance (single server, no standby). fail: Lease kube-system/kube-scheduler or kube-system/kube-controller-manager missing, without holder, or renewTime older than reference time − max(60 s, 4 × leaseDurationSeconds). warn: both fresh but fewer than 2 mirror pods of kube-scheduler or of kube-controller-manager. pass: otherwise. unknown: leases not readable, or both fresh and pods not readable.',
  remediation: 'https://kubernetes.io/docs/concepts/architecture/leases/',
  reads: ['leases.coordination.k8s.io'],
  evaluate({ index, referenceTime }) {
    const byName = new Map<string, KubeObject>();
    for (const lease of index.items('leases.coordination.k8s.io')) {
      if (lease.metadata?.namespace === 'kube-system') {
        byName.set(lease.metadata.name ?? '', lease);
      }
    }

    const instances = index.apiServerInstances;
    if (COMPONENTS.every(c => !byName.has(c)) && instances?.count === 1) {
      return {
        status: 'warn',
        message: `A single server (1 API server instance, from ${instances.source}) runs the scheduler and controller manager without leader election, so there is no standby to take over when it fails; add control-plane servers.`,
        evidence: [
          ...COMPONENTS.map(c => `Lease/kube-system/${c} (absent)`),
          ...instances.evidence,
        ],
      };
    }

    const problems: string[] = [];
    const evidence: string[] = [];
    for (const component of COMPONENTS) {
      const lease = byName.get(component);
      const ref = `Lease/kube-system/${component}`;
      if (!lease) {
        problems.push(`${component} has no Lease`);
        evidence.push(`${ref} (absent)`);
        continue;
      }
      const holder = lease.spec?.holderIdentity;
      if (typeof holder !== 'string' || holder === '') {
        problems.push(`${component} Lease has no holder`);
        evidence.push(`${ref} .spec.holderIdentity`);
        continue;
      }
      const renew = parseTime(lease.spec?.renewTime);
      const duration = Number(lease.spec?.leaseDurationSeconds);
      const seconds =
        Number.isFinite(duration) && duration > 0
          ? duration
          : DEFAULT_LEASE_SECONDS;
      const windowMs = Math.max(60, 4 * seconds) * 1000;
      evidence.push(`${ref} .spec.renewTime`);
      if (renew === undefined) {
        problems.push(
          `${component} Lease (holder ${holder}) was never renewed`,
        );
      } else if (renew < referenceTime - windowMs) {
        problems.push(
          `${component} Lease (holder ${holder}) was last renewed ${formatDuration(
            referenceTime - renew,
          )} ago (limit ${formatDuration(windowMs)})`,
        );
      }
    }
    if (problems.length) {
      return {
        status: 'fail',
        message: `No live leader: ${problems.join(
          '; ',
        )}; check that the component runs and can reach the API server.`,
        evidence,
      };
    }

    if (index.state('pods') !== 'collected') {
      return {
        status: 'unknown',
        message: `Both leaders renew their Leases, but standbys cannot be counted: ${requiredGrant(
          'pods',
        )} ${
          index.state('pods') === 'failed' ? 'was denied' : 'was not collected'
        }.`,
        evidence,
        missingReads: [requiredGrant('pods')],
      };
    }
    const short: string[] = [];
    for (const component of COMPONENTS) {
      const pods = index.mirrorPods(component);
      for (const pod of pods)
        evidence.push(`${podRef(pod)} .metadata.labels.component`);
      if (pods.length < 2)
        short.push(`${component} (${pods.length} mirror pod(s))`);
    }
    if (short.length) {
      return {
        status: 'warn',
        message: `Leaders are live but there is no standby for ${short.join(
          ' and ',
        )}; run the component on at least two control-plane nodes.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `kube-scheduler and kube-controller-manager each have a live leader and at least one standby.`,
      evidence,
    };
  },
};
