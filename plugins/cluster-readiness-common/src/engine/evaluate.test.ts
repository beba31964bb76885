import type { CheckOutcome, ReadinessCheck } from '../checks/ReadinessCheck';
import { BUILTIN_CHECKS } from '../checks';
import { isWaived, scoreOf, coverageOf } from '../report/scoring';
import type { CheckResult, ClusterReport, Waiver } from '../types';
import {
  COLLECTED_AT,
  DAY,
  forbidden,
  kubeadmControlPlane,
  node,
  snapshot,
} from '../__testUtils__/factories';
import { evaluate } from './evaluate';

/** A custom check whose outcome (or failure) the test decides. */
function check(
  id: string,
  o: Partial<ReadinessCheck> & {
    outcome?: CheckOutcome | (() => CheckOutcome);
  } = {},
): ReadinessCheck {
  const { outcome, ...rest } = o;
  return {
    id,
    title: `Custom ${id}`,
    category: 'access',
    severity: 'high',
    description: 'A custom check used by the engine tests.',
    rule: 'pass: always.',
    remediation: 'https://kubernetes.io/docs/concepts/security/',
    reads: [],
    evaluate: () =>
      typeof outcome === 'function'
        ? outcome()
        : outcome ?? { status: 'pass', message: 'Fine.' },
    ...rest,
  };
}

function find(report: ClusterReport, id: string): CheckResult {
  const r = report.checks.find(c => c.id === id);
  if (!r) throw new Error(`no result ${id}`);
  return r;
}

/** A small self-hosted cluster where most checks can run. */
function cluster(header: Parameters<typeof snapshot>[1] = {}) {
  const cp = kubeadmControlPlane({});
  return snapshot(
    {
      nodes: [
        ...cp.nodes,
        node('w-1', { zone: 'eu-1a' }),
        node('w-2', { zone: 'eu-1b' }),
        node('w-3', { zone: 'eu-1c' }),
      ],
      pods: cp.pods,
    },
    { cluster: { name: 'prod-eu-1' }, ...header },
  );
}

