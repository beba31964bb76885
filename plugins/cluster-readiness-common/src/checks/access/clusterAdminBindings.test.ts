import {
  clusterRoleBinding,
  forbidden,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { kubeadmRbac } from '../../__testUtils__/accessFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'access.cluster-admin-bindings';
const CRB = 'clusterrolebindings.rbac.authorization.k8s.io';

function withBindings(...extra: KubeObject[]) {
  return snapshot({ [CRB]: [...kubeadmRbac().clusterRoleBindings, ...extra] });
}

const users = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'User',
    name: `admin-${i + 1}@example.com`,
  }));

describe(ID, () => {
  it('passes a kubeadm cluster (system:masters and kubeadm:cluster-admins are ignored)', () => {
    const r = resultOf(ID, withBindings());
    expect(r.status).toBe('pass');
    expect(r.message).toContain('0 subjects');
    // Nothing to point at: the evidence says what was examined.
    expect(r.evidence).toEqual([
      expect.stringMatching(/^ClusterRoleBinding: \d+ object\(s\) examined/),
    ]);
  });

  it('passes exactly 3 remaining subjects and warns at 4', () => {
    const three = resultOf(
      ID,
      withBindings(clusterRoleBinding('admins', 'cluster-admin', users(3))),
    );
    expect(three.status).toBe('pass');
    expect(three.evidence).toEqual([
      'ClusterRoleBinding/admins .subjects[0]',
      'ClusterRoleBinding/admins .subjects[1]',
      'ClusterRoleBinding/admins .subjects[2]',
    ]);
    const four = resultOf(
      ID,
      withBindings(clusterRoleBinding('admins', 'cluster-admin', users(4))),
    );
    expect(four.status).toBe('warn');
    expect(four.message).toContain('4 subjects');
    expect(four.message).toContain('more than 3');
  });

  it('counts a subject named by several bindings once', () => {
    const r = resultOf(
      ID,
      withBindings(
        clusterRoleBinding('admins', 'cluster-admin', users(3)),
        clusterRoleBinding('break-glass', 'cluster-admin', users(1)),
      ),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain('ClusterRoleBinding/break-glass .subjects[0]');
  });

  it('uses the configured subject limit', () => {
    const r = resultOf(
      ID,
      withBindings(clusterRoleBinding('admins', 'cluster-admin', users(2))),
      { clusterAdminSubjectLimit: 1 },
    );
    expect(r.status).toBe('warn');
  });

  it('ignores bindings to other roles', () => {
    const r = resultOf(
      ID,
      withBindings(
        clusterRoleBinding('ci-view', 'view', [
          { kind: 'ServiceAccount', name: 'ci', namespace: 'ci' },
        ]),
      ),
    );
    expect(r.status).toBe('pass');
  });

  it.each([
    [
      'a ServiceAccount of a workload namespace',
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
    ],
    [
      'a ServiceAccount written as a User',
      { kind: 'User', name: 'system:serviceaccount:ci:deployer' },
    ],
    [
      'Group system:authenticated',
      { kind: 'Group', name: 'system:authenticated' },
    ],
    [
      'Group system:serviceaccounts',
      { kind: 'Group', name: 'system:serviceaccounts' },
    ],
    [
      'all ServiceAccounts of a workload namespace',
      { kind: 'Group', name: 'system:serviceaccounts:ci' },
    ],
    ['User system:anonymous', { kind: 'User', name: 'system:anonymous' }],
  ])('fails %s', (_, subject) => {
    const r = resultOf(
      ID,
      withBindings(clusterRoleBinding('ci-admin', 'cluster-admin', [subject])),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('(ClusterRoleBinding/ci-admin)');
    expect(r.evidence).toEqual(['ClusterRoleBinding/ci-admin .subjects[0]']);
  });

  it('fails before warning', () => {
    const r = resultOf(
      ID,
      withBindings(
        clusterRoleBinding('admins', 'cluster-admin', [
          ...users(5),
          {
            kind: 'ServiceAccount',
            name: 'argocd-application-controller',
            namespace: 'argocd',
          },
        ]),
      ),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'ServiceAccount argocd/argocd-application-controller',
    );
  });

  it('ignores ServiceAccounts of system namespaces, including configured ones', () => {
    const crb = clusterRoleBinding('platform-admin', 'cluster-admin', [
      { kind: 'ServiceAccount', name: 'cluster-api', namespace: 'kube-system' },
      { kind: 'ServiceAccount', name: 'flux', namespace: 'flux-system' },
    ]);
    expect(resultOf(ID, withBindings(crb)).status).toBe('fail');
    const r = resultOf(ID, withBindings(crb), {
      extraSystemNamespaces: ['flux-system'],
    });
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      expect.stringMatching(/^ClusterRoleBinding: \d+ object\(s\) examined/),
    ]);
  });

  it('is unknown when ClusterRoleBindings are denied', () => {
    const r = resultOf(ID, snapshot({ [CRB]: forbidden(CRB) }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'list clusterrolebindings.rbac.authorization.k8s.io',
    ]);
  });
});
