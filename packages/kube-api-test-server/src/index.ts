/**
 * TEST SUPPORT ONLY — never imported by production code.
 *
 * Serves a ClusterSnapshot over HTTPS like a kube-apiserver (discovery, lists with
 * pagination, get by name, Tables for kubectl, Status errors, bearer-token auth and
 * injected faults), so that collectors can be tested against what real clients see.
 *
 * @packageDocumentation
 */
export { startKubeApiTestServer } from './server';
export type {
  FaultRule,
  ItemTypeMeta,
  KubeApiTestServer,
  KubeApiTestServerOptions,
  RecordedRequest,
  ResourceSource,
  WriteKubeconfigOptions,
} from './types';
