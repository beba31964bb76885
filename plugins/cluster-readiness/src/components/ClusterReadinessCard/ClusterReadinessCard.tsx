import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useEntityReadiness } from '../../hooks/useEntityReadiness';
import {
  compareWorstFirst,
  formatCoverage,
  formatTime,
  isFinding,
  normalizeChecks,
} from '../../lib/presentation';
import { CLUSTER_TAB_PATH } from '../../routes';
import { DistributionChip } from '../DistributionChip';
import { GradeChip } from '../GradeChip';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { ScoreCell } from '../ScoreCell';
import { StatusLabel } from '../StatusLabel';

const WORST = 3;

/**
 * Overview card of a cluster entity: score, grade, coverage and the three worst
 * findings, linking to the "Readiness" tab.
 * @public
 */
export function ClusterReadinessCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useEntityReadiness();
  const deepLink = {
    title: 'View readiness',
    link: `${entityLink(entity).replace(/\/$/, '')}/${CLUSTER_TAB_PATH}`,
  };

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ReadinessErrorPanel error={error} />;
  } else if (value?.kind !== 'cluster' || !value.cluster) {
    body = (
      <EmptyState
        missing="data"
        title="No readiness report"
        description="This cluster has not been evaluated, or you may not read its report."
      />
    );
  } else {
    const cluster = value.cluster;
    const worst = normalizeChecks(cluster.report?.checks)
      .filter(isFinding)
      .sort(compareWorstFirst)
      .slice(0, WORST);
    body = (
      <Box>
        <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
          <ScoreCell score={cluster.score} label="Score" />
          <GradeChip
            grade={cluster.grade}
            gradeCap={cluster.gradeCap ?? cluster.report?.gradeCap}
            coverage={cluster.coverage}
            size="medium"
          />
          <Typography variant="body2">
            coverage {formatCoverage(cluster.coverage)}
          </Typography>
          <DistributionChip
            distribution={cluster.report?.distribution ?? cluster.distribution}
          />
        </Box>
        <Typography variant="caption" color="textSecondary" component="div">
          {cluster.evaluatedAt
            ? `Last evaluated ${formatTime(cluster.evaluatedAt)}`
            : 'Not evaluated yet'}
          {cluster.stale
            ? ` · stale: ${cluster.error ?? 'last refresh failed'}`
            : ''}
          {cluster.state === 'needs-user-credentials'
            ? ' · needs a signed-in user’s credentials'
            : ''}
          {cluster.state === 'error' ? ` · error: ${cluster.error ?? ''}` : ''}
        </Typography>
        {cluster.report &&
          (worst.length ? (
            <List dense aria-label="Worst findings">
              {worst.map(r => (
                <ListItem key={r.id} disableGutters>
                  <Box minWidth={90}>
                    <StatusLabel status={r.status} />
                  </Box>
                  <ListItemText
                    primary={r.title}
                    secondary={r.message}
                    style={{ minWidth: 0 }}
                    secondaryTypographyProps={{
                      style: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
                    }}
                  />
                </ListItem>
              ))}
            </List>
          ) : (
            <Typography variant="body2" style={{ marginTop: 8 }}>
              No failing or warning checks.
            </Typography>
          ))}
      </Box>
    );
  }

  return (
    <InfoCard title="Cluster readiness" deepLink={deepLink}>
      {body}
    </InfoCard>
  );
}
