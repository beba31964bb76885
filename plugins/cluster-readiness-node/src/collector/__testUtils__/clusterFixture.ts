/*
 * Test-only: a small self-hosted (kubeadm-like) cluster holding every resource key the
 * checks read, with full objects (annotations, managedFields) as an API server serves
 * them, so that a collection can be compared with the original.
 */
import type {
  ClusterSnapshot,
  KubeObject,
} from '@cluster-readiness/backstage-plugin-common';

export const COLLECTED_AT = '2026-11-20T10:00:00Z';

const managedFields = [
  {
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    apiVersion: 'v1',
    time: '2026-11-01T00:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:metadata': { 'f:annotations': {} } },
  },
];

function meta(
  name: string,
  namespace?: string,
  labels?: Record<string, string>,
) {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: `uid-${namespace ?? ''}-${name}`,
    resourceVersion: '1234',
    creationTimestamp: '2026-06-01T00:00:00Z',
    ...(labels ? { labels } : {}),
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"big":"blob"}',
    },
    managedFields,
  };
}

function node(name: string, zone: string, controlPlane = false): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, {
      'kubernetes.io/hostname': name,
      'topology.kubernetes.io/zone': zone,
      ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
    }),
    spec: controlPlane
      ? {
          taints: [
            {
              key: 'node-role.kubernetes.io/control-plane',
              effect: 'NoSchedule',
            },
          ],
        }
      : {},
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          lastHeartbeatTime: '2026-11-20T09:59:00Z',
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastHeartbeatTime: '2026-11-20T09:59:00Z',
        },
      ],
      addresses: [{ type: 'InternalIP', address: `10.0.0.${name.length}` }],
      nodeInfo: {
        kubeletVersion: 'v1.34.2',
        containerRuntimeVersion: 'containerd://2.0.5',
        osImage: 'Ubuntu 24.04 LTS',
      },
      images: [{ names: ['registry.k8s.io/pause:3.10'], sizeBytes: 320000 }],
    },
  };
}

