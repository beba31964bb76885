/**
 * One kind of object the checks read, and how it is listed from the API server.
 * @public
 */
export interface ResourceType {
  /** Snapshot key: plural, then `.<group>` for non-core groups. */
  key: string;
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** Only this namespace is read (leases, endpointslices, configmaps). */
  namespace?: string;
  /** Only these objects are read (by name, within `namespace`); a 404 means none. */
  names?: readonly string[];
  /** A custom resource that many clusters do not have; absent from discovery is fine. */
  optional?: boolean;
}

/**
 * Every resource the checks read (snapshot.md). Secrets are never read.
 * @public
 */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  {
    key: 'nodes',
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
  },
  {
    key: 'namespaces',
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
  },
  {
    key: 'pods',
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
  },
  {
    key: 'serviceaccounts',
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
  },
  {
    key: 'resourcequotas',
    group: '',
    version: 'v1',
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    namespaced: true,
  },
  {
    key: 'limitranges',
    group: '',
    version: 'v1',
    kind: 'LimitRange',
    plural: 'limitranges',
    namespaced: true,
  },
  {
    key: 'configmaps',
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
    namespace: 'kube-system',
    names: ['cluster-autoscaler-status', 'kubeadm-config'],
  },
  {
    key: 'deployments.apps',
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
  },
  {
    key: 'daemonsets.apps',
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    namespaced: true,
  },
  {
    key: 'statefulsets.apps',
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    namespaced: true,
  },
  {
    key: 'cronjobs.batch',
    group: 'batch',
    version: 'v1',
    kind: 'CronJob',
    plural: 'cronjobs',
    namespaced: true,
  },
  {
    key: 'leases.coordination.k8s.io',
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    plural: 'leases',
    namespaced: true,
    namespace: 'kube-system',
  },
  {
    key: 'endpointslices.discovery.k8s.io',
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    namespaced: true,
    namespace: 'default',
  },
  {
    key: 'clusterroles.rbac.authorization.k8s.io',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
  },
  {
    key: 'clusterrolebindings.rbac.authorization.k8s.io',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
  {
    key: 'roles.rbac.authorization.k8s.io',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'Role',
    plural: 'roles',
    namespaced: true,
  },
  {
    key: 'rolebindings.rbac.authorization.k8s.io',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'RoleBinding',
    plural: 'rolebindings',
    namespaced: true,
  },
  {
    key: 'poddisruptionbudgets.policy',
    group: 'policy',
    version: 'v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  {
    key: 'validatingwebhookconfigurations.admissionregistration.k8s.io',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    kind: 'ValidatingWebhookConfiguration',
    plural: 'validatingwebhookconfigurations',
    namespaced: false,
  },
  {
    key: 'mutatingwebhookconfigurations.admissionregistration.k8s.io',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    kind: 'MutatingWebhookConfiguration',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
  },
  {
    key: 'certificatesigningrequests.certificates.k8s.io',
    group: 'certificates.k8s.io',
    version: 'v1',
    kind: 'CertificateSigningRequest',
    plural: 'certificatesigningrequests',
    namespaced: false,
  },
  {
    key: 'networkpolicies.networking.k8s.io',
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    namespaced: true,
  },
  {
    key: 'horizontalpodautoscalers.autoscaling',
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  {
    key: 'apiservices.apiregistration.k8s.io',
    group: 'apiregistration.k8s.io',
    version: 'v1',
    kind: 'APIService',
    plural: 'apiservices',
    namespaced: false,
  },
  {
    key: 'nodepools.karpenter.sh',
    group: 'karpenter.sh',
    version: 'v1',
    kind: 'NodePool',
    plural: 'nodepools',
    namespaced: false,
    optional: true,
  },
  {
    key: 'backups.velero.io',
    group: 'velero.io',
    version: 'v1',
    kind: 'Backup',
    plural: 'backups',
    namespaced: true,
    optional: true,
  },
  {
    key: 'apiservers.config.openshift.io',
    group: 'config.openshift.io',
    version: 'v1',
    kind: 'APIServer',
    plural: 'apiservers',
    namespaced: false,
    names: ['cluster'],
    optional: true,
  },
  {
    key: 'authentications.config.openshift.io',
    group: 'config.openshift.io',
    version: 'v1',
    kind: 'Authentication',
    plural: 'authentications',
    namespaced: false,
    names: ['cluster'],
    optional: true,
  },
];

const BY_KEY = new Map(RESOURCE_TYPES.map(t => [t.key, t]));

/** @public */
export function resourceType(key: string): ResourceType | undefined {
  return BY_KEY.get(key);
}

/**
 * The RBAC grant needed to read a resource, as an operator would write it:
 * `list clusterrolebindings.rbac.authorization.k8s.io`, or
 * `get configmaps (kube-system/cluster-autoscaler-status, kube-system/kubeadm-config)`.
 * @public
 */
export function requiredGrant(key: string): string {
  const type = BY_KEY.get(key);
  if (type?.names) {
    const where = type.namespace ? `${type.namespace}/` : '';
    return `get ${key} (${type.names.map(n => where + n).join(', ')})`;
  }
  return `list ${key}${type?.namespace ? ` in ${type.namespace}` : ''}`;
}

/**
 * Snapshot key for an object of a kubectl List, from its `apiVersion` and `kind`.
 * Version is ignored so that `autoscaling/v1` and `/v2` HPAs land in one key.
 * @public
 */
export function resourceKeyOf(
  apiVersion: string | undefined,
  kind: string | undefined,
): string | undefined {
  if (!apiVersion || !kind) return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  for (const type of RESOURCE_TYPES) {
    if (type.kind === kind && type.group === group) return type.key;
  }
  return undefined;
}
