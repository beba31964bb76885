/*
 * The streaming reader on the committed fixtures of examples/snapshots: the kubectl
 * List is sorted into resource keys, and reading a ClusterSnapshot item by item (with
 * trimming) gives the same report as parsing the whole file.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  evaluate,
  parseClusterSnapshot,
} from '@cluster-readiness/backstage-plugin-common';
import { KUBECTL_LIST_KEYS, readSnapshot } from './readSnapshot';

const DIR = resolve(__dirname, '../../../../examples/snapshots');
const LIST = join(DIR, 'kubectl-list.json');
const SNAPSHOTS = [
  'prod-eu-1',
  'prod-us-1',
  'staging-1',
  'dev-1',
  'restricted',
];

describe('kubectl-list.json', () => {
  it('is what kubectl prints: a List of mixed kinds with full objects', () => {
    const list = JSON.parse(readFileSync(LIST, 'utf8'));
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.metadata).toEqual({ resourceVersion: '' });
    expect(new Set(list.items.map((i: any) => i.kind)).size).toBe(22);
    for (const item of list.items) {
      expect(item.metadata.managedFields.length).toBeGreaterThan(0);
    }
  });

  it('sorts the items into every key of the kubectl command', async () => {
    const snapshot = await readSnapshot(LIST, { clusterName: 'lab-1' });
    expect(Object.keys(snapshot.resources).sort()).toEqual(
      [...KUBECTL_LIST_KEYS].sort(),
    );
    const counts = Object.fromEntries(
      Object.entries(snapshot.resources).map(([key, list]) => [
        key,
        list.items?.length,
      ]),
    );
    expect(counts).toEqual({
      nodes: 3,
      namespaces: 6,
      pods: 19,
      serviceaccounts: 29,
      resourcequotas: 1,
      limitranges: 1,
      // Only kube-system/cluster-autoscaler-status and kube-system/kubeadm-config are
      // read; this kubeadm cluster has the second.
      configmaps: 1,
      'deployments.apps': 4,
      'daemonsets.apps': 2,
      'statefulsets.apps': 1,
      'cronjobs.batch': 1,
      // kube-system only: the three node leases of kube-node-lease are left out.
      'leases.coordination.k8s.io': 3,
      // default/kubernetes only.
      'endpointslices.discovery.k8s.io': 1,
      'clusterroles.rbac.authorization.k8s.io': 15,
      'clusterrolebindings.rbac.authorization.k8s.io': 13,
      'rolebindings.rbac.authorization.k8s.io': 8,
      'roles.rbac.authorization.k8s.io': 2,
      'poddisruptionbudgets.policy': 1,
      'validatingwebhookconfigurations.admissionregistration.k8s.io': 0,
      'mutatingwebhookconfigurations.admissionregistration.k8s.io': 0,
      'certificatesigningrequests.certificates.k8s.io': 1,
      'networkpolicies.networking.k8s.io': 1,
      'horizontalpodautoscalers.autoscaling': 1,
      'apiservices.apiregistration.k8s.io': 17,
    });
    expect(snapshot.resources['nodepools.karpenter.sh']).toBeUndefined();
    expect(snapshot.resources['backups.velero.io']).toBeUndefined();
    expect(
      snapshot.resources['endpointslices.discovery.k8s.io'].items![0].metadata,
    ).toMatchObject({ namespace: 'default', name: 'kubernetes' });
  });

  it('takes the reference time from the items, and the cluster name from the file', async () => {
    const snapshot = await readSnapshot(LIST);
    // The newest timestamp: Lease kube-system/kube-controller-manager .spec.renewTime.
    expect(snapshot.collectedAt).toBe('2026-11-20T09:59:58.802Z');
    expect(snapshot.cluster).toEqual({ name: 'kubectl-list' });
    expect(snapshot.serverVersion).toBeUndefined();
    const given = await readSnapshot(LIST, {
      clusterName: 'lab-1',
      collectedAt: '2026-11-20T10:00:00Z',
    });
    expect(given.collectedAt).toBe('2026-11-20T10:00:00Z');
    expect(given.cluster.name).toBe('lab-1');
  });

  it('keeps only the fields the checks read', async () => {
    const snapshot = await readSnapshot(LIST);
    const pod = snapshot.resources.pods.items![0];
    expect(pod.metadata).not.toHaveProperty('managedFields');
    expect(pod.metadata).not.toHaveProperty('annotations');
    const full = await readSnapshot(LIST, { trim: false });
    expect(full.resources.pods.items![0].metadata).toHaveProperty(
      'managedFields',
    );
  });

  it('evaluates, with the header-only checks unknown', async () => {
    const report = evaluate(await readSnapshot(LIST, { clusterName: 'lab-1' }));
    const status = Object.fromEntries(report.checks.map(c => [c.id, c.status]));
    expect(report.cluster).toMatchObject({
      name: 'lab-1',
      controlPlane: 'self-hosted',
    });
    expect(status).toMatchObject({
      // A List has no server version, certificate or anonymous probe.
      'control-plane.version-supported': 'unknown',
      'control-plane.certificate-expiry': 'unknown',
      'nodes.kubelet-version-skew': 'unknown',
      // No probe, but the kube-apiserver mirror pod's flags are visible and leave
      // --anonymous-auth at its default, true (checks.md v2).
      'access.anonymous-auth': 'warn',
      // One control-plane node, two workers.
      'control-plane.apiserver-replicas': 'fail',
      'control-plane.etcd-quorum': 'fail',
      'control-plane.etcd-backup': 'pass',
      'nodes.worker-count': 'warn',
      'nodes.conditions': 'pass',
      'access.authorization-mode': 'pass',
      'access.tls-verification': 'pass',
      // kube-flannel enforces privileged, guestbook nothing.
      'access.pod-security': 'fail',
      // kubeadm creates no PodDisruptionBudget for CoreDNS.
      'resource-limits.dns-replicas': 'warn',
      // Every key of the command counts as collected: no webhook means none.
      'access.admission-webhooks': 'pass',
    });
    expect(
      report.checks.find(c => c.id === 'control-plane.version-supported')!
        .missingReads,
    ).toEqual(['get /version']);
    expect(report.coverage!).toBeLessThan(1);
    expect(report.coverage!).toBeGreaterThan(0.8);
  });
});

describe.each(SNAPSHOTS)('%s.json read as a stream', name => {
  const file = join(DIR, `${name}.json`);

  it('gives the same report as the whole file parsed at once', async () => {
    const streamed = await readSnapshot(file);
    const parsed = parseClusterSnapshot(
      JSON.parse(readFileSync(file, 'utf8')),
      file,
    );
    expect(evaluate(streamed)).toEqual(evaluate(parsed));
  });

  it('reads every object unchanged when not trimming', async () => {
    const streamed = await readSnapshot(file, { trim: false });
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    expect(streamed.resources).toEqual(parsed.resources);
    expect(streamed.cluster).toEqual(parsed.cluster);
    expect(streamed.collectedAt).toBe(parsed.collectedAt);
  });
});
