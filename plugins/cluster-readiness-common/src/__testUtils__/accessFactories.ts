/*
 * Test-only builders for the access checks: admission webhook configurations,
 * certificate signing requests and network policies, shaped as the API server returns
 * them (defaults filled in) and valid against the official Kubernetes schemas.
 */
import type { KubeObject, LabelSelector } from '../snapshot/kube';
import {
  ago,
  clusterRole as plainClusterRole,
  clusterRoleBinding,
  COLLECTED_AT,
  MINUTE,
  roleBinding,
} from './factories';

export interface WebhookOptions {
  name?: string;
  /** `null` leaves the field out, as in a manifest before the API server defaults it. */
  failurePolicy?: 'Fail' | 'Ignore' | null;
  timeoutSeconds?: number | null;
  namespaceSelector?: LabelSelector | null;
  objectSelector?: LabelSelector | null;
  /** Service backing the webhook, `namespace/name`. */
  service?: string;
}

function webhook(o: WebhookOptions, i: number, mutating: boolean) {
  const [svcNamespace, svcName] = (o.service ?? 'policy/policy-webhook').split(
    '/',
  );
  const fields: Record<string, unknown> = {
    name:
      o.name ?? `${mutating ? 'mutate' : 'validate'}-${i}.policy.example.com`,
    admissionReviewVersions: ['v1'],
    clientConfig: {
      service: {
        namespace: svcNamespace,
        name: svcName,
        path: mutating ? '/mutate' : '/validate',
        port: 443,
      },
      caBundle:
        'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENDQVRlZ0F3SUJBZ0lJCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K',
    },
    rules: [
      {
        apiGroups: [''],
        apiVersions: ['v1'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['pods'],
        scope: '*',
      },
    ],
    sideEffects: 'None',
    matchPolicy: 'Equivalent',
    failurePolicy: o.failurePolicy === undefined ? 'Fail' : o.failurePolicy,
    timeoutSeconds: o.timeoutSeconds === undefined ? 10 : o.timeoutSeconds,
    namespaceSelector:
      o.namespaceSelector === undefined ? {} : o.namespaceSelector,
    objectSelector: o.objectSelector === undefined ? {} : o.objectSelector,
    ...(mutating ? { reinvocationPolicy: 'Never' } : {}),
  };
  for (const key of Object.keys(fields)) {
    if (fields[key] === null) delete fields[key];
  }
  return fields;
}

export function validatingWebhookConfiguration(
  name: string,
  webhooks: WebhookOptions[] = [{}],
): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name, creationTimestamp: '2026-10-01T00:00:00Z' },
    webhooks: webhooks.map((w, i) => webhook(w, i, false)),
  };
}

export function mutatingWebhookConfiguration(
  name: string,
  webhooks: WebhookOptions[] = [{}],
): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name, creationTimestamp: '2026-10-01T00:00:00Z' },
    webhooks: webhooks.map((w, i) => webhook(w, i, true)),
  };
}

/** namespaceSelector that keeps a webhook away from the given namespaces. */
export function excludingNamespaces(...names: string[]): LabelSelector {
  return {
    matchExpressions: [
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: names },
    ],
  };
}

const PEM_CSR = Buffer.from(
  '-----BEGIN CERTIFICATE REQUEST-----\nMIHSMHoCAQAwGDEWMBQGA1UEAxMNYWxpY2VAZXhhbXBsZTBZMBMGByqGSM49AgEG\n-----END CERTIFICATE REQUEST-----\n',
).toString('base64');

const PEM_CERT = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIBkTCCATegAwIBAgIIWq0nYt3p8XcwCgYIKoZIzj0EAwIwFTETMBEGA1UEAxMK\n-----END CERTIFICATE-----\n',
).toString('base64');

export interface CsrOptions {
  signerName?: string;
  /** Requesting identity; defaults by signer (a user, or a bootstrapping kubelet). */
  username?: string;
  decision?: 'Approved' | 'Denied' | 'pending';
  /** Creation time; default 5 minutes before COLLECTED_AT. */
  created?: string;
  expirationSeconds?: number;
}

const SIGNER_DEFAULTS: Record<
  string,
  { username: string; groups: string[]; usages: string[] }
