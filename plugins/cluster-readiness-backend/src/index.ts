/**
 * Backstage backend plugin that keeps a production-readiness report for every
 * Kubernetes cluster Backstage knows.
 *
 * @packageDocumentation
 */
export { clusterReadinessPlugin as default } from './plugin';
export { ClusterOwnershipPolicy } from './permissions/ClusterOwnershipPolicy';
export type { ClusterOwnershipPolicyOptions } from './permissions/ClusterOwnershipPolicy';
export { EntityRefAuthorizer } from './permissions/EntityRefAuthorizer';
export type { EntityRefAuthorizerOptions, EntityRefDecision } from './permissions/EntityRefAuthorizer';
