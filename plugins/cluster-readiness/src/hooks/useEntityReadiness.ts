import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EntityReadiness } from '@cluster-readiness/backstage-plugin-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { clusterReadinessApiRef } from '../api';
import { useClusterRefreshSignal } from './useClusterRefreshSignal';

/** Names of the clusters an entity's readiness is made of. */
function clustersOf(value: EntityReadiness | undefined): string[] {
  if (!value) return [];
  if (value.kind === 'cluster')
    return value.cluster ? [value.cluster.name] : [];
  if (value.kind === 'group') return value.clusters.map(c => c.name);
  return value.clusters.map(c => c.cluster.name);
}

/**
 * Readiness of the entity of the current entity page; `retry` reloads it. It reloads
 * by itself when a refresh of one of its clusters finishes (signals), keeping the
 * shown value meanwhile: `loading` is true only until the first value.
 */
export function useEntityReadiness() {
  const { entity } = useEntity();
  const api = useApi(clusterReadinessApiRef);
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEntityReadiness({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  useClusterRefreshSignal(signal => {
    if (
      clustersOf(state.value).includes(signal.cluster) ||
      signal.entityRef?.toLocaleLowerCase('en-US') === entityRef
    ) {
      state.retry();
    }
  });
  return { ...state, loading: state.loading && !state.value };
}
