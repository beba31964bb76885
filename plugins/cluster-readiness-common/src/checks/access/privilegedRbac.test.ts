import {
  clusterRoleBinding,
  forbidden,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { clusterRole, kubeadmRbac } from '../../__testUtils__/accessFactories';
import { roleBinding } from '../../__testUtils__/factories';
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
      'get on pods/exec (exec over a WebSocket is a GET)',
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] },
      'get on pods/exec',
    ],
    [
      'create on pods/attach',
      { apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] },
      'create on pods/attach',
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

  it('warns (v2) on a binding to a ClusterRole that does not exist', () => {
    const r = resultOf(
      ID,
      cluster([], [clusterRoleBinding('dangling', 'deleted-role', team)]),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'ClusterRoleBinding/dangling binds ClusterRole/deleted-role, which does not exist',
    );
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

const ROLES = 'roles.rbac.authorization.k8s.io';
const RB = 'rolebindings.rbac.authorization.k8s.io';

/** A namespaced Role with one rule. */
function namespacedRole(ns: string, name: string, rule: object): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name, namespace: ns },
    rules: [rule],
  };
}

function withRoleBindings(
  roleBindings: KubeObject[],
  roles: KubeObject[] | ReturnType<typeof forbidden> | 'absent' = [],
  extra: {
    clusterRoles?: KubeObject[];
    clusterRoleBindings?: KubeObject[];
  } = {},
) {
  const rbac = kubeadmRbac();
  return snapshot({
    [CR]: [...rbac.clusterRoles, ...(extra.clusterRoles ?? [])],
    [CRB]: [...rbac.clusterRoleBindings, ...(extra.clusterRoleBindings ?? [])],
    [RB]: roleBindings,
    ...(roles === 'absent' ? {} : { [ROLES]: roles }),
  });
}

const SECRETS = {
  apiGroups: [''],
  resources: ['secrets'],
  verbs: ['get', 'list'],
};

describe(`${ID} with RoleBindings and Roles (v2)`, () => {
  it('judges a RoleBinding to a Role and names its namespace', () => {
    const r = resultOf(
      ID,
      withRoleBindings(
        [
          roleBinding(
            'ci-secrets',
            'payments',
            { kind: 'Role', name: 'secret-reader' },
            team,
          ),
        ],
        [namespacedRole('payments', 'secret-reader', SECRETS)],
      ),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'RoleBinding/payments/ci-secrets in namespace payments gives Role/payments/secret-reader to Group platform-team: get/list on secrets',
    );
    expect(r.evidence).toContain('Role/payments/secret-reader .rules[0]');
  });

  it('fails a RoleBinding to a ClusterRole granting escalate', () => {
    const r = resultOf(
      ID,
      withRoleBindings(
        [
          roleBinding(
            'escalator',
            'apps',
            { kind: 'ClusterRole', name: 'escalator' },
            team,
          ),
        ],
        [],
        {
          clusterRoles: [
            clusterRole('escalator', [
              {
                apiGroups: ['rbac.authorization.k8s.io'],
                resources: ['roles'],
                verbs: ['escalate'],
              },
            ]),
          ],
        },
      ),
    );
    expect(r.status).toBe('fail');
  });

  it('exempts RoleBindings to admin, edit and view, but not ClusterRoleBindings to them', () => {
    const bindings = ['admin', 'edit', 'view'].map(name =>
      roleBinding(
        `team-${name}`,
        'team-a',
        { kind: 'ClusterRole', name },
        team,
      ),
    );
    expect(resultOf(ID, withRoleBindings(bindings)).status).toBe('pass');
    // kubeadmRbac's edit role impersonates ServiceAccounts: cluster-wide it still fails.
    expect(
      resultOf(
        ID,
        withRoleBindings(bindings, [], {
          clusterRoleBindings: [clusterRoleBinding('devs-edit', 'edit', team)],
        }),
      ).status,
    ).toBe('fail');
  });

  it('warns on a RoleBinding to a Role that does not exist', () => {
    const r = resultOf(
      ID,
      withRoleBindings([
        roleBinding('dangling', 'apps', { kind: 'Role', name: 'gone' }, team),
      ]),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('binds Role/apps/gone, which does not exist');
  });

  it('is unknown when Roles were not collected and a RoleBinding binds a Role', () => {
    const binding = roleBinding(
      'ci',
      'apps',
      { kind: 'Role', name: 'deployer' },
      team,
    );
    const r = resultOf(ID, withRoleBindings([binding], 'absent'));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list roles.rbac.authorization.k8s.io']);
    const denied = resultOf(ID, withRoleBindings([binding], forbidden(ROLES)));
    expect(denied.status).toBe('unknown');
    // Another binding that fails still decides.
    const failing = resultOf(
      ID,
      withRoleBindings([binding], 'absent', {
        clusterRoles: [
          clusterRole('star', [
            { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
          ]),
        ],
        clusterRoleBindings: [clusterRoleBinding('star', 'star', team)],
      }),
    );
    expect(failing.status).toBe('fail');
  });

  it('is unknown when the RoleBindings read was denied', () => {
    const rbac = kubeadmRbac();
    const r = resultOf(
      ID,
      snapshot({
        [CR]: rbac.clusterRoles,
        [CRB]: rbac.clusterRoleBindings,
        [RB]: forbidden(RB),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'list rolebindings.rbac.authorization.k8s.io',
    ]);
  });

  it.each([
    'kube-apiserver',
    'system:kube-apiserver',
    'kube-apiserver-kubelet-client',
  ])(
    'exempts the API server kubelet client %s bound to system:kubelet-api-admin',
    user => {
      const kubeletApiAdmin = clusterRole('system:kubelet-api-admin', [
        {
          apiGroups: [''],
          resources: ['nodes/proxy', 'nodes/log', 'nodes/stats'],
          verbs: ['*'],
        },
      ]);
      const binding = clusterRoleBinding(
        'kube-apiserver-kubelet-admin',
        'system:kubelet-api-admin',
        [{ kind: 'User', name: user }],
      );
      expect(
        resultOf(
          ID,
          withRoleBindings([], [], {
            clusterRoles: [kubeletApiAdmin],
            clusterRoleBindings: [binding],
          }),
        ).status,
      ).toBe('pass');
      // The same role bound to a person still warns.
      const person = clusterRoleBinding(
        'ops-kubelet',
        'system:kubelet-api-admin',
        team,
      );
      expect(
        resultOf(
          ID,
          withRoleBindings([], [], {
            clusterRoles: [kubeletApiAdmin],
            clusterRoleBindings: [person],
          }),
        ).status,
      ).toBe('warn');
    },
  );
});
