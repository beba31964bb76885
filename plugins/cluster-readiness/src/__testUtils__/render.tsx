import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { ReactNode } from 'react';
import { ClusterReadinessApi, clusterReadinessApiRef } from '../api';
import { rootRouteRef } from '../routes';

export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/cluster-readiness': rootRouteRef,
};

/** Renders in a test app with the readiness API, a permission API and, optionally, an entity. */
export function renderWithApis(
  element: ReactNode,
  options: {
    api: ClusterReadinessApi;
    entity?: Entity;
    permitted?: boolean;
    onAuthorize?: (request: EvaluatePermissionRequest) => void;
    routeEntries?: string[];
    /** A signals API (live updates); absent by default, as in an app without signals. */
    signals?: SignalApi;
  },
) {
  const permission = mockApis.permission({
    authorize: request => {
      options.onAuthorize?.(request);
      return options.permitted === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    },
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [clusterReadinessApiRef, options.api],
        [permissionApiRef, permission],
        ...(options.signals
          ? [
              [signalApiRef, options.signals] as [
                typeof signalApiRef,
                SignalApi,
              ],
            ]
          : []),
      ]}
    >
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    { mountedRoutes, routeEntries: options.routeEntries },
  );
}
