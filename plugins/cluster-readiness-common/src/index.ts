/**
 * Types, snapshot validation, the check catalog and logic, and scoring shared by the
 * Cluster Readiness plugins. Pure and browser-safe.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './snapshot/kube';
export * from './snapshot/ClusterSnapshot';
export * from './snapshot/itemSchemas';
export * from './snapshot/snapshotErrorMap';
export * from './snapshot/resources';
export * from './snapshot/trimObject';
export * from './engine/SnapshotIndex';
export * from './engine/detectDistribution';
export * from './engine/nodeArgs';
export * from './engine/distributionDefaults';
export * from './engine/labels';
export * from './engine/quantity';
export * from './engine/evaluate';
export * from './engine/versionEndOfLife';
export * from './checks/ReadinessCheck';
export { BUILTIN_CHECKS } from './checks';
export * from './report/scoring';
export * from './report/gradeLabel';
export * from './report/waivers';
export * from './report/formats';
export * from './permissions';
export * from './workloads/workloadFindings';
export * from './api/types';
export * from './api/fleet';
export * from './api/clusterName';
export * from './api/signals';
export * from './util/mapWithConcurrency';
