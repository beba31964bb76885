import {
  k3sCluster,
  rke2Cluster,
} from '../../__testUtils__/distributionFactories';
import {
  ago,
  DAY,
  deployment,
  forbidden,
  HOUR,
  kubeadmControlPlane,
  resultOf,
  snapshot,
  Resources,
} from '../../__testUtils__/factories';
import {
  cronJob,
  etcdSnapshotCronJob,
  managedSnapshot,
  veleroBackup,
} from '../../__testUtils__/controlPlaneFactories';

const ID = 'control-plane.etcd-backup';
const CRONJOBS = 'cronjobs.batch';
const VELERO = 'backups.velero.io';
const SECOND = 1000;

function run(resources: Resources) {
  const { nodes, pods } = kubeadmControlPlane();
  return resultOf(ID, snapshot({ nodes, pods, ...resources }));
}

describe(ID, () => {
  it.each([
    [2 * HOUR, 'pass'],
    [DAY, 'pass'],
    [DAY + SECOND, 'warn'],
    [7 * DAY, 'warn'],
    [7 * DAY + SECOND, 'fail'],
  ])('a backup CronJob last successful %ims ago: %s', (age, status) => {
    const r = run({
      [CRONJOBS]: [
        etcdSnapshotCronJob('etcd-backup', { lastSuccessfulTime: ago(age) }),
      ],
    });
    expect(r.status).toBe(status);
    expect(r.evidence).toContain(
      'CronJob/kube-system/etcd-backup .status.lastSuccessfulTime',
    );
  });

  it('recognises a CronJob by "snapshot save" in its command whatever its name', () => {
    const r = run({
      [CRONJOBS]: [
        etcdSnapshotCronJob('nightly-state', {
          lastSuccessfulTime: ago(3 * HOUR),
        }),
      ],
    });
    expect(r.status).toBe('pass');
    expect(r.message).toContain('CronJob/kube-system/nightly-state');
  });

  it('recognises a CronJob by its name (etcd + snapshot)', () => {
    const cj = cronJob('etcd-snapshot-s3', {
      image: 'ghcr.io/example/etcd-s3-backup:2.1.0',
      args: ['--bucket=s3://backups/etcd'],
      lastSuccessfulTime: ago(HOUR),
    });
    expect(run({ [CRONJOBS]: [cj] }).status).toBe('pass');
  });

  it('fails without backup evidence (unrelated CronJobs only)', () => {
    const r = run({
      [CRONJOBS]: [
        cronJob('etcd-defrag', {
          command: ['etcdctl', 'defrag', '--cluster'],
          lastSuccessfulTime: ago(HOUR),
        }),
        cronJob('db-backup', {
          namespace: 'billing',
          command: ['pg_dump'],
          lastSuccessfulTime: ago(HOUR),
        }),
      ],
    });
    expect(r.status).toBe('fail');
    expect(r.message).toContain('No etcd backup found');
  });

  it('fails when the backup CronJob never succeeded', () => {
    const r = run({ [CRONJOBS]: [etcdSnapshotCronJob('etcd-backup')] });
    expect(r.status).toBe('fail');
    expect(r.message).toContain('never succeeded');
  });

  it('fails when the only backup CronJob is suspended, even with a recent success', () => {
    const r = run({
      [CRONJOBS]: [
        etcdSnapshotCronJob('etcd-backup', {
          suspend: true,
          lastSuccessfulTime: ago(HOUR),
        }),
      ],
    });
    expect(r.status).toBe('fail');
    expect(r.message).toContain('suspended');
    expect(r.evidence).toContain(
      'CronJob/kube-system/etcd-backup .spec.suspend',
    );
  });

  it('decides from active backups and mentions a suspended one', () => {
    const r = run({
      [CRONJOBS]: [
        etcdSnapshotCronJob('etcd-backup-old', { suspend: true }),
        etcdSnapshotCronJob('etcd-backup', { lastSuccessfulTime: ago(HOUR) }),
      ],
    });
    expect(r.status).toBe('pass');
    expect(r.message).toContain('suspended: kube-system/etcd-backup-old');
  });

  it('counts completed Velero Backups', () => {
    const r = run({
      [CRONJOBS]: [],
      [VELERO]: [
        veleroBackup('daily-20261120', { completionTimestamp: ago(3 * HOUR) }),
      ],
    });
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(
      'Backup/velero/daily-20261120 .status.completionTimestamp',
    );
  });

  it('ignores Velero Backups that did not complete', () => {
    const r = run({
      [CRONJOBS]: [],
      [VELERO]: [
        veleroBackup('daily-20261120', {
          phase: 'PartiallyFailed',
          completionTimestamp: ago(HOUR),
        }),
      ],
    });
    expect(r.status).toBe('fail');
  });

  it('takes the newest success across CronJobs and Velero', () => {
    const r = run({
      [CRONJOBS]: [
        etcdSnapshotCronJob('etcd-backup', {
          lastSuccessfulTime: ago(10 * DAY),
        }),
      ],
      [VELERO]: [
        veleroBackup('daily-20261120', { completionTimestamp: ago(2 * HOUR) }),
      ],
    });
    expect(r.status).toBe('pass');
    expect(r.message).toContain('Backup/velero/daily-20261120');
  });

  it('is unknown without evidence when CronJobs are denied', () => {
    const r = run({ [CRONJOBS]: forbidden(CRONJOBS) });
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list cronjobs.batch']);
  });

  it('is unknown when CronJobs were not collected', () => {
    const r = run({});
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list cronjobs.batch']);
  });

  it('decides from Velero when CronJobs are denied', () => {
    const r = run({
      [CRONJOBS]: forbidden(CRONJOBS),
      [VELERO]: [
        veleroBackup('daily-20261120', { completionTimestamp: ago(3 * DAY) }),
      ],
    });
    expect(r.status).toBe('warn');
  });

  it('decides from CronJobs when Velero Backups are denied', () => {
    const r = run({
      [CRONJOBS]: [
        etcdSnapshotCronJob('etcd-backup', { lastSuccessfulTime: ago(HOUR) }),
      ],
      [VELERO]: forbidden(VELERO),
    });
    expect(r.status).toBe('pass');
  });

  it('is unknown when CronJobs show nothing and Velero Backups are denied', () => {
    const r = run({ [CRONJOBS]: [], [VELERO]: forbidden(VELERO) });
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list backups.velero.io']);
  });

  it('treats a 404 on Velero Backups as Velero not installed', () => {
    const r = run({
      [CRONJOBS]: [],
      [VELERO]: {
        error: {
          code: 404,
          reason: 'NotFound',
          message: 'the server could not find the requested resource',
        },
      },
    });
    expect(r.status).toBe('fail');
  });

  it('is not-applicable on a managed control plane', () => {
    expect(resultOf(ID, managedSnapshot({ [CRONJOBS]: [] })).status).toBe(
      'not-applicable',
    );
  });
});