> = {
  'kubernetes.io/kube-apiserver-client': {
    username: 'kubernetes-admin',
    groups: ['kubeadm:cluster-admins', 'system:authenticated'],
    usages: ['digital signature', 'key encipherment', 'client auth'],
  },
  'kubernetes.io/kube-apiserver-client-kubelet': {
    username: 'system:bootstrap:abcdef',
    groups: [
      'system:bootstrappers',
      'system:bootstrappers:kubeadm:default-node-token',
      'system:authenticated',
    ],
    usages: ['digital signature', 'client auth'],
  },
  'kubernetes.io/kubelet-serving': {
    username: 'system:node:worker-1',
    groups: ['system:nodes', 'system:authenticated'],
    usages: ['digital signature', 'server auth'],
  },
};

export function certificateSigningRequest(
  name: string,
  o: CsrOptions = {},
): KubeObject {
  const signerName = o.signerName ?? 'kubernetes.io/kube-apiserver-client';
  const defaults =
    SIGNER_DEFAULTS[signerName] ??
    SIGNER_DEFAULTS['kubernetes.io/kube-apiserver-client'];
  const decision = o.decision ?? 'Approved';
  const created = o.created ?? ago(5 * MINUTE);
  const decided = new Date(
    Math.min(Date.parse(created) + MINUTE, Date.parse(COLLECTED_AT)),
  )
    .toISOString()
    .replace('.000Z', 'Z');
  const status: Record<string, unknown> = {};
  if (decision === 'Approved') {
    status.conditions = [
      {
        type: 'Approved',
        status: 'True',
        reason: 'KubectlApprove',
        message: 'This CSR was approved by kubectl certificate approve.',
        lastUpdateTime: decided,
        lastTransitionTime: decided,
      },
    ];
    status.certificate = PEM_CERT;
  } else if (decision === 'Denied') {
    status.conditions = [
      {
        type: 'Denied',
        status: 'True',
        reason: 'KubectlDeny',
        message: 'This CSR was denied by kubectl certificate deny.',
        lastUpdateTime: decided,
        lastTransitionTime: decided,
      },
    ];
  }
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name, creationTimestamp: created },
    spec: {
      request: PEM_CSR,
      signerName,
      ...(o.expirationSeconds !== undefined
        ? { expirationSeconds: o.expirationSeconds }
        : {}),
      usages: defaults.usages,
      username: o.username ?? defaults.username,
      groups: defaults.groups,
    },
    status,
  };
}

export function networkPolicy(
  name: string,
  namespaceName: string,
  o: { podSelector?: LabelSelector; policyTypes?: string[] } = {},
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: namespaceName },
    spec: {
      podSelector: o.podSelector ?? {},
      policyTypes: o.policyTypes ?? ['Ingress'],
    },
  };
}

const RBAC = 'rbac.authorization.k8s.io';

type Rule = Parameters<typeof plainClusterRole>[1][number];

/** A ClusterRole; `aggregateTo` adds the aggregationRule of the built-in admin/edit/view. */
export function clusterRole(
  name: string,
  rules: Rule[],
  o: { labels?: Record<string, string>; aggregateTo?: string } = {},
): KubeObject {
  return {
    ...plainClusterRole(name, rules),
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    ...(o.aggregateTo
      ? {
          aggregationRule: {
            clusterRoleSelectors: [
              {
                matchLabels: {
                  [`rbac.authorization.k8s.io/aggregate-to-${o.aggregateTo}`]:
                    'true',
                },
              },
            ],
          },
        }
      : {}),
  };
}

function rule(apiGroups: string[], resources: string[], verbs: string[]): Rule {
  return { apiGroups, resources, verbs };
}

/**
 * The RBAC objects a fresh kubeadm cluster has that the access checks read: the
 * built-in user-facing ClusterRoles and the bindings kubeadm and the API server create.
 */
