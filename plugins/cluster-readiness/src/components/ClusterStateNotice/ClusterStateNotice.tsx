import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ClusterSummary } from '@cluster-readiness/backstage-plugin-common';
import { formatTime } from '../../lib/presentation';
import { ErrorText } from '../ErrorText';

/**
 * "Last evaluated …" with the refresh state: stale (last refresh failed, older
 * report kept), error (no report at all) and needs-user-credentials.
 */
export function ClusterStateNotice(props: {
  cluster: ClusterSummary;
  hasReport: boolean;
}) {
  const { cluster, hasReport } = props;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Typography variant="body2" color="textSecondary">
        {cluster.evaluatedAt
          ? `Last evaluated ${formatTime(cluster.evaluatedAt)}`
          : 'Not evaluated yet'}
        {cluster.source ? ` · source: ${cluster.source}` : ''}
        {cluster.stale && (
          <ErrorText component="span" variant="body2">
            {` · stale: ${cluster.error ?? 'the last refresh failed'}`}
          </ErrorText>
        )}
      </Typography>
      {cluster.state === 'needs-user-credentials' && (
        <WarningPanel
          severity="info"
          title="This cluster needs a signed-in user's credentials"
          message={`Its Kubernetes auth provider uses the viewer's own token, so the backend cannot read it on a schedule.${
            hasReport
              ? ' The report below comes from an earlier push or evaluation.'
              : ' Push a snapshot with the cluster-readiness CLI, or configure a service account for it.'
          }`}
        >
          {cluster.error}
        </WarningPanel>
      )}
      {cluster.state === 'error' && (
        <WarningPanel
          severity="error"
          title="The cluster could not be evaluated"
          message={
            cluster.error ??
            'The last refresh failed and there is no report yet.'
          }
        />
      )}
      {cluster.state === 'stale' && (
        <WarningPanel
          severity="warning"
          title={`Stale: the last refresh${
            cluster.refreshedAt ? ` (${formatTime(cluster.refreshedAt)})` : ''
          } failed; showing the last good report`}
          message={cluster.error}
        />
      )}
    </Box>
  );
}
