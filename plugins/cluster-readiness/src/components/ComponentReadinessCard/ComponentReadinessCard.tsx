import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { KUBERNETES_ANNOTATION } from '@backstage/plugin-kubernetes-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { useEntityReadiness } from '../../hooks/useEntityReadiness';
import { COMPONENT_TAB_PATH } from '../../routes';
import { ClusterLink } from '../ClusterLink';
import { DistributionChip } from '../DistributionChip';
import { GradeChip } from '../GradeChip';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { ScoreCell } from '../ScoreCell';

/**
 * Overview card of a Component: the clusters it runs on with their grades, and how
 * many of its own workload findings fail or warn on each.
 * @public
 */
export function ComponentReadinessCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useEntityReadiness();
  const deepLink = {
    title: 'View cluster readiness',
    link: `${entityLink(entity).replace(/\/$/, '')}/${COMPONENT_TAB_PATH}`,
  };

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ReadinessErrorPanel error={error} />;
  } else if (value?.kind !== 'component' || !value.clusters?.length) {
    body = (
      <EmptyState
        missing="data"
        title="No known cluster runs this component"
        description={`Relate it to its cluster with dependsOn, or label its pods with ${KUBERNETES_ANNOTATION}.`}
      />
    );
  } else {
    const clusters = [...value.clusters].sort(
      (a, b) => (a.cluster.score ?? -1) - (b.cluster.score ?? -1),
    );
    body = (
      <List dense aria-label="Clusters">
        {clusters.map(({ cluster, workloads }) => {
          const findings = workloads?.findings ?? [];
          const fail = findings.filter(f => f.status === 'fail').length;
          const warn = findings.filter(f => f.status === 'warn').length;
          return (
            <ListItem key={cluster.name} disableGutters>
              <Box display="flex" alignItems="center" gridGap={8} mr={2}>
                <ScoreCell
                  score={cluster.score}
                  label={`${cluster.name} score`}
                />
                <GradeChip
                  grade={cluster.grade}
                  gradeCap={cluster.gradeCap}
                  coverage={cluster.coverage}
                />
                <DistributionChip distribution={cluster.distribution} />
              </Box>
              <ListItemText
                primary={<ClusterLink cluster={cluster} />}
                secondary={
                  workloads
                    ? `Own workloads: ${fail} failing, ${warn} warning`
                    : 'No own workloads found'
                }
              />
            </ListItem>
          );
        })}
      </List>
    );
  }

  return (
    <InfoCard title="Cluster readiness" deepLink={deepLink}>
      {body}
    </InfoCard>
  );
}