describe('control-plane.etcd-backup per distribution (v2)', () => {
  it('is not-applicable on k3s with embedded SQLite', () => {
    expect(resultOf(ID, k3sCluster()).status).toBe('not-applicable');
  });

  it('passes when k3s/RKE2 snapshot etcd themselves, saying the age is not visible', () => {
    const r = resultOf(
      ID,
      k3sCluster(
        [
          '--cluster-init',
          '--etcd-snapshot-schedule-cron',
          '0 */6 * * *',
          '--etcd-snapshot-retention',
          '10',
        ],
        { servers: 3, etcd: true, resources: { 'cronjobs.batch': [] } },
      ),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('age of the newest snapshot is not visible');
    expect(
      resultOf(
        ID,
        rke2Cluster(['--etcd-snapshot-schedule-cron', '0 0 * * *'], {
          resources: { 'cronjobs.batch': [] },
        }),
      ).status,
    ).toBe('pass');
    // Retention 0 keeps nothing: no evidence.
    expect(
      resultOf(
        ID,
        rke2Cluster(
          [
            '--etcd-snapshot-schedule-cron',
            '0 0 * * *',
            '--etcd-snapshot-retention',
            '0',
          ],
          {
            resources: { 'cronjobs.batch': [] },
          },
        ),
      ).status,
    ).toBe('fail');
  });

  it('is unknown when Velero is installed but its Backups were not collected', () => {
    const { nodes, pods } = kubeadmControlPlane();
    const velero = deployment('velero', { namespace: 'velero' });
    const r = resultOf(
      ID,
      snapshot({
        nodes,
        pods,
        'cronjobs.batch': [],
        'deployments.apps': [velero],
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Velero is installed (Deployment/velero/velero)',
    );
    expect(r.missingReads).toEqual(['list backups.velero.io']);
    // Without the Deployment, an uncollected optional CRD is fine: no evidence fails.
    expect(
      resultOf(
        ID,
        snapshot({ nodes, pods, 'cronjobs.batch': [], 'deployments.apps': [] }),
      ).status,
    ).toBe('fail');
  });
});
