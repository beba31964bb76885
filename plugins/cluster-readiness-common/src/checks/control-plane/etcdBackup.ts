import type { ReadinessCheck } from '../ReadinessCheck';
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import type { Container, KubeObject } from '../../snapshot/kube';
import { requiredGrant } from '../../snapshot/resources';
import { serverNodeArgs } from '../shared/apiserverFlags';
import { etcdMembers, formatDuration, parseTime } from './controlPlaneHelpers';

const CRONJOBS = 'cronjobs.batch';
const VELERO = 'backups.velero.io';
const PASS_AGE = 24 * 3600_000;
const WARN_AGE = 7 * 24 * 3600_000;

function isBackupCronJob(cj: KubeObject): boolean {
  const name = (cj.metadata?.name ?? '').toLowerCase();
  if (
    name.includes('etcd') &&
    (name.includes('backup') || name.includes('snapshot'))
  ) {
    return true;
  }
  const podSpec = cj.spec?.jobTemplate?.spec?.template?.spec;
  const containers: Container[] = [
    ...(podSpec?.initContainers ?? []),
    ...(podSpec?.containers ?? []),
  ];
  return containers.some(c =>
    /\bsnapshot\s+save\b/.test(
      [...(c.command ?? []), ...(c.args ?? [])].join(' '),
    ),
  );
}

/** Why a source cannot be read, or undefined when it was read or is legitimately absent. */
function unreadable(
  index: SnapshotIndex,
  key: string,
  optional: boolean,
): string | undefined {
  const state = index.state(key);
  if (state === 'collected') return undefined;
  if (state === 'missing')
    return optional ? undefined : `${requiredGrant(key)} was not collected`;
  const error = index.error(key);
  // A 404 means the optional CRD is not installed: there is nothing to read.
  if (optional && error?.code === 404) return undefined;
  return `${requiredGrant(key)} failed (${error?.code} ${error?.reason})`;
}

