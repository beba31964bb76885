import {
  clusterRoleBinding,
  forbidden,
  resultOf,
  roleBinding,
  snapshot,
} from '../../__testUtils__/factories';
import { kubeadmRbac } from '../../__testUtils__/accessFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'access.anonymous-bindings';
const CRB = 'clusterrolebindings.rbac.authorization.k8s.io';
const RB = 'rolebindings.rbac.authorization.k8s.io';

function withBindings(
  extraCrbs: KubeObject[] = [],
  extraRbs: KubeObject[] = [],
) {
  const rbac = kubeadmRbac();
  return snapshot({
    [CRB]: [...rbac.clusterRoleBindings, ...extraCrbs],
    [RB]: [...rbac.roleBindings, ...extraRbs],
  });
}

const anonymousView = clusterRoleBinding('anonymous-view', 'view', [
  { kind: 'User', name: 'system:anonymous' },
]);

describe(ID, () => {
  it('passes a kubeadm cluster, listing the expected exceptions', () => {
    const r = resultOf(ID, withBindings());
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'ClusterRoleBinding/system:public-info-viewer .subjects[1]',
      'RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo .subjects[0]',
    ]);
  });

  it('passes when no binding names unauthenticated users', () => {
    const r = resultOf(ID, snapshot({ [CRB]: [], [RB]: [] }));
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([]);
  });

  it('fails a ClusterRoleBinding to User system:anonymous', () => {
    const r = resultOf(ID, withBindings([anonymousView]));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'ClusterRoleBinding/anonymous-view grants ClusterRole/view to User system:anonymous',
    );
    expect(r.evidence).toEqual([
      'ClusterRoleBinding/anonymous-view .subjects[0]',
    ]);
  });

  it('fails a RoleBinding to Group system:unauthenticated', () => {
    const rb = roleBinding(
      'public-read',
      'team-a',
      { kind: 'Role', name: 'reader' },
      [{ kind: 'Group', name: 'system:unauthenticated' }],
    );
    const r = resultOf(ID, withBindings([], [rb]));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Role/team-a/reader');
    expect(r.evidence).toEqual(['RoleBinding/team-a/public-read .subjects[0]']);
  });

  it('allows system:public-info-viewer under any binding name', () => {
    const crb = clusterRoleBinding(
      'health-for-all',
      'system:public-info-viewer',
      [{ kind: 'User', name: 'system:anonymous' }],
    );
    expect(resultOf(ID, withBindings([crb])).status).toBe('pass');
  });

  it('fails the kubeadm cluster-info binding once it refers to another role', () => {
    const tampered = roleBinding(
      'kubeadm:bootstrap-signer-clusterinfo',
      'kube-public',
      { kind: 'ClusterRole', name: 'admin' },
      [{ kind: 'User', name: 'system:anonymous' }],
    );
    const rbac = kubeadmRbac();
    const r = resultOf(
      ID,
      snapshot({
        [CRB]: rbac.clusterRoleBindings,
        [RB]: [
          ...rbac.roleBindings.filter(
            b => b.metadata?.namespace !== 'kube-public',
          ),
          tampered,
        ],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('ClusterRole/admin');
  });

  it('fails a binding named like the kubeadm one in another namespace', () => {
    const copy = roleBinding(
      'kubeadm:bootstrap-signer-clusterinfo',
      'default',
      { kind: 'Role', name: 'kubeadm:bootstrap-signer-clusterinfo' },
      [{ kind: 'User', name: 'system:anonymous' }],
    );
    expect(resultOf(ID, withBindings([], [copy])).status).toBe('fail');
  });

  it('fails Group system:authenticated bound to cluster-admin, by ClusterRoleBinding or RoleBinding', () => {
    const crb = clusterRoleBinding('everyone-admin', 'cluster-admin', [
      { kind: 'Group', name: 'system:authenticated' },
    ]);
    const r = resultOf(ID, withBindings([crb]));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'grants cluster-admin to Group system:authenticated',
    );
    const rb = roleBinding(
      'team-admin',
      'team-a',
      { kind: 'ClusterRole', name: 'cluster-admin' },
      [{ kind: 'Group', name: 'system:authenticated' }],
    );
    expect(resultOf(ID, withBindings([], [rb])).status).toBe('fail');
  });

  it('passes Group system:authenticated bound to a narrower role', () => {
    const crb = clusterRoleBinding('everyone-view', 'view', [
      { kind: 'Group', name: 'system:authenticated' },
    ]);
    expect(resultOf(ID, withBindings([crb])).status).toBe('pass');
  });

  it('fails on ClusterRoleBindings even when RoleBindings are denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        [CRB]: [...kubeadmRbac().clusterRoleBindings, anonymousView],
        [RB]: forbidden(RB),
      }),
    );
    expect(r.status).toBe('fail');
  });

  it('is unknown when a binding list is denied and the rest is clean', () => {
    const r = resultOf(
      ID,
      snapshot({
        [CRB]: kubeadmRbac().clusterRoleBindings,
        [RB]: forbidden(RB),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'list rolebindings.rbac.authorization.k8s.io failed (403 Forbidden)',
    );
    expect(r.missingReads).toEqual([
      'list rolebindings.rbac.authorization.k8s.io',
    ]);
  });

  it('is unknown when neither list was collected', () => {
    const r = resultOf(ID, snapshot({}));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'list clusterrolebindings.rbac.authorization.k8s.io',
      'list rolebindings.rbac.authorization.k8s.io',
    ]);
  });

  it('keeps the evidence bounded', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      clusterRoleBinding(`anon-${i}`, 'view', [
        { kind: 'User', name: 'system:anonymous' },
      ]),
    );
    const r = resultOf(ID, withBindings(many));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('(25 grants)');
    expect(r.evidence).toHaveLength(21);
    expect(r.evidence[20]).toBe('… and 5 more');
  });
});