describe('evaluate', () => {
  it('runs every built-in check in catalog order, then the additional ones', () => {
    const extra = check('custom.extra', { severity: 'low' });
    const report = evaluate(cluster(), { additionalChecks: [extra] });
    expect(report.checks.map(c => c.id)).toEqual([
      ...BUILTIN_CHECKS.map(c => c.id),
      'custom.extra',
    ]);
    expect(find(report, 'custom.extra')).toEqual({
      id: 'custom.extra',
      title: 'Custom custom.extra',
      category: 'access',
      severity: 'low',
      status: 'pass',
      message: 'Fine.',
      evidence: [],
      remediation: 'https://kubernetes.io/docs/concepts/security/',
    });
  });

  it('counts additional checks like built-in ones, critical fail cap included', () => {
    const base = evaluate(cluster());
    const failing = check('custom.critical', {
      severity: 'critical',
      outcome: {
        status: 'fail',
        message: 'Broken.',
        evidence: ['Node/w-1 .spec'],
      },
    });
    const report = evaluate(cluster(), { additionalChecks: [failing] });
    expect(find(report, 'custom.critical')).toMatchObject({
      status: 'fail',
      evidence: ['Node/w-1 .spec'],
    });
    expect(report.counts.fail).toBe(base.counts.fail + 1);
    expect(report.score).toBe(scoreOf(report.checks));
    expect(report.score!).toBeLessThan(base.score!);
    expect(['D', 'F']).toContain(report.grade);
  });

  it('fills the report header from the snapshot and the scoring rules', () => {
    const snap = cluster();
    snap.cluster.server = 'https://api.prod-eu-1.example.com:6443';
    const report = evaluate(snap);
    expect(report).toMatchObject({
      apiVersion: 'cluster-readiness/v1alpha1',
      kind: 'ClusterReport',
      cluster: {
        name: 'prod-eu-1',
        server: 'https://api.prod-eu-1.example.com:6443',
        controlPlane: 'self-hosted',
        version: 'v1.34.2',
      },
      collectedAt: COLLECTED_AT,
      coverage: coverageOf(report.checks),
    });
    expect(report.categories.map(c => c.id)).toEqual([
      'control-plane',
      'nodes',
      'access',
      'resource-limits',
    ]);
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(report.checks.length);
  });

  describe('unknown results', () => {
    it('names the RBAC grant of a denied read, without running the check', () => {
      const evaluateSpy = jest.fn();
      const reader = check('custom.reader', {
        reads: ['clusterrolebindings.rbac.authorization.k8s.io', 'nodes'],
        evaluate: evaluateSpy,
      });
      const report = evaluate(
        snapshot({
          nodes: [node('w-1')],
          'clusterrolebindings.rbac.authorization.k8s.io': forbidden(
            'clusterrolebindings.rbac.authorization.k8s.io',
          ),
        }),
        { additionalChecks: [reader] },
      );
      const r = find(report, 'custom.reader');
      expect(evaluateSpy).not.toHaveBeenCalled();
      expect(r.status).toBe('unknown');
      expect(r.missingReads).toEqual([
        'list clusterrolebindings.rbac.authorization.k8s.io',
      ]);
      expect(r.message).toContain(
        'list clusterrolebindings.rbac.authorization.k8s.io failed (403 Forbidden)',
      );
    });

    it('names a resource that was not collected, with its scope', () => {
      const reader = check('custom.reader', {
        reads: ['leases.coordination.k8s.io', 'configmaps'],
      });
      const r = find(
        evaluate(snapshot({}), { additionalChecks: [reader] }),
        'custom.reader',
      );
      expect(r.status).toBe('unknown');
      expect(r.missingReads).toEqual([
        'list leases.coordination.k8s.io in kube-system',
        'get configmaps (kube-system/cluster-autoscaler-status, kube-system/kubeadm-config)',
      ]);
      expect(r.message).toContain('leases.coordination.k8s.io not collected');
    });

    it('lowers coverage but not the score', () => {
      const passing = check('custom.passing', { severity: 'critical' });
      const blind = check('custom.blind', {
        severity: 'critical',
        reads: ['certificatesigningrequests.certificates.k8s.io'],
      });
      const base = evaluate(cluster(), { additionalChecks: [passing] });
      const report = evaluate(cluster(), {
        additionalChecks: [passing, blind],
      });
      expect(find(report, 'custom.blind').status).toBe('unknown');
      expect(report.score).toBe(base.score);
      expect(report.coverage!).toBeLessThan(base.coverage!);
    });

    it('turns a check that throws into an engine fault naming the check, never the exception text, and the other checks still run', () => {
      const throwing = check('custom.throws', {
        outcome: () => {
          throw new Error('cannot read properties of undefined');
        },
      });
      const after = check('custom.after');
      const report = evaluate(cluster(), {
        additionalChecks: [throwing, after],
      });
      const r = find(report, 'custom.throws');
      expect(r.status).toBe('unknown');
      expect(r.message).toBe('engine fault in custom.throws: please report it');
      expect(JSON.stringify(report)).not.toContain('cannot read properties');
      expect(r.evidence).toEqual([]);
      expect(find(report, 'custom.after').status).toBe('pass');
    });
  });

  describe('control-plane checks', () => {
    const cpCheck = check('custom.cp', {
      controlPlane: true,
      category: 'control-plane',
    });

    it('are not-applicable on a managed control plane', () => {
      const managed = snapshot(
        {
          nodes: [node('w-1', { providerID: 'aws:///eu-west-1a/i-0abc' })],
          pods: [],
        },
        {
          serverVersion: {
            major: '1',
            minor: '34',
            gitVersion: 'v1.34.2-eks-113cf36',
          },
        },
      );
      const report = evaluate(managed, { additionalChecks: [cpCheck] });
      expect(report.cluster.controlPlane).toBe('managed');
      expect(find(report, 'custom.cp').status).toBe('not-applicable');
      expect(find(report, 'control-plane.apiserver-replicas').status).toBe(
        'not-applicable',
      );
    });

    it('follow the controlPlane option over what the snapshot shows', () => {
      const report = evaluate(cluster(), {
        controlPlane: 'managed',
        additionalChecks: [cpCheck],
      });
      expect(report.cluster.controlPlane).toBe('managed');
      expect(find(report, 'custom.cp').status).toBe('not-applicable');
    });

    it('are unknown, naming the reads, when the control plane cannot be seen', () => {
      const report = evaluate(
        snapshot({ nodes: forbidden('nodes'), pods: forbidden('pods') }),
        { additionalChecks: [cpCheck] },
      );
      const r = find(report, 'custom.cp');
      expect(report.cluster.controlPlane).toBe('unknown');
      expect(r.status).toBe('unknown');
      expect(r.missingReads).toEqual(['list nodes', 'list pods']);
    });
  });

  describe('waivers', () => {
    const failing = check('custom.failing', {
      severity: 'critical',
      outcome: { status: 'fail', message: 'Broken.' },
    });
    const run = (waivers: Waiver[], header = {}) =>
      evaluate(cluster(header), { additionalChecks: [failing], waivers });
    const waiver = (o: Partial<Waiver> = {}): Waiver => ({
      check: 'custom.failing',
      reason: 'Replacement planned for Q1',
      owner: 'platform-team',
      expires: '2027-01-31',
      ...o,
    });

    it('keep the status, mark the result waived and leave it out of the score', () => {
      const unwaived = run([]);
      const report = run([waiver()]);
      const r = find(report, 'custom.failing');
      expect(r.status).toBe('fail');
      expect(r.waiver).toEqual({ ...waiver(), expired: false });
      expect(isWaived(r)).toBe(true);
      expect(report.counts.waived).toBe(1);
      expect(report.counts.fail).toBe(unwaived.counts.fail - 1);
      expect(report.score).toBe(
        scoreOf(report.checks.filter(c => c.id !== 'custom.failing')),
      );
      expect(report.score!).toBeGreaterThan(unwaived.score!);
      expect(report.coverage).toBe(
        coverageOf(report.checks.filter(c => c.id !== 'custom.failing')),
      );
    });

    it('no longer apply once expired: reported as expired and counted', () => {
      const unwaived = run([]);
      const report = run([waiver({ expires: '2026-11-19' })]);
      const r = find(report, 'custom.failing');
      expect(r.waiver).toMatchObject({ expires: '2026-11-19', expired: true });
      expect(isWaived(r)).toBe(false);
      expect(report.counts.waived).toBe(0);
      expect(report.score).toBe(unwaived.score);
      expect(report.grade).toBe(unwaived.grade);
      expect(report.coverage).toBe(unwaived.coverage);
    });

    it('with a date only, last through that day', () => {
      const sameDay = waiver({ expires: '2026-11-20' });
      expect(find(run([sameDay]), 'custom.failing').waiver?.expired).toBe(
        false,
      );
      expect(
        find(
          run([sameDay], { collectedAt: '2026-11-20T23:59:59Z' }),
          'custom.failing',
        ).waiver?.expired,
      ).toBe(false);
      expect(
        find(
          run([sameDay], { collectedAt: '2026-11-21T00:00:00Z' }),
          'custom.failing',
        ).waiver?.expired,
      ).toBe(true);
    });

    it('with a date-time, lapse at that moment', () => {
      const w = waiver({ expires: '2026-11-20T09:00:00Z' });
      expect(find(run([w]), 'custom.failing').waiver?.expired).toBe(true);
      expect(
        find(
          run([w], { collectedAt: '2026-11-20T08:59:59Z' }),
          'custom.failing',
        ).waiver?.expired,
      ).toBe(false);
    });

    it('apply to their cluster only, or to every cluster without one', () => {
      const other = waiver({ cluster: 'staging-1' });
      expect(find(run([other]), 'custom.failing').waiver).toBeUndefined();
      const global = waiver({ reason: 'global' });
      expect(find(run([global]), 'custom.failing').waiver?.reason).toBe(
        'global',
      );
      const own = waiver({ cluster: 'prod-eu-1', reason: 'cluster-specific' });
      expect(find(run([global, own]), 'custom.failing').waiver?.reason).toBe(
        'cluster-specific',
      );
      expect(find(run([own, global]), 'custom.failing').waiver?.reason).toBe(
        'cluster-specific',
      );
    });

    it('prefer one that still applies over an expired one', () => {
      const expiredOwn = waiver({
        cluster: 'prod-eu-1',
        expires: '2026-01-01',
        reason: 'old',
      });
      const validGlobal = waiver({ reason: 'current' });
      const r = find(run([expiredOwn, validGlobal]), 'custom.failing');
      expect(r.waiver).toMatchObject({ reason: 'current', expired: false });
    });

    it('match the check id only', () => {
      const report = run([waiver({ check: 'custom.other' })]);
      expect(find(report, 'custom.failing').waiver).toBeUndefined();
      expect(report.counts.waived).toBe(0);
    });

    it('lift the critical-fail cap while they apply', () => {
      // Enough passing weight that only the cap keeps the grade down.
      const passing = Array.from({ length: 40 }, (_, i) =>
        check(`custom.fine-${i}`, { severity: 'critical' }),
      );
      const graded = (waivers: Waiver[]) =>
        evaluate(cluster(), {
          additionalChecks: [...passing, failing],
          waivers,
        });
      const capped = graded([]);
      expect(capped.score!).toBeGreaterThanOrEqual(70);
      expect(capped.grade).toBe('D');
      const lifted = graded([waiver()]);
      expect(lifted.score!).toBeGreaterThan(capped.score!);
      expect(['A', 'B', 'C']).toContain(lifted.grade);
      expect(graded([waiver({ expires: '2026-11-01' })]).grade).toBe('D');
    });
  });

  describe('determinism', () => {
    afterEach(() => jest.useRealTimers());

    it('gives the same report whatever the wall clock says', () => {
      const extra = [check('custom.extra')];
      jest.useFakeTimers({ now: new Date('2020-01-01T00:00:00Z') });
      const early = evaluate(cluster(), { additionalChecks: extra });
      jest.setSystemTime(new Date('2035-06-15T12:00:00Z'));
      const late = evaluate(cluster(), { additionalChecks: extra });
      expect(late).toEqual(early);
    });

    it('takes every time-based rule from collectedAt', () => {
      const cert = (collectedAt: string) =>
        find(
          evaluate(
            cluster({
              collectedAt,
              serverCertificate: { notAfter: '2026-12-31T00:00:00Z' },
            }),
          ),
          'control-plane.certificate-expiry',
        ).status;
      jest.useFakeTimers({ now: new Date('2026-12-30T00:00:00Z') });
      expect(cert('2026-06-01T00:00:00Z')).toBe('pass');
      expect(
        cert(
          new Date(Date.parse('2026-12-31T00:00:00Z') - 10 * DAY).toISOString(),
        ),
      ).toBe('warn');
      expect(cert('2027-01-01T00:00:00Z')).toBe('fail');
    });

    it('does not modify the snapshot', () => {
      const snap = cluster();
      const copy = JSON.parse(JSON.stringify(snap));
      evaluate(snap, {
        waivers: [],
        additionalChecks: [check('custom.extra')],
      });
      expect(snap).toEqual(copy);
    });
  });
});

describe('evaluate: evidence on every result', () => {
  it('names what was examined, missing or not applicable when a check points at no object', () => {
    const managed = snapshot(
      { nodes: [node('w-1')], pods: [], 'cronjobs.batch': [] },
      { cluster: { name: 'eks', controlPlane: 'managed' } },
    );
    const report = evaluate(managed);
    for (const result of report.checks) {
      expect([result.id, result.evidence.length > 0]).toEqual([
        result.id,
        true,
      ]);
    }
    const replicas = report.checks.find(
      c => c.id === 'control-plane.apiserver-replicas',
    )!;
    expect(replicas.evidence).toEqual([
      'control plane: managed (declared managed)',
    ]);
    const workers = report.checks.find(c => c.id === 'nodes.problem-detector')!;
    expect(workers.evidence).toContain('missing read: list daemonsets.apps');
  });
});
