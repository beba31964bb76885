import {
  clusterRoleBinding,
  forbidden,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { clusterRole, kubeadmRbac } from '../../__testUtils__/accessFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'access.privileged-rbac';
const CR = 'clusterroles.rbac.authorization.k8s.io';
const CRB = 'clusterrolebindings.rbac.authorization.k8s.io';

function cluster(roles: KubeObject[], bindings: KubeObject[]) {
  const rbac = kubeadmRbac();
  return snapshot({
    [CR]: [...rbac.clusterRoles, ...roles],
    [CRB]: [...rbac.clusterRoleBindings, ...bindings],
  });
}

const team = [{ kind: 'Group', name: 'platform-team' }];

/** One custom role with one rule, bound to a people group. */
function granting(rule: {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}) {
  return cluster(
    [clusterRole('custom', [rule])],
    [clusterRoleBinding('custom-binding', 'custom', team)],
  );
}

describe(ID, () => {
  it('passes a kubeadm cluster', () => {
    const r = resultOf(ID, cluster([], []));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('No ClusterRoleBinding');
  });

  it('passes the built-in view role bound to people', () => {
    const r = resultOf(
      ID,
      cluster([], [clusterRoleBinding('devs-view', 'view', team)]),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual(['ClusterRoleBinding/devs-view .roleRef']);
  });

  it.each([
    [
      '* on * in every group',
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      'every verb on every resource',
    ],
    [
      '* on * in one group',
      { apiGroups: ['apps'], resources: ['*'], verbs: ['*'] },
      'every verb on every resource',
    ],
    [
      'escalate',
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        verbs: ['get', 'escalate'],
      },
      'escalate on clusterroles',
    ],
    [
      'bind',
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        verbs: ['bind'],
      },
      'bind on clusterroles',
    ],
    [
      'impersonate',
      {
        apiGroups: [''],
        resources: ['users', 'groups'],
        verbs: ['impersonate'],
      },
      'impersonate on users,groups',
    ],
    [
      '* on roles',
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['roles', 'rolebindings'],
        verbs: ['*'],
      },
      'includes escalate and bind',
    ],
    [
      '* on serviceaccounts',
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['*'] },
      'includes impersonate',
    ],
  ])('fails a role granting %s', (_, rule, text) => {
    const r = resultOf(ID, granting(rule));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'ClusterRoleBinding/custom-binding gives ClusterRole/custom to Group platform-team',
    );
    expect(r.message).toContain(text);
    expect(r.evidence).toEqual([
      'ClusterRoleBinding/custom-binding .roleRef',
      'ClusterRole/custom .rules[0]',
    ]);
  });

  it('fails the built-in edit role bound cluster-wide (it impersonates ServiceAccounts)', () => {
    const r = resultOf(
      ID,
      cluster([], [clusterRoleBinding('devs-edit', 'edit', team)]),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('impersonate on serviceaccounts');
    expect(r.evidence).toEqual([
      'ClusterRoleBinding/devs-edit .roleRef',
      'ClusterRole/edit .rules[1]',
    ]);
  });

  it.each([
    [
      'get on secrets',
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
      'get on secrets',
    ],
    [
      'list through resources *',
      { apiGroups: [''], resources: ['*'], verbs: ['list'] },
      'list on secrets',
    ],
    [
      'watch in apiGroups *',
      {
        apiGroups: ['*'],
        resources: ['secrets', 'configmaps'],
        verbs: ['watch'],
      },
      'watch on secrets',
    ],
    [
      'create on pods/exec',
      { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create'] },
      'create on pods/exec',
    ],
    [
      'create on pods/*',
      { apiGroups: [''], resources: ['pods/*'], verbs: ['create'] },
      'create on pods/exec',
    ],
    [
      'get on nodes/proxy',
      { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
      'get on nodes/proxy',
    ],
    [
      'nodes/proxy through resources *',
      { apiGroups: [''], resources: ['*'], verbs: ['patch'] },
      'patch on nodes/proxy',
    ],
  ])('warns on %s', (_, rule, text) => {
    const r = resultOf(ID, granting(rule));
    expect(r.status).toBe('warn');
    expect(r.message).toContain(text);
  });

  it.each([
    [
      'get on pods/exec only',
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] },
    ],
    [
      'resources * outside the core group',
      { apiGroups: ['apps'], resources: ['*'], verbs: ['get', 'list'] },
    ],
    [
      'create on secrets',
      { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update'] },
    ],
    [
      'everything on nodes',
      {
        apiGroups: [''],
        resources: ['nodes'],
        verbs: ['get', 'list', 'patch'],
      },
    ],
  ])('passes %s', (_, rule) => {
    expect(resultOf(ID, granting(rule)).status).toBe('pass');
  });

  it('reads aggregated ClusterRoles through their listed rules', () => {
    const aggregated = clusterRole(
      'monitoring',
      [
        {
          apiGroups: [''],
          resources: ['pods', 'secrets'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
      { aggregateTo: 'monitoring' },
    );
    const r = resultOf(
      ID,
      cluster(
        [aggregated],
        [
          clusterRoleBinding('prometheus', 'monitoring', [
            {
              kind: 'ServiceAccount',
              name: 'prometheus',
              namespace: 'monitoring',
            },
          ]),
        ],
      ),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('ServiceAccount monitoring/prometheus');
    expect(r.message).toContain('get/list/watch on secrets');
  });

  it.each([
    [
      'bindings named system:*',
      'system:custom',
      [{ kind: 'Group', name: 'platform-team' }],
    ],
    [
      'system users and groups',
      'custom-binding',
      [
        { kind: 'User', name: 'system:kube-controller-manager' },
        { kind: 'Group', name: 'system:nodes' },
      ],
    ],
    [
      'ServiceAccounts of system namespaces',
      'custom-binding',
      [
        {
          kind: 'ServiceAccount',
          name: 'kube-proxy',
          namespace: 'kube-system',
        },
      ],
    ],
  ])('ignores %s', (_, name, subjects) => {
    const r = resultOf(
      ID,
      cluster(
        [
          clusterRole('custom', [
            { apiGroups: [''], resources: ['*'], verbs: ['impersonate'] },
          ]),
        ],
        [clusterRoleBinding(name, 'custom', subjects)],
      ),
    );
    expect(r.status).toBe('pass');
  });

  it('treats everyone-groups as non-system subjects', () => {
    const r = resultOf(
      ID,
      cluster(
        [
          clusterRole('secret-reader', [
            { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
          ]),
        ],
        [
          clusterRoleBinding('everyone-secrets', 'secret-reader', [
            { kind: 'Group', name: 'system:authenticated' },
          ]),
        ],
      ),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('Group system:authenticated');
  });

  it('leaves cluster-admin to access.cluster-admin-bindings', () => {
    const r = resultOf(
      ID,
      cluster([], [clusterRoleBinding('ops-admin', 'cluster-admin', team)]),
    );
    expect(r.status).toBe('pass');
  });

  it('passes a binding to a ClusterRole that does not exist', () => {
    const r = resultOf(
      ID,
      cluster([], [clusterRoleBinding('dangling', 'deleted-role', team)]),
    );
    expect(r.status).toBe('pass');
  });

  it('reports failures before warnings', () => {
    const r = resultOf(
      ID,
      cluster(
        [
          clusterRole('secret-reader', [
            { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
          ]),
          clusterRole('binder', [
            {
              apiGroups: ['rbac.authorization.k8s.io'],
              resources: ['clusterroles'],
              verbs: ['bind'],
            },
          ]),
        ],
        [
          clusterRoleBinding('a-secrets', 'secret-reader', team),
          clusterRoleBinding('b-binder', 'binder', team),
          clusterRoleBinding('c-binder', 'binder', [
            { kind: 'User', name: 'carol@example.com' },
          ]),
        ],
      ),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('ClusterRoleBinding/b-binder');
    expect(r.message).toContain('(2 bindings)');
    expect(r.evidence).toEqual([
      'ClusterRoleBinding/b-binder .roleRef',
      'ClusterRole/binder .rules[0]',
      'ClusterRoleBinding/c-binder .roleRef',
    ]);
  });

  it.each([CR, CRB])('is unknown when %s is denied', key => {
    const rbac = kubeadmRbac();
    const r = resultOf(
      ID,
      snapshot({
        [CR]: rbac.clusterRoles,
        [CRB]: rbac.clusterRoleBindings,
        [key]: forbidden(key),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([`list ${key}`]);
  });
});
