import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { clusterReadinessPlugin } from '../plugin';
import { testDatabaseFactory } from './testDatabaseFactory';

/** The repository's demo snapshots, read as snapshot files. */
export const demoSnapshot = (name: string) =>
  resolve(__dirname, '../../../../examples/snapshots', `${name}.json`);

export const demoEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'prod-eu-1', namespace: 'default' },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'staging-1', namespace: 'default' },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/data-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/data-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': 'checkout' },
    },
    spec: { type: 'service', owner: 'group:default/payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

/**
 * A permission policy: services may do anything; `user:default/mallory` may read
 * nothing; `user:default/reader` may read but not refresh; other users may do all.
 */
export const demoPermissions = () =>
  mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const principal = credentials.principal as {
          type?: string;
          userEntityRef?: string;
        };
        if (principal.type === 'service')
          return { result: AuthorizeResult.ALLOW };
        if (principal.userEntityRef === 'user:default/mallory')
          return { result: AuthorizeResult.DENY };
        if (
          principal.userEntityRef === 'user:default/reader' &&
          r.permission.name === 'cluster-readiness.cluster.refresh'
        )
          return { result: AuthorizeResult.DENY };
        return { result: AuthorizeResult.ALLOW };
      }),
    // The same policy for collections: unconditional decisions.
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => {
        const principal = credentials.principal as {
          type?: string;
          userEntityRef?: string;
        };
        if (principal.type === 'service')
          return { result: AuthorizeResult.ALLOW };
        if (principal.userEntityRef === 'user:default/mallory')
          return { result: AuthorizeResult.DENY };
        if (
          principal.userEntityRef === 'user:default/reader' &&
          r.permission.name === 'cluster-readiness.cluster.refresh'
        )
          return { result: AuthorizeResult.DENY };
        return { result: AuthorizeResult.ALLOW };
      }),
  });

/**
 * Discovery that points at the test backend itself once it listens (the default test
 * discovery points nowhere), so plugins can call each other over HTTP.
 */
export function selfDiscovery() {
  let base = 'http://localhost:0';
  return {
    setPort(port: number) {
      base = `http://localhost:${port}`;
    },
    factory: createServiceFactory({
      service: coreServices.discovery,
      deps: {},
      factory: () => ({
        getBaseUrl: async (pluginId: string) => `${base}/api/${pluginId}`,
        getExternalBaseUrl: async (pluginId: string) =>
          `${base}/api/${pluginId}`,
      }),
    }),
  };
}

/** Starts a test backend with Cluster Readiness on two demo snapshot files. */
export async function startReadinessBackend(
  options: {
    features?: Parameters<typeof startTestBackend>[0]['features'];
    config?: Record<string, unknown>;
  } = {},
) {
  const discovery = selfDiscovery();
  const backend = await startTestBackend({
    features: [
      testDatabaseFactory(),
      clusterReadinessPlugin,
      catalogServiceMock.factory({ entities: demoEntities }),
      demoPermissions().factory,
      discovery.factory,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          clusterReadiness: {
            kubernetesBackend: { enabled: false },
            schedule: { frequency: { hours: 24 }, initialDelay: { hours: 24 } },
            snapshots: [
              { cluster: 'prod-eu-1', path: demoSnapshot('prod-eu-1') },
              { cluster: 'staging-1', path: demoSnapshot('staging-1') },
            ],
            ...(options.config?.clusterReadiness as object),
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  discovery.setPort((backend.server.address() as AddressInfo).port);
  return backend;
}
