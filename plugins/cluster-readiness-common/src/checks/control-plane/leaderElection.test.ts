import { k3sCluster } from '../../__testUtils__/distributionFactories';
import {
  ago,
  forbidden,
  kubeadmControlPlane,
  lease,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  leaderLeases,
  managedSnapshot,
  withoutComponents,
} from '../../__testUtils__/controlPlaneFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'control-plane.leader-election';
const LEASES = 'leases.coordination.k8s.io';
const SECOND = 1000;

function run(leases: KubeObject[] | ReturnType<typeof forbidden>, count = 3) {
  const { nodes, pods } = kubeadmControlPlane({}, { count });
  return resultOf(ID, snapshot({ nodes, pods, [LEASES]: leases }));
}

describe(ID, () => {
  it('passes with fresh leaders and a standby of each component', () => {
    const r = run(leaderLeases());
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(
      'Lease/kube-system/kube-scheduler .spec.renewTime',
    );
    expect(r.evidence).toContain(
      'Pod/kube-system/kube-controller-manager-cp-2 .metadata.labels.component',
    );
  });

  it.each([
    // leaseDurationSeconds, renewed ago (s), status: the limit is max(60 s, 4 × duration)
    [15, 60, 'pass'],
    [15, 61, 'fail'],
    [10, 60, 'pass'],
    [10, 61, 'fail'],
    [30, 120, 'pass'],
    [30, 121, 'fail'],
  ])(
    'with leaseDurationSeconds %i, a lease renewed %is ago is %s',
    (duration, seconds, status) => {
      const r = run(
        leaderLeases({
          leaseDurationSeconds: duration,
          renewedAgo: seconds * SECOND,
        }),
      );
      expect(r.status).toBe(status);
      expect(r.message.includes('last renewed')).toBe(status === 'fail');
    },
  );

  it('fails when the scheduler Lease is missing', () => {
    const r = run(
      leaderLeases().filter(l => l.metadata?.name !== 'kube-scheduler'),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('kube-scheduler has no Lease');
  });

  it('fails when a Lease has no holder', () => {
    const leases = [
      leaderLeases()[0],
      lease('kube-controller-manager', { renewTime: ago(5 * SECOND) }),
    ];
    const r = run(leases);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('kube-controller-manager Lease has no holder');
  });

  it('fails when a Lease holder is empty (released)', () => {
    const leases = [
      lease('kube-scheduler', { holder: '', renewTime: ago(5 * SECOND) }),
      leaderLeases()[1],
    ];
    expect(run(leases).status).toBe('fail');
  });

  it('fails when a Lease was never renewed', () => {
    const leases = [
      leaderLeases()[0],
      lease('kube-controller-manager', { holder: 'cp-2_abc' }),
    ];
    const r = run(leases);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('never renewed');
  });

  it('ignores Leases of the same name outside kube-system', () => {
    const foreign = {
      ...leaderLeases()[0],
      metadata: { name: 'kube-scheduler', namespace: 'default' },
    };
    expect(run([foreign, leaderLeases()[1]]).status).toBe('fail');
  });

  it('warns when there is no standby', () => {
    const r = run(leaderLeases(), 1);
    expect(r.status).toBe('warn');
    expect(r.message).toContain('kube-scheduler (1 mirror pod(s))');
    expect(r.message).toContain('kube-controller-manager (1 mirror pod(s))');
  });

  it('warns when one component runs outside kubelet (no mirror pods)', () => {
    const { nodes, pods } = kubeadmControlPlane();
    const r = resultOf(
      ID,
      snapshot({
        nodes,
        pods: withoutComponents(pods, 'kube-scheduler'),
        [LEASES]: leaderLeases(),
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('kube-scheduler (0 mirror pod(s))');
  });

  it('is unknown when leases are denied', () => {
    const r = run(forbidden(LEASES));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'list leases.coordination.k8s.io in kube-system',
    ]);
  });

  it('is unknown when leaders are fresh but pods are denied', () => {
    const { nodes } = kubeadmControlPlane();
    const r = resultOf(
      ID,
      snapshot({ nodes, pods: forbidden('pods'), [LEASES]: leaderLeases() }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });

  it('still fails on a stale lease when pods are denied', () => {
    const { nodes } = kubeadmControlPlane();
    const r = resultOf(
      ID,
      snapshot({
        nodes,
        pods: forbidden('pods'),
        [LEASES]: leaderLeases({ renewedAgo: 600 * SECOND }),
      }),
    );
    expect(r.status).toBe('fail');
  });

  it('is not-applicable on a managed control plane', () => {
    expect(
      resultOf(ID, managedSnapshot({ [LEASES]: leaderLeases() })).status,
    ).toBe('not-applicable');
  });
});

describe(`${ID} on a single server (v2)`, () => {
  it('warns that a single k3s server has no standby instead of "no live leader"', () => {
    const r = resultOf(ID, k3sCluster([], { resources: { [LEASES]: [] } }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('single server');
    expect(r.message).not.toContain('No live leader');
    expect(r.evidence).toContain('Node/server-1 .metadata.labels');
  });

  it('applies to kubeadm too: one API server warns, two without Leases fail', () => {
    // One control-plane node, one API server: same rule, whatever the distribution.
    expect(run([], 1).status).toBe('warn');
    // Two servers without Leases: nobody leads.
    const r = run([], 2);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('No live leader');
  });
});