function pod(
  name: string,
  namespace: string,
  nodeName: string,
  o: {
    labels?: Record<string, string>;
    command?: string[];
    sa?: string;
    resources?: object;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta(name, namespace, o.labels ?? { app: name }),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${name}-rs`,
          uid: 'x',
          controller: true,
        },
      ],
    },
    spec: {
      nodeName,
      serviceAccountName: o.sa ?? 'app',
      serviceAccount: o.sa ?? 'app',
      containers: [
        {
          name: 'main',
          image: 'registry.example.com/app:1.0.0',
          ...(o.command ? { command: o.command } : {}),
          env: [{ name: 'PASSWORD_FILE', value: '/etc/secret/p' }],
          resources: o.resources ?? {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { memory: '256Mi' },
          },
        },
      ],
      volumes: [{ name: 'v', emptyDir: {} }],
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      podIP: '10.244.0.10',
      containerStatuses: [{ name: 'main', ready: true, restartCount: 0 }],
    },
  };
}

function mirror(
  component: string,
  nodeName: string,
  flags: string[],
): KubeObject {
  const p = pod(`${component}-${nodeName}`, 'kube-system', nodeName, {
    labels: { component, tier: 'control-plane' },
    command: [component, ...flags],
    sa: 'default',
    resources: { requests: { cpu: '250m' } },
  });
  p.metadata!.ownerReferences = [
    {
      apiVersion: 'v1',
      kind: 'Node',
      name: nodeName,
      uid: 'n',
      controller: true,
    },
  ];
  return p;
}

function workload(
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet',
  name: string,
  namespace: string,
  replicas: number,
  labels: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: meta(name, namespace, labels),
    spec: {
      ...(kind === 'DaemonSet' ? {} : { replicas }),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'app',
          containers: [{ name: 'main', image: 'x' }],
        },
      },
    },
    status:
      kind === 'DaemonSet'
        ? { desiredNumberScheduled: replicas, numberReady: replicas }
        : { replicas, readyReplicas: replicas, availableReplicas: replicas },
  };
}

function rbac(
  kind: string,
  name: string,
  namespace: string | undefined,
  body: object,
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: meta(name, namespace),
    ...body,
  };
}

/** Nodes (3 control plane, 3 workers), pods, workloads and every other key. */
export function clusterFixture(extraPods = 0): ClusterSnapshot {
  const nodes = [
    node('cp-1', 'a', true),
    node('cp-2', 'b', true),
    node('cp-3', 'c', true),
    node('w-1', 'a'),
    node('w-2', 'b'),
    node('w-3', 'c'),
  ];
  const apiserverFlags = [
    '--authorization-mode=Node,RBAC',
    '--enable-admission-plugins=NodeRestriction',
    '--anonymous-auth=false',
    '--encryption-provider-config=/etc/kubernetes/enc.yaml',
    '--audit-log-path=/var/log/audit.log',
    '--audit-policy-file=/etc/kubernetes/audit.yaml',
    '--oidc-issuer-url=https://idp.example.com',
    '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  ];
  const pods: KubeObject[] = [];
  for (const cp of ['cp-1', 'cp-2', 'cp-3']) {
    pods.push(mirror('kube-apiserver', cp, apiserverFlags));
    pods.push(
      mirror('etcd', cp, [
        '--client-cert-auth=true',
        '--peer-client-cert-auth=true',
      ]),
    );
    pods.push(mirror('kube-controller-manager', cp, ['--leader-elect=true']));
    pods.push(mirror('kube-scheduler', cp, ['--leader-elect=true']));
  }
  pods.push(
    pod('coredns-1', 'kube-system', 'w-1', {
      labels: { 'k8s-app': 'kube-dns' },
      sa: 'coredns',
    }),
  );
  pods.push(
    pod('coredns-2', 'kube-system', 'w-2', {
      labels: { 'k8s-app': 'kube-dns' },
      sa: 'coredns',
    }),
  );
  for (let i = 0; i < 6 + extraPods; i++) {
    pods.push(
      pod(`web-${i}`, 'shop', `w-${(i % 3) + 1}`, { labels: { app: 'web' } }),
    );
  }
  pods.push(pod('job-0', 'batch', 'w-3', { sa: 'default', resources: {} }));

  const ns = (
    name: string,
    labels: Record<string, string> = {},
  ): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, {
      'kubernetes.io/metadata.name': name,
      ...labels,
    }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });

  const items = (list: KubeObject[]) => ({ items: list });
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: COLLECTED_AT,
    cluster: { name: 'prod-eu-1', skipTLSVerify: false },
    serverVersion: { major: '1', minor: '34', gitVersion: 'v1.34.2' },
    anonymousProbe: { status: 401 },
    resources: {
      nodes: items(nodes),
      namespaces: items([
        ns('default'),
        ns('kube-system'),
        ns('kube-public'),
        ns('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
        ns('batch'),
      ]),
      pods: items(pods),
      serviceaccounts: items([
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: meta('default', 'shop'),
        },
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: meta('app', 'shop'),
        },
      ]),
      resourcequotas: items([
        {
          apiVersion: 'v1',
          kind: 'ResourceQuota',
          metadata: meta('quota', 'shop'),
          spec: { hard: { 'requests.cpu': '10', 'requests.memory': '20Gi' } },
          status: {
            hard: { 'requests.cpu': '10', 'requests.memory': '20Gi' },
            used: { 'requests.cpu': '9500m', 'requests.memory': '1Gi' },
          },
        },
      ]),
      limitranges: items([
        {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: meta('defaults', 'shop'),
          spec: {
            limits: [
              {
                type: 'Container',
                default: { memory: '256Mi' },
                defaultRequest: { cpu: '100m' },
              },
            ],
          },
        },
      ]),
      configmaps: items([
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: meta('cluster-autoscaler-status', 'kube-system'),
          data: {
            status:
              'Cluster-autoscaler status at 2026-11-20 09:59:00: Health: Healthy',
          },
        },
      ]),
      'deployments.apps': items([
        workload('Deployment', 'coredns', 'kube-system', 2, {
          'k8s-app': 'kube-dns',
        }),
        workload('Deployment', 'web', 'shop', 6, { app: 'web' }),
      ]),
      'daemonsets.apps': items([
        workload('DaemonSet', 'kube-proxy', 'kube-system', 6, {
          'k8s-app': 'kube-proxy',
        }),
      ]),
      'statefulsets.apps': items([
        workload('StatefulSet', 'db', 'shop', 3, { app: 'db' }),
      ]),
      'cronjobs.batch': items([
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: meta('etcd-backup', 'kube-system'),
          spec: {
            schedule: '0 * * * *',
            jobTemplate: {
              spec: {
                template: {
                  spec: {
                    containers: [
                      {
                        name: 'b',
                        image: 'etcd-backup',
                        command: ['etcdctl', 'snapshot', 'save'],
                      },
                    ],
                  },
                },
              },
            },
          },
          status: {
            lastSuccessfulTime: '2026-11-20T09:00:00Z',
            lastScheduleTime: '2026-11-20T09:00:00Z',
          },
        },
      ]),
      'leases.coordination.k8s.io': items(
        ['kube-controller-manager', 'kube-scheduler'].map(name => ({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: meta(name, 'kube-system'),
          spec: {
            holderIdentity: 'cp-1_abc',
            leaseDurationSeconds: 15,
            renewTime: '2026-11-20T09:59:58.000000Z',
          },
        })),
      ),
      'endpointslices.discovery.k8s.io': items([
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: meta('kubernetes', 'default', {
            'kubernetes.io/service-name': 'kubernetes',
          }),
          addressType: 'IPv4',
          endpoints: ['10.0.0.4', '10.0.0.5', '10.0.0.6'].map(ip => ({
            addresses: [ip],
            conditions: { ready: true },
          })),
          ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
        },
      ]),
      'clusterroles.rbac.authorization.k8s.io': items([
        rbac('ClusterRole', 'cluster-admin', undefined, {
          rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
        }),
        rbac('ClusterRole', 'secret-reader', undefined, {
          rules: [
            { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
          ],
        }),
      ]),
      'clusterrolebindings.rbac.authorization.k8s.io': items([
        rbac('ClusterRoleBinding', 'cluster-admin', undefined, {
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'cluster-admin',
          },
          subjects: [
            {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'Group',
              name: 'system:masters',
            },
          ],
        }),
        rbac('ClusterRoleBinding', 'ops-secrets', undefined, {
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'secret-reader',
          },
          subjects: [
            {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'User',
              name: 'alice@example.com',
            },
          ],
        }),
      ]),
      'rolebindings.rbac.authorization.k8s.io': items([
        rbac('RoleBinding', 'default-edit', 'batch', {
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'edit',
          },
          subjects: [
            { kind: 'ServiceAccount', name: 'default', namespace: 'batch' },
          ],
        }),
      ]),
      'poddisruptionbudgets.policy': items([
        {
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: meta('web', 'shop'),
          spec: { minAvailable: 4, selector: { matchLabels: { app: 'web' } } },
          status: {
            disruptionsAllowed: 2,
            currentHealthy: 6,
            desiredHealthy: 4,
            expectedPods: 6,
          },
        },
        {
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: meta('coredns', 'kube-system'),
          spec: {
            maxUnavailable: 1,
            selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
          status: { disruptionsAllowed: 1 },
        },
      ]),
      'validatingwebhookconfigurations.admissionregistration.k8s.io': items([
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingWebhookConfiguration',
          metadata: meta('kyverno-resource-validating-webhook-cfg'),
          webhooks: [
            {
              name: 'validate.kyverno.svc',
              failurePolicy: 'Fail',
              timeoutSeconds: 10,
              namespaceSelector: {
                matchExpressions: [
                  {
                    key: 'kubernetes.io/metadata.name',
                    operator: 'NotIn',
                    values: ['kube-system'],
                  },
                ],
              },
              clientConfig: {
                service: { name: 'kyverno', namespace: 'kyverno' },
              },
              admissionReviewVersions: ['v1'],
              sideEffects: 'None',
            },
          ],
        },
      ]),
      'mutatingwebhookconfigurations.admissionregistration.k8s.io': items([]),
      'certificatesigningrequests.certificates.k8s.io': items([
        {
          apiVersion: 'certificates.k8s.io/v1',
          kind: 'CertificateSigningRequest',
          metadata: {
            ...meta('csr-old'),
            creationTimestamp: '2026-11-20T07:00:00Z',
          },
          spec: {
            signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
            usages: ['client auth'],
            request: 'LS0t',
          },
          status: {},
        },
      ]),
      'networkpolicies.networking.k8s.io': items([
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: meta('default-deny', 'shop'),
          spec: { podSelector: {}, policyTypes: ['Ingress'] },
        },
      ]),
      'horizontalpodautoscalers.autoscaling': items([
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: meta('web', 'shop'),
          spec: {
            scaleTargetRef: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'web',
            },
            minReplicas: 3,
            maxReplicas: 10,
          },
        },
      ]),
      'apiservices.apiregistration.k8s.io': items([
        {
          apiVersion: 'apiregistration.k8s.io/v1',
          kind: 'APIService',
          metadata: meta('v1beta1.metrics.k8s.io'),
          spec: {
            group: 'metrics.k8s.io',
            version: 'v1beta1',
            service: { name: 'metrics-server', namespace: 'kube-system' },
          },
          status: {
            conditions: [
              { type: 'Available', status: 'True', reason: 'Passed' },
            ],
          },
        },
      ]),
      'backups.velero.io': items([
        {
          apiVersion: 'velero.io/v1',
          kind: 'Backup',
          metadata: meta('daily-20261120', 'velero'),
          spec: { includedNamespaces: ['*'] },
          status: {
            phase: 'Completed',
            completionTimestamp: '2026-11-20T03:00:00Z',
          },
        },
      ]),
    },
  };
}