/** `control-plane.etcd-backup` @public */
export const etcdBackup: ReadinessCheck = {
  id: 'control-plane.etcd-backup',
  title: 'etcd is backed up every day',
  category: 'control-plane',
  severity: 'high',
  controlPlane: true,
  description:
    'etcd holds the whole cluster state; without a recent snapshot, losing the etcd quorum loses the cluster. Backup evidence is a CronJob whose name contains "etcd" and "backup" or "snapshot", or one of whose containers (or init containers) has "snapshot save" in its command and args, or a Velero Backup (backups.velero.io, an optional CRD) with status.phase Completed. The backup age is the reference time minus the newest CronJob status.lastSuccessfulTime or Backup status.completionTimestamp; exactly 24 h still passes and exactly 7 days still warns. A suspended CronJob is not counted as a working backup: it fails when it is the only evidence and is mentioned otherwise. When no evidence is found and a source could not be read (CronJobs not collected or denied, or Velero Backups denied; a missing Velero CRD is fine), the result is unknown; so is (v2) no evidence while a Deployment named velero exists and Velero Backups were not collected. Evidence found in one source decides even if the other could not be read. On k3s/RKE2 (v2), server node-args with --etcd-snapshot-schedule-cron (and --etcd-snapshot-retention ≥ 1, default 5) pass: the server snapshots etcd itself, though the age of its snapshots is not visible. With no etcd (embedded SQLite or an external datastore) the check does not apply.',
  rule: 'pass: newest successful backup ≤ 24 h old, or k3s/RKE2 --etcd-snapshot-schedule-cron with retention ≥ 1. warn: ≤ 7 d. fail: older, never succeeded, only suspended CronJobs, or no evidence. unknown: no evidence and CronJobs or Velero Backups not readable, or Velero installed but its Backups not collected. not-applicable: no etcd.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#backing-up-an-etcd-cluster',
  reads: [],
  looksAt: ['cronjobs.batch', 'backups.velero.io', 'deployments.apps'],
  evaluate({ index, referenceTime }) {
    const members = etcdMembers(index);
    if (members.kind === 'sqlite' || members.kind === 'external-datastore') {
      return {
        status: 'not-applicable',
        message:
          members.kind === 'sqlite'
            ? 'No etcd to back up: the k3s server keeps its state in embedded SQLite (back up its data directory instead).'
            : `No etcd to back up: the cluster keeps its state in an external datastore (${members.endpoint}); back it up with the datastore's tools.`,
        evidence: members.evidence,
      };
    }
    const selfSnapshots = serverNodeArgs(index).filter(a => {
      if (!a.args.get('etcd-snapshot-schedule-cron')) return false;
      if (a.args.get('etcd-disable-snapshots') === 'true') return false;
      const retention = a.args.get('etcd-snapshot-retention');
      // k3s and RKE2 keep 5 snapshots unless told otherwise.
      return retention === undefined || Number(retention) >= 1;
    });
    if (selfSnapshots.length) {
      const first = selfSnapshots[0];
      return {
        status: 'pass',
        message: `The ${
          first.distribution
        } server takes etcd snapshots itself (--etcd-snapshot-schedule-cron ${first.args.get(
          'etcd-snapshot-schedule-cron',
        )}, retention ${
          first.args.get('etcd-snapshot-retention') ?? '5 (default)'
        }); the age of the newest snapshot is not visible from the API, so check it on the servers (${
          first.distribution
        } etcd-snapshot ls) and copy snapshots off the cluster.`,
        evidence: selfSnapshots.map(
          a => `${a.ref} --etcd-snapshot-schedule-cron`,
        ),
      };
    }
    const active: KubeObject[] = [];
    const suspended: KubeObject[] = [];
    for (const cj of index.items(CRONJOBS)) {
      if (!isBackupCronJob(cj)) continue;
      (cj.spec?.suspend === true ? suspended : active).push(cj);
    }
    const completed = index
      .items(VELERO)
      .filter(b => b.status?.phase === 'Completed');

    const evidence: string[] = [];
    let newest: { time: number; what: string } | undefined;
    const timed = [
      ...active.map(obj => ({
        obj,
        kind: 'CronJob',
        field: 'lastSuccessfulTime',
      })),
      ...completed.map(obj => ({
        obj,
        kind: 'Backup',
        field: 'completionTimestamp',
      })),
    ];
    for (const { obj, kind, field } of timed) {
      const ref = `${kind}/${obj.metadata?.namespace}/${obj.metadata?.name}`;
      evidence.push(`${ref} .status.${field}`);
      const time = parseTime(obj.status?.[field]);
      if (time !== undefined && (!newest || time > newest.time)) {
        newest = { time, what: ref };
      }
    }
    for (const cj of suspended) {
      evidence.push(
        `CronJob/${cj.metadata?.namespace}/${cj.metadata?.name} .spec.suspend`,
      );
    }
    const suspendedNote = suspended.length
      ? ` (suspended: ${suspended
          .map(cj => `${cj.metadata?.namespace}/${cj.metadata?.name}`)
          .join(', ')})`
      : '';

    if (!active.length && !completed.length) {
      if (suspended.length) {
        return {
          status: 'fail',
          message: `The etcd backup CronJob is suspended${suspendedNote}; resume it (spec.suspend: false) so that etcd is snapshotted daily.`,
          evidence,
        };
      }
      const velero = index
        .items<KubeObject>('deployments.apps')
        .find(d => d.metadata?.name === 'velero');
      const veleroUnread =
        velero && index.state(VELERO) !== 'collected'
          ? `Velero is installed (Deployment/${
              velero.metadata?.namespace
            }/velero) but ${requiredGrant(VELERO)} was ${
              index.state(VELERO) === 'failed' ? 'denied' : 'not collected'
            }`
          : undefined;
      const problems = [
        unreadable(index, CRONJOBS, false),
        veleroUnread ?? unreadable(index, VELERO, true),
      ].filter((p): p is string => p !== undefined);
      if (problems.length) {
        return {
          status: 'unknown',
          message: `No etcd backup evidence seen, but not every source was readable: ${problems.join(
            '; ',
          )}.`,
          missingReads: [CRONJOBS, VELERO]
            .filter(k =>
              k === VELERO
                ? veleroUnread || unreadable(index, k, true)
                : unreadable(index, k, false),
            )
            .map(requiredGrant),
        };
      }
      return {
        status: 'fail',
        message:
          'No etcd backup found (no etcd backup/snapshot CronJob, no completed Velero Backup); schedule etcdctl snapshot save at least daily and store the snapshots off the cluster.',
        evidence,
      };
    }

    if (!newest) {
      return {
        status: 'fail',
        message: `The etcd backup has never succeeded${suspendedNote}; check the backup job's logs.`,
        evidence,
      };
    }
    const age = referenceTime - newest.time;
    const last = `The newest etcd backup (${newest.what}) is ${formatDuration(
      Math.max(0, age),
    )} old${suspendedNote}`;
    if (age <= PASS_AGE)
      return { status: 'pass', message: `${last}.`, evidence };
    if (age <= WARN_AGE) {
      return {
        status: 'warn',
        message: `${last}; back up etcd at least daily.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `${last}, more than 7 days; check why the backups stopped and back up etcd at least daily.`,
      evidence,
    };
  },
};