export function kubeadmRbac(): {
  clusterRoles: KubeObject[];
  clusterRoleBindings: KubeObject[];
  roleBindings: KubeObject[];
} {
  const aggregated = (name: string, rules: Rule[]) =>
    clusterRole(name, rules, {
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
      aggregateTo: name,
    });
  const clusterRoles = [
    clusterRole(
      'cluster-admin',
      [rule(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }],
      { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    ),
    aggregated('admin', [
      rule(
        [''],
        [
          'pods/attach',
          'pods/exec',
          'pods/portforward',
          'pods/proxy',
          'secrets',
          'services/proxy',
        ],
        ['get', 'list', 'watch'],
      ),
      rule([''], ['serviceaccounts'], ['impersonate']),
      rule(
        [''],
        ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'],
        ['create', 'delete', 'deletecollection', 'patch', 'update'],
      ),
      rule(
        [RBAC],
        ['rolebindings', 'roles'],
        [
          'create',
          'delete',
          'deletecollection',
          'get',
          'list',
          'patch',
          'update',
          'watch',
        ],
      ),
    ]),
    aggregated('edit', [
      rule(
        [''],
        [
          'pods/attach',
          'pods/exec',
          'pods/portforward',
          'pods/proxy',
          'secrets',
          'services/proxy',
        ],
        ['get', 'list', 'watch'],
      ),
      rule([''], ['serviceaccounts'], ['impersonate']),
      rule(
        ['apps'],
        ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
        ['create', 'delete', 'deletecollection', 'patch', 'update'],
      ),
    ]),
    aggregated('view', [
      rule(
        [''],
        [
          'configmaps',
          'endpoints',
          'persistentvolumeclaims',
          'pods',
          'replicationcontrollers',
          'services',
        ],
        ['get', 'list', 'watch'],
      ),
      rule(
        ['apps'],
        ['daemonsets', 'deployments', 'replicasets', 'statefulsets'],
        ['get', 'list', 'watch'],
      ),
    ]),
    clusterRole('system:public-info-viewer', [
      {
        nonResourceURLs: [
          '/healthz',
          '/livez',
          '/readyz',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ]),
    clusterRole('system:basic-user', [
      rule(
        ['authorization.k8s.io'],
        ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        ['create'],
      ),
    ]),
    clusterRole('system:node-proxier', [
      rule([''], ['endpoints', 'services'], ['list', 'watch']),
      rule([''], ['nodes'], ['get', 'list', 'watch']),
    ]),
    clusterRole('system:coredns', [
      rule(
        [''],
        ['endpoints', 'services', 'pods', 'namespaces'],
        ['list', 'watch'],
      ),
      rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
    ]),
    clusterRole('kubeadm:get-nodes', [rule([''], ['nodes'], ['get'])]),
  ];
  const clusterRoleBindings = [
    clusterRoleBinding('cluster-admin', 'cluster-admin', [
      { kind: 'Group', name: 'system:masters' },
    ]),
    clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [
      { kind: 'Group', name: 'kubeadm:cluster-admins' },
    ]),
    clusterRoleBinding(
      'system:public-info-viewer',
      'system:public-info-viewer',
      [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'Group', name: 'system:unauthenticated' },
      ],
    ),
    clusterRoleBinding('system:basic-user', 'system:basic-user', [
      { kind: 'Group', name: 'system:authenticated' },
    ]),
    clusterRoleBinding('system:kube-scheduler', 'system:kube-scheduler', [
      { kind: 'User', name: 'system:kube-scheduler' },
    ]),
    clusterRoleBinding('kubeadm:node-proxier', 'system:node-proxier', [
      { kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' },
    ]),
    clusterRoleBinding('system:coredns', 'system:coredns', [
      { kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' },
    ]),
    clusterRoleBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', [
      {
        kind: 'Group',
        name: 'system:bootstrappers:kubeadm:default-node-token',
      },
    ]),
  ];
  const roleBindings = [
    roleBinding(
      'kubeadm:bootstrap-signer-clusterinfo',
      'kube-public',
      { kind: 'Role', name: 'kubeadm:bootstrap-signer-clusterinfo' },
      [{ kind: 'User', name: 'system:anonymous' }],
    ),
    roleBinding(
      'kube-proxy',
      'kube-system',
      { kind: 'Role', name: 'kube-proxy' },
      [
        {
          kind: 'Group',
          name: 'system:bootstrappers:kubeadm:default-node-token',
        },
      ],
    ),
    roleBinding(
      'system:controller:bootstrap-signer',
      'kube-public',
      { kind: 'Role', name: 'system:controller:bootstrap-signer' },
      [
        {
          kind: 'ServiceAccount',
          name: 'bootstrap-signer',
          namespace: 'kube-system',
        },
      ],
    ),
  ];
  return { clusterRoles, clusterRoleBindings, roleBindings };
}
