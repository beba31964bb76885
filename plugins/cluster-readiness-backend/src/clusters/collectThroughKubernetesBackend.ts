import type {
  AuthService,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  BackstageProxyTransport,
  collectSnapshot,
} from '@cluster-readiness/backstage-plugin-node';
import type { ClusterReadinessConfig } from '../config';
import type { LiveCollector } from '../service/ReadinessService';

/**
 * URL and TLS settings of the clusters configured for the Kubernetes plugin
 * (`kubernetes.clusterLocatorMethods[].clusters[]`, type `config`), recorded in the
 * snapshot so that `access.tls-verification` sees `skipTLSVerify`. Credentials are
 * not read.
 * @public
 */
export function configuredClusterTls(
  rootConfig: RootConfigService,
): Map<string, { server?: string; skipTLSVerify?: boolean }> {
  const out = new Map<string, { server?: string; skipTLSVerify?: boolean }>();
  for (const method of rootConfig.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      out.set(cluster.getString('name'), {
        server: cluster.getOptionalString('url'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
      });
    }
  }
  return out;
}

/**
 * Reads a cluster through @backstage/plugin-kubernetes-backend's proxy, reusing its
 * locators and server-side auth strategies.
 * @public
 */
export function collectThroughKubernetesBackend(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  rootConfig: RootConfigService;
  config: ClusterReadinessConfig;
}): LiveCollector {
  const tls = configuredClusterTls(options.rootConfig);
  return async (cluster, signal) => {
    const known = tls.get(cluster.name);
    const transport = new BackstageProxyTransport({
      clusterName: cluster.name,
      discovery: options.discovery,
      auth: options.auth,
      authProvider: cluster.kubernetes?.authProvider,
      server: known?.server,
      skipTLSVerify: known?.skipTLSVerify,
    });
    return collectSnapshot(transport, {
      ...options.config.collection,
      controlPlane: cluster.controlPlane,
      signal,
    });
  };
}
