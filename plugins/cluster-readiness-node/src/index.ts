/**
 * Node.js library of the Cluster Readiness plugins: reading snapshots and kubectl
 * Lists as a stream, waiver files, and the extension points for backend modules.
 *
 * @packageDocumentation
 */
export * from './extensions/clusterReadinessChecksExtensionPoint';
export * from './snapshot/JsonItemScanner';
export * from './snapshot/readSnapshot';
export * from './waivers/readWaiversFile';
