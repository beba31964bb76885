import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useEntityReadiness } from '../../hooks/useEntityReadiness';
import { formatTime, GRADES } from '../../lib/presentation';
import { ClusterLink } from '../ClusterLink';
import { DistributionChip } from '../DistributionChip';
import { GradeChip } from '../GradeChip';
import { ReadinessErrorPanel } from '../ReadinessErrorPanel';
import { ScoreCell } from '../ScoreCell';

/**
 * Overview card of a Group: the clusters it owns rolled up (average score, grade
 * distribution, stale count) and listed worst first.
 * @public
 */
export function GroupReadinessCard() {
  const { value, loading, error } = useEntityReadiness();

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ReadinessErrorPanel error={error} />;
  } else if (value?.kind !== 'group' || !value.clusters?.length) {
    body = (
      <EmptyState
        missing="data"
        title="This team owns no evaluated clusters"
        description="Clusters are attributed to the owner of their catalog Resource entity."
      />
    );
  } else {
    const { rollup } = value;
    // The backend's rollup counts grades only; what has none is counted here.
    const noGrade = value.clusters.filter(c => !c.grade).length;
    const capped = value.clusters.filter(c => c.grade && c.gradeCap).length;
    const clusters = [...value.clusters].sort(
      (a, b) =>
        (a.score ?? -1) - (b.score ?? -1) || a.name.localeCompare(b.name),
    );
    body = (
      <Box>
        <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={16}>
          <Box display="flex" alignItems="center" gridGap={8}>
            <Typography variant="body2">Average</Typography>
            <ScoreCell score={rollup?.averageScore} label="Average score" />
          </Box>
          <Typography variant="body2">
            <strong>{rollup?.clusters ?? clusters.length}</strong> clusters
          </Typography>
          <Typography
            variant="body2"
            color={rollup?.stale ? 'error' : 'textPrimary'}
          >
            <strong>{rollup?.stale ?? 0}</strong> stale
          </Typography>
        </Box>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          gridGap={12}
          mt={1.5}
          aria-label="Grade distribution"
        >
          {GRADES.map(g => (
            <Box key={g} display="flex" alignItems="center" gridGap={4}>
              <GradeChip grade={g} />
              <Typography variant="body2">
                {rollup?.grades?.[g] ?? 0}
              </Typography>
            </Box>
          ))}
          <Box display="flex" alignItems="center" gridGap={4}>
            <GradeChip grade={null} />
            <Typography variant="body2" aria-label="Clusters without a grade">
              {noGrade} no grade
            </Typography>
          </Box>
          {capped > 0 && (
            <Typography
              variant="body2"
              aria-label="Clusters with a capped grade"
            >
              {capped} capped
            </Typography>
          )}
        </Box>
        <List dense aria-label="Team clusters">
          {clusters.map(c => (
            <ListItem key={c.name} disableGutters>
              <Box display="flex" alignItems="center" gridGap={8} mr={2}>
                <ScoreCell score={c.score} label={`${c.name} score`} />
                <GradeChip
                  grade={c.grade}
                  gradeCap={c.gradeCap}
                  coverage={c.coverage}
                />
                <DistributionChip distribution={c.distribution} />
              </Box>
              <ListItemText
                primary={<ClusterLink cluster={c} />}
                secondary={
                  c.stale
                    ? `stale: ${c.error ?? 'last refresh failed'}`
                    : `evaluated ${formatTime(c.evaluatedAt)}`
                }
              />
            </ListItem>
          ))}
        </List>
      </Box>
    );
  }

  return <InfoCard title="Cluster readiness">{body}</InfoCard>;
}
