import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { clusterReadinessApiRef } from '../api';

/** Readiness of the entity of the current entity page; `retry` reloads it. */
export function useEntityReadiness() {
  const { entity } = useEntity();
  const api = useApi(clusterReadinessApiRef);
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntityReadiness({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
