import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import { clusterReadinessRefreshPermission } from '@cluster-readiness/backstage-plugin-common';
import { useState } from 'react';
import { clusterReadinessApiRef } from '../../api';
import { errorMessage } from '../../lib/presentation';

/**
 * Re-evaluates a cluster now. Rendered only when the viewer holds
 * `cluster-readiness.cluster.refresh` on the cluster's entity.
 */
export function RefreshClusterButton(props: {
  clusterName: string;
  entityRef: string;
  onRefreshed: () => void;
}) {
  const { clusterName, entityRef, onRefreshed } = props;
  const api = useApi(clusterReadinessApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({
    permission: clusterReadinessRefreshPermission,
    resourceRef: entityRef,
  });
  const [busy, setBusy] = useState(false);

  if (!allowed) return null;

  const refresh = async () => {
    setBusy(true);
    try {
      await api.refreshCluster(clusterName);
      alertApi.post({
        message: `Cluster ${clusterName} re-evaluated`,
        severity: 'success',
        display: 'transient',
      });
      onRefreshed();
    } catch (e) {
      alertApi.post({
        message: `Could not refresh cluster ${clusterName}: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      onClick={refresh}
      disabled={busy}
      aria-busy={busy}
      startIcon={
        busy ? (
          <CircularProgress size={16} aria-label="Refreshing" />
        ) : (
          <RefreshIcon />
        )
      }
    >
      {busy ? 'Refreshing…' : 'Refresh'}
    </Button>
  );
}
