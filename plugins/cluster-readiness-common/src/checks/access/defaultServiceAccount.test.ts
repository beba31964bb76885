import {
  clusterRoleBinding,
  forbidden,
  mirrorPod,
  pod,
  resultOf,
  roleBinding,
  snapshot,
} from '../../__testUtils__/factories';
import { kubeadmRbac } from '../../__testUtils__/accessFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'access.default-service-account';
const CRB = 'clusterrolebindings.rbac.authorization.k8s.io';
const RB = 'rolebindings.rbac.authorization.k8s.io';

const basePods = [
  mirrorPod('kube-apiserver', 'cp-1'),
  pod('web-5d4f8c7b9-x2k4q', {
    namespace: 'team-a',
    serviceAccountName: 'web',
  }),
];

function cluster(
  o: { pods?: KubeObject[]; crbs?: KubeObject[]; rbs?: KubeObject[] } = {},
) {
  const rbac = kubeadmRbac();
  return snapshot({
    pods: [...basePods, ...(o.pods ?? [])],
    [CRB]: [...rbac.clusterRoleBindings, ...(o.crbs ?? [])],
    [RB]: [...rbac.roleBindings, ...(o.rbs ?? [])],
  });
}

function withoutServiceAccountName(p: KubeObject): KubeObject {
  delete p.spec.serviceAccountName;
  return p;
}

describe(ID, () => {
  it('passes when workloads use their own ServiceAccounts (system pods are ignored)', () => {
    const r = resultOf(ID, cluster());
    expect(r.status).toBe('pass');
  });

  it.each([
    [
      'default',
      pod('batch', { namespace: 'team-b', serviceAccountName: 'default' }),
    ],
    ['empty', pod('batch', { namespace: 'team-b', serviceAccountName: '' })],
    [
      'absent',
      withoutServiceAccountName(pod('batch', { namespace: 'team-b' })),
    ],
  ])('warns on a pod whose serviceAccountName is %s', (_, p) => {
    const r = resultOf(ID, cluster({ pods: [p] }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('1 pod in 1 namespace (team-b)');
    expect(r.evidence).toEqual(['Pod/team-b/batch .spec.serviceAccountName']);
  });

  it('ignores terminated pods and pods of configured system namespaces', () => {
    const done = pod('migrate-29384', {
      namespace: 'team-b',
      serviceAccountName: 'default',
      phase: 'Succeeded',
    });
    const agent = pod('agent', {
      namespace: 'monitoring',
      serviceAccountName: 'default',
    });
    expect(resultOf(ID, cluster({ pods: [done] })).status).toBe('pass');
    expect(
      resultOf(ID, cluster({ pods: [agent] }), {
        extraSystemNamespaces: ['monitoring'],
      }).status,
    ).toBe('pass');
  });

  it('fails a RoleBinding to the default ServiceAccount (namespace from the binding)', () => {
    const rb = roleBinding(
      'default-edit',
      'team-a',
      { kind: 'ClusterRole', name: 'edit' },
      [{ kind: 'ServiceAccount', name: 'default' }],
    );
    delete (rb.subjects as any)[0].namespace;
    const r = resultOf(ID, cluster({ rbs: [rb] }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'RoleBinding/team-a/default-edit grants ClusterRole/edit to ServiceAccount team-a/default',
    );
    expect(r.evidence).toEqual([
      'RoleBinding/team-a/default-edit .subjects[0]',
    ]);
  });

  it.each([
    [
      'as a ServiceAccount',
      { kind: 'ServiceAccount', name: 'default', namespace: 'team-a' },
    ],
    [
      'as a User',
      { kind: 'User', name: 'system:serviceaccount:team-a:default' },
    ],
  ])(
    'fails a ClusterRoleBinding to the default ServiceAccount %s',
    (_, subject) => {
      const r = resultOf(
        ID,
        cluster({
          crbs: [clusterRoleBinding('team-a-view', 'view', [subject])],
        }),
      );
      expect(r.status).toBe('fail');
      expect(r.evidence).toEqual([
        'ClusterRoleBinding/team-a-view .subjects[0]',
      ]);
    },
  );

  it('fails before warning', () => {
    const r = resultOf(
      ID,
      cluster({
        pods: [
          pod('batch', { namespace: 'team-b', serviceAccountName: 'default' }),
        ],
        crbs: [
          clusterRoleBinding('team-a-view', 'view', [
            { kind: 'ServiceAccount', name: 'default', namespace: 'team-a' },
          ]),
        ],
      }),
    );
    expect(r.status).toBe('fail');
  });

  it('ignores bindings to default ServiceAccounts of system namespaces', () => {
    const crb = clusterRoleBinding('kube-system-default', 'view', [
      { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' },
    ]);
    expect(resultOf(ID, cluster({ crbs: [crb] })).status).toBe('pass');
  });

  it('fails from the bindings it can read while pods are denied', () => {
    const s = cluster({
      crbs: [
        clusterRoleBinding('team-a-view', 'view', [
          { kind: 'ServiceAccount', name: 'default', namespace: 'team-a' },
        ]),
      ],
    });
    s.resources.pods = forbidden('pods');
    expect(resultOf(ID, s).status).toBe('fail');
  });

  it('is unknown when a list is denied and nothing fails', () => {
    const s = cluster({
      pods: [
        pod('batch', { namespace: 'team-b', serviceAccountName: 'default' }),
      ],
    });
    s.resources[RB] = forbidden(RB);
    const r = resultOf(ID, s);
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([`list ${RB}`]);
  });

  it('is unknown when pods are denied', () => {
    const s = cluster();
    s.resources.pods = forbidden('pods');
    const r = resultOf(ID, s);
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });

  it('keeps the evidence bounded', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      pod(`worker-${i}`, {
        namespace: `team-${i % 4}`,
        serviceAccountName: 'default',
      }),
    );
    const r = resultOf(ID, cluster({ pods: many }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      '30 pods in 4 namespaces (team-0, team-1, team-2, …)',
    );
    expect(r.evidence).toHaveLength(21);
    expect(r.evidence[20]).toBe('… and 10 more');
  });
});
