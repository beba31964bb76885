import { createHash } from 'node:crypto';
import type { ResourceType } from '@cluster-readiness/backstage-plugin-common';

/** A resource as a kube-apiserver advertises it in discovery. */
export interface ServedType extends ResourceType {
  singularName: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** What real clusters advertise for these resources (kubectl api-resources -o wide). */
const EXTRA: Record<
  string,
  { shortNames?: string[]; categories?: string[]; verbs?: string[] }
> = {
  nodes: { shortNames: ['no'] },
  namespaces: {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  },
  pods: { shortNames: ['po'], categories: ['all'] },
  serviceaccounts: { shortNames: ['sa'] },
  resourcequotas: { shortNames: ['quota'] },
  limitranges: { shortNames: ['limits'] },
  configmaps: { shortNames: ['cm'] },
  secrets: {},
  'deployments.apps': { shortNames: ['deploy'], categories: ['all'] },
  'daemonsets.apps': { shortNames: ['ds'], categories: ['all'] },
  'statefulsets.apps': { shortNames: ['sts'], categories: ['all'] },
  'cronjobs.batch': { shortNames: ['cj'], categories: ['all'] },
  'poddisruptionbudgets.policy': { shortNames: ['pdb'] },
  'certificatesigningrequests.certificates.k8s.io': { shortNames: ['csr'] },
  'networkpolicies.networking.k8s.io': { shortNames: ['netpol'] },
  'horizontalpodautoscalers.autoscaling': {
    shortNames: ['hpa'],
    categories: ['all'],
  },
  'apiservices.apiregistration.k8s.io': { categories: ['api-extensions'] },
  'validatingwebhookconfigurations.admissionregistration.k8s.io': {
    categories: ['api-extensions'],
  },
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': {
    categories: ['api-extensions'],
  },
  'nodepools.karpenter.sh': { categories: ['karpenter'] },
  'backups.velero.io': { categories: ['velero'] },
};

/** Secrets exist on every cluster; the test server serves them as an empty list. */
export const SECRETS_TYPE: ResourceType = {
  key: 'secrets',
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  namespaced: true,
};

/**
 * Kinds every cluster has that no check reads, served as empty lists so that
 * `kubectl cluster-info dump` (which lists them in every namespace) works against the
 * test server as against a real one.
 */
export const EMPTY_CORE_TYPES: readonly ResourceType[] = [
  {
    key: 'events',
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    namespaced: true,
  },
  {
    key: 'services',
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
  },
  {
    key: 'replicationcontrollers',
    group: '',
    version: 'v1',
    kind: 'ReplicationController',
    plural: 'replicationcontrollers',
    namespaced: true,
  },
  {
    key: 'replicasets.apps',
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
  },
];

export function toServedType(type: ResourceType): ServedType {
  const extra = EXTRA[type.key] ?? {};
  return {
    ...type,
    singularName: type.kind.toLowerCase(),
    verbs: extra.verbs ?? ALL_VERBS,
    ...(extra.shortNames ? { shortNames: extra.shortNames } : {}),
    ...(extra.categories ? { categories: extra.categories } : {}),
  };
}

export function groupVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Roughly the order in which kube-apiserver lists its groups at /apis. */
const GROUP_PRIORITY = [
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
];

export function compareGroups(a: string, b: string): number {
  const ia = GROUP_PRIORITY.indexOf(a);
  const ib = GROUP_PRIORITY.indexOf(b);
  if (ia >= 0 || ib >= 0) {
    if (ia < 0) return 1;
    if (ib < 0) return -1;
    return ia - ib;
  }
  return a.localeCompare(b);
}

function storageVersionHash(type: ServedType): string {
  return createHash('sha256')
    .update(`${groupVersionOf(type.group, type.version)}/${type.kind}`)
    .digest()
    .subarray(0, 8)
    .toString('base64');
}

/** One entry of a legacy `APIResourceList`. */
export function apiResource(type: ServedType): object {
  return {
    name: type.plural,
    singularName: type.singularName,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames ? { shortNames: type.shortNames } : {}),
    ...(type.categories ? { categories: type.categories } : {}),
    storageVersionHash: storageVersionHash(type),
  };
}

/** One entry of an aggregated `APIVersionDiscovery.resources`. */
export function apiResourceDiscovery(type: ServedType): object {
  return {
    resource: type.plural,
    responseKind: { group: type.group, version: type.version, kind: type.kind },
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singularName,
    verbs: type.verbs,
    ...(type.shortNames ? { shortNames: type.shortNames } : {}),
    ...(type.categories ? { categories: type.categories } : {}),
  };
}
