/**
 * Backstage backend plugin that keeps a production-readiness report for every
 * Kubernetes cluster Backstage knows.
 *
 * @packageDocumentation
 */
export { clusterReadinessPlugin as default } from './plugin';
