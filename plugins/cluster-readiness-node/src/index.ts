/**
 * Node.js library of the Cluster Readiness plugins: reading snapshots and kubectl
 * Lists as a stream, writing snapshots, waiver files, the live collector (one
 * collector, two transports: a kubeconfig or the Backstage kubernetes proxy), and the
 * extension points for backend modules.
 *
 * @packageDocumentation
 */
export * from './extensions/clusterReadinessChecksExtensionPoint';
export * from './snapshot/JsonItemScanner';
export * from './snapshot/readSnapshot';
export * from './snapshot/writeSnapshot';
export * from './waivers/readWaiversFile';
export * from './util/fileProblem';
export type {
  ClusterRequestOptions,
  ClusterResponse,
  ClusterTarget,
  ClusterTransport,
  ServerCertificate,
} from './collector/ClusterTransport';
export {
  ClusterAuthenticationError,
  ClusterCollectionError,
  ClusterNeedsUserCredentialsError,
  ClusterTimeoutError,
  ClusterTlsError,
  ClusterUnreachableError,
  KubeconfigError,
  displayServer,
  redactCredentials,
} from './collector/errors';
export {
  DirectTransport,
  defaultKubeconfigPath,
} from './collector/DirectTransport';
export type {
  DirectTransportOptions,
  FromKubeconfigOptions,
} from './collector/DirectTransport';
export {
  BACKSTAGE_KUBERNETES_CLUSTER_HEADER,
  BackstageProxyTransport,
  USER_CREDENTIAL_AUTH_PROVIDERS,
  classifyProxyError,
} from './collector/BackstageProxyTransport';
export type {
  BackstageProxyTransportOptions,
  ProxyAnswer,
} from './collector/BackstageProxyTransport';
export { collectSnapshot } from './collector/collectSnapshot';
export type {
  CollectProgressEvent,
  CollectSnapshotOptions,
} from './collector/collectSnapshot';
