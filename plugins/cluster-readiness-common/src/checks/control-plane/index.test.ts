import { CONTROL_PLANE_CHECKS } from '.';

describe('CONTROL_PLANE_CHECKS', () => {
  it('lists the control-plane checks of checks.md in order, with their severity and (cp) mark', () => {
    expect(
      CONTROL_PLANE_CHECKS.map(c => [
        c.id,
        c.severity,
        c.controlPlane === true,
      ]),
    ).toEqual([
      ['control-plane.dedicated-nodes', 'high', true],
      ['control-plane.apiserver-replicas', 'critical', true],
      ['control-plane.apiserver-load-balanced', 'high', true],
      ['control-plane.leader-election', 'medium', true],
      ['control-plane.zone-spread', 'medium', true],
      ['control-plane.etcd-quorum', 'critical', true],
      ['control-plane.etcd-topology', 'low', true],
      ['control-plane.etcd-backup', 'high', true],
      ['control-plane.secrets-encryption', 'medium', true],
      ['control-plane.audit-logging', 'medium', true],
      ['control-plane.certificate-expiry', 'high', false],
      ['control-plane.version-supported', 'high', false],
    ]);
  });

  it.each(CONTROL_PLANE_CHECKS.map(c => [c.id, c]))(
    '%s carries its metadata',
    (_id, check) => {
      expect(check.category).toBe('control-plane');
      expect(check.title).not.toBe('');
      expect(check.description.length).toBeGreaterThan(80);
      expect(check.rule).not.toBe('');
      expect(check.remediation).toMatch(/^https:\/\/kubernetes\.io\/docs\//);
    },
  );
});
