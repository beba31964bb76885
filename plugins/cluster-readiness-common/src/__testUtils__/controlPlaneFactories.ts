/*
 * Test-only builders for the control-plane checks: EndpointSlices of the kubernetes
 * Service, leader-election Leases, etcd backup CronJobs and Velero Backups. Objects
 * follow the official schemas (discovery.k8s.io/v1, coordination.k8s.io/v1, batch/v1,
 * velero.io/v1).
 */
import type { ClusterSnapshot } from '../snapshot/ClusterSnapshot';
import type { KubeObject } from '../snapshot/kube';
import { ago, lease, MINUTE, node, Resources, snapshot } from './factories';

/** A cluster declared managed, with one cloud worker and the given resources. */
export function managedSnapshot(
  resources: Resources = {},
  header: Partial<Omit<ClusterSnapshot, 'resources'>> = {},
): ClusterSnapshot {
  return snapshot(
    {
      nodes: [
        node('ip-10-0-1-10.eu-west-1.compute.internal', {
          providerID: 'aws:///eu-west-1a/i-0a1b2c3d4e5f60718',
          zone: 'eu-west-1a',
        }),
      ],
      pods: [],
      ...resources,
    },
    { cluster: { name: 'eks-prod', controlPlane: 'managed' }, ...header },
  );
}

/** Pods without the mirror pods of the given control-plane components. */
export function withoutComponents(
  pods: KubeObject[],
  ...components: string[]
): KubeObject[] {
  return pods.filter(
    p => !components.includes(p.metadata?.labels?.component ?? ''),
  );
}

/**
 * The EndpointSlice the API server publishes for Service default/kubernetes, one
 * endpoint per address. `ready: false` marks an endpoint not ready.
 */
export function apiserverEndpointSlice(
  addresses: Array<string | { ip: string; ready: boolean }>,
  o: {
    name?: string;
    addressType?: 'IPv4' | 'IPv6';
    serviceName?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: o.name ?? 'kubernetes',
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': o.serviceName ?? 'kubernetes' },
    },
    addressType: o.addressType ?? 'IPv4',
    endpoints: addresses.map(a => {
      const { ip, ready } = typeof a === 'string' ? { ip: a, ready: true } : a;
      return {
        addresses: [ip],
        conditions: { ready, serving: ready, terminating: false },
      };
    }),
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  };
}

/**
 * The leader-election Leases of kube-scheduler and kube-controller-manager, as the
 * components write them (holder `<node>_<uuid>`), renewed `renewedAgo` ms before
 * COLLECTED_AT.
 */
export function leaderLeases(
  o: { renewedAgo?: number; leaseDurationSeconds?: number } = {},
): KubeObject[] {
  return ['kube-scheduler', 'kube-controller-manager'].map(name =>
    lease(name, {
      holder: `cp-1_3f2b9c4e-6a1d-4b8e-9f0a-${
        name === 'kube-scheduler' ? '1' : '2'
      }c7d5e8a9b0f`,
      renewTime: ago(o.renewedAgo ?? 2_000),
      leaseDurationSeconds: o.leaseDurationSeconds ?? 15,
    }),
  );
}

export interface CronJobOptions {
  namespace?: string;
  schedule?: string;
  image?: string;
  command?: string[];
  args?: string[];
  suspend?: boolean;
  /** ISO time of the last successful run; omitted when it never succeeded. */
  lastSuccessfulTime?: string;
}

/** A batch/v1 CronJob running one container. */
export function cronJob(name: string, o: CronJobOptions = {}): KubeObject {
  const lastScheduleTime = o.lastSuccessfulTime ?? ago(30 * MINUTE);
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name,
      namespace: o.namespace ?? 'kube-system',
      labels: { app: name },
      creationTimestamp: '2026-01-10T08:00:00Z',
    },
    spec: {
      schedule: o.schedule ?? '0 2 * * *',
      concurrencyPolicy: 'Forbid',
      ...(o.suspend !== undefined ? { suspend: o.suspend } : {}),
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          template: {
            metadata: { labels: { app: name } },
            spec: {
              restartPolicy: 'OnFailure',
              containers: [
                {
                  name: 'backup',
                  image: o.image ?? 'registry.k8s.io/etcd:3.6.4-0',
                  ...(o.command ? { command: o.command } : {}),
                  ...(o.args ? { args: o.args } : {}),
                },
              ],
            },
          },
        },
      },
    },
    status: {
      lastScheduleTime,
      ...(o.lastSuccessfulTime
        ? { lastSuccessfulTime: o.lastSuccessfulTime }
        : {}),
    },
  };
}

/** An etcdctl snapshot CronJob in the usual shape: `sh -c "etcdctl ... snapshot save ..."`. */
export function etcdSnapshotCronJob(
  name: string,
  o: CronJobOptions = {},
): KubeObject {
  return cronJob(name, {
    command: ['/bin/sh', '-c'],
    args: [
      'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key snapshot save /backup/etcd-$(date +%Y%m%d%H%M).db',
    ],
    ...o,
  });
}

/** A velero.io/v1 Backup in namespace velero. */
export function veleroBackup(
  name: string,
  o: { phase?: string; completionTimestamp?: string } = {},
): KubeObject {
  const phase = o.phase ?? 'Completed';
  const done = o.completionTimestamp;
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name,
      namespace: 'velero',
      labels: { 'velero.io/storage-location': 'default' },
    },
    spec: {
      includedNamespaces: ['*'],
      storageLocation: 'default',
      ttl: '720h0m0s',
    },
    status: {
      phase,
      version: 1,
      formatVersion: '1.1.0',
      expiration: '2026-12-20T10:00:00Z',
      ...(done
        ? { startTimestamp: ago(10 * MINUTE, done), completionTimestamp: done }
        : { startTimestamp: ago(10 * MINUTE) }),
    },
  };
}
