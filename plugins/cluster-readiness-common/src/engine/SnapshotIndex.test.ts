import { SnapshotIndex, zoneOf } from './SnapshotIndex';
import { evaluate } from './evaluate';
import { gradeWithCap } from '../report/scoring';
import { node, pod, snapshot } from '../__testUtils__/factories';
import {
  k3sCluster,
  openshiftCluster,
} from '../__testUtils__/distributionFactories';

describe('SnapshotIndex v2 definitions', () => {
  it('treats openshift, openshift-* and configured prefixes as system namespaces', () => {
    const index = new SnapshotIndex(snapshot({}), {
      extraSystemNamespaces: ['cattle-*', 'monitoring'],
    });
    for (const ns of [
      'kube-system',
      'openshift',
      'openshift-etcd',
      'cattle-system',
      'cattle-fleet-local-system',
      'monitoring',
    ]) {
      expect(index.isSystemNamespace(ns)).toBe(true);
    }
    for (const ns of [
      'openshiftish',
      'my-openshift-app',
      'cattle',
      'monitoring-2',
      'default',
    ]) {
      expect(index.isSystemNamespace(ns)).toBe(false);
    }
    // Without the configured prefix, cattle-system is a workload namespace.
    expect(
      new SnapshotIndex(snapshot({})).isSystemNamespace('cattle-system'),
    ).toBe(false);
  });

  it('keeps mirror pods and DaemonSet pods out of workload pods', () => {
    const index = new SnapshotIndex(
      snapshot({
        pods: [
          pod('web', { namespace: 'shop' }),
          pod('agent', {
            namespace: 'shop',
            owner: { kind: 'DaemonSet', name: 'agent' },
          }),
          pod('static', {
            namespace: 'shop',
            owner: { kind: 'Node', name: 'n1' },
          }),
          pod('operator', { namespace: 'openshift-monitoring' }),
          pod('rancher', { namespace: 'cattle-system' }),
        ],
      }),
      { extraSystemNamespaces: ['cattle-*'] },
    );
    expect(index.workloadPods.map(p => p.metadata?.name)).toEqual(['web']);
  });

  it('reads a digits-only zone as no zone (AKS fault domains)', () => {
    expect(zoneOf(node('a', { zone: '0' }))).toBeUndefined();
    expect(zoneOf(node('a', { zone: '12' }))).toBeUndefined();
    expect(zoneOf(node('a', { zone: 'eastus-1' }))).toBe('eastus-1');
    const r = evaluate(
      snapshot({
        nodes: ['0', '1', '2'].map((zone, i) => node(`w${i}`, { zone })),
      }),
    ).checks.find(c => c.id === 'nodes.zone-spread');
    expect(r?.status).toBe('fail');
  });

  it('counts an absent optional key as collected and empty when discovery lacks its group', () => {
    const withDiscovery = new SnapshotIndex(
      snapshot({}, { apiGroupVersions: ['v1', 'apps/v1'] }),
    );
    expect(withDiscovery.state('backups.velero.io')).toBe('collected');
    expect(withDiscovery.list('backups.velero.io')).toEqual([]);
    expect(withDiscovery.state('apiservers.config.openshift.io')).toBe(
      'collected',
    );
    // A required key is never assumed.
    expect(withDiscovery.state('pods')).toBe('missing');
    // Discovery serves the group: the absent key was not collected.
    const served = new SnapshotIndex(
      snapshot({}, { apiGroupVersions: ['v1', 'velero.io/v1'] }),
    );
    expect(served.state('backups.velero.io')).toBe('missing');
    // No discovery (a kubectl List): not collected.
    expect(new SnapshotIndex(snapshot({})).state('backups.velero.io')).toBe(
      'missing',
    );
  });

  it('counts OpenShift apiserver pods as API server instances', () => {
    const index = new SnapshotIndex(openshiftCluster());
    expect(index.apiServerInstances?.count).toBe(3);
    expect(index.controlPlane.mode).toBe('self-hosted');
  });
});

describe('evaluate fills the v2 report fields', () => {
  it('names the distribution, and grades overall and per category with their caps', () => {
    const report = evaluate(k3sCluster());
    expect(report.distribution).toEqual({
      name: 'k3s',
      evidence: [
        'serverVersion.gitVersion v1.31.4+k3s1',
        'Node/server-1 annotation k3s.io/node-args',
      ],
    });
    expect({ grade: report.grade, gradeCap: report.gradeCap }).toEqual(
      gradeWithCap(report.score, report.checks),
    );
    for (const category of report.categories) {
      const own = report.checks.filter(c => c.category === category.id);
      expect({ grade: category.grade, gradeCap: category.gradeCap }).toEqual(
        gradeWithCap(category.score, own),
      );
    }
  });

  it('withholds the grade of a snapshot that shows almost nothing', () => {
    const report = evaluate(snapshot({ nodes: [node('w1')] }));
    expect(report.coverage!).toBeLessThan(0.5);
    expect(report.score).not.toBeNull();
    expect(report.grade).toBeNull();
    expect(report.gradeCap?.by).toBe('coverage');
  });
});
