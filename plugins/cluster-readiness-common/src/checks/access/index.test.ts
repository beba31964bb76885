import { ACCESS_CHECKS } from '.';

describe('ACCESS_CHECKS', () => {
  it('lists the access checks of checks.md in order, with their severities', () => {
    expect(ACCESS_CHECKS.map(c => [c.id, c.severity, c.category])).toEqual([
      ['access.authorization-mode', 'critical', 'access'],
      ['access.anonymous-auth', 'high', 'access'],
      ['access.anonymous-bindings', 'critical', 'access'],
      ['access.cluster-admin-bindings', 'high', 'access'],
      ['access.privileged-rbac', 'medium', 'access'],
      ['access.authentication-method', 'medium', 'access'],
      ['access.pod-security', 'high', 'access'],
      ['access.admission-webhooks', 'medium', 'access'],
      ['access.certificate-signing-requests', 'medium', 'access'],
      ['access.default-service-account', 'medium', 'access'],
      ['access.network-policies', 'low', 'access'],
      ['access.tls-verification', 'high', 'access'],
    ]);
  });

  it('marks only authentication-method as a control-plane check', () => {
    expect(ACCESS_CHECKS.filter(c => c.controlPlane).map(c => c.id)).toEqual([
      'access.authentication-method',
    ]);
  });

  it('links every check to the Kubernetes documentation', () => {
    for (const check of ACCESS_CHECKS) {
      expect(check.remediation).toMatch(/^https:\/\/kubernetes\.io\/docs\//);
      expect(check.title).not.toBe('');
      expect(check.description.length).toBeGreaterThan(100);
      expect(check.rule).not.toBe('');
    }
  });
});
