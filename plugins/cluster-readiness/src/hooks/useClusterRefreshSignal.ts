import { useSignal } from '@backstage/plugin-signals-react';
import {
  CLUSTER_READINESS_SIGNAL_CHANNEL,
  ClusterRefreshedSignal,
} from '@cluster-readiness/backstage-plugin-common';
import { useEffect, useRef } from 'react';

/**
 * Calls `onRefreshed` whenever the backend announces a finished refresh of a cluster
 * (signals channel `cluster-readiness`). Does nothing when the app has no signals.
 */
export function useClusterRefreshSignal(
  onRefreshed: (signal: ClusterRefreshedSignal) => void,
) {
  const { lastSignal } = useSignal<ClusterRefreshedSignal>(
    CLUSTER_READINESS_SIGNAL_CHANNEL,
  );
  const callback = useRef(onRefreshed);
  callback.current = onRefreshed;
  useEffect(() => {
    if (lastSignal) callback.current(lastSignal);
  }, [lastSignal]);
}
