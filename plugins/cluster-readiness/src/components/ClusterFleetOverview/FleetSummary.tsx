import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { FleetAggregates } from '@cluster-readiness/backstage-plugin-common';
import type { ReactNode } from 'react';
import { GRADES } from '../../lib/presentation';
import { ErrorText } from '../ErrorText';
import { GradeChip } from '../GradeChip';
import { ScoreCell } from '../ScoreCell';

function Counter(props: { label: string; children: ReactNode }) {
  return (
    <Box
      display="flex"
      alignItems="center"
      gridGap={6}
      role="group"
      aria-label={props.label}
    >
      {props.children}
    </Box>
  );
}

/**
 * The counters over every cluster in view (`GET /fleet`): clusters, average score,
 * the grade distribution (with "no grade"), capped, stale and the clusters not read
 * (pending, failed to read, needing credentials).
 */
export function FleetSummary(props: { fleet: FleetAggregates }) {
  const { fleet } = props;
  const unread =
    (fleet.states?.pending ?? 0) +
    (fleet.states?.error ?? 0) +
    (fleet.states?.['needs-user-credentials'] ?? 0);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      gridGap={24}
      component="section"
      aria-label="Fleet summary"
    >
      <Counter label="Clusters in view">
        <Typography variant="body1">
          <strong>{fleet.totalClusters}</strong> cluster(s) in view
        </Typography>
      </Counter>
      <Counter label="Average score">
        <Typography variant="body1">average</Typography>
        <ScoreCell score={fleet.averageScore} label="Average score" />
      </Counter>
      <Counter label="Grade distribution">
        {GRADES.map(g => (
          <Box key={g} display="flex" alignItems="center" gridGap={2}>
            <GradeChip grade={g} />
            <Typography variant="body2">×{fleet.grades?.[g] ?? 0}</Typography>
          </Box>
        ))}
        <Typography variant="body2">
          no grade ×{fleet.grades?.none ?? 0}
        </Typography>
      </Counter>
      <Counter label="Clusters with a capped grade">
        <Typography variant="body1">
          <strong>{fleet.capped}</strong> capped
        </Typography>
      </Counter>
      <Counter label="Stale clusters">
        {fleet.stale ? (
          <ErrorText variant="body1">
            <strong>{fleet.stale}</strong> stale
          </ErrorText>
        ) : (
          <Typography variant="body1">
            <strong>0</strong> stale
          </Typography>
        )}
      </Counter>
      <Counter label="Clusters not read">
        <Typography variant="body1">
          <strong>{unread}</strong> not read (pending, failed, needing
          credentials)
        </Typography>
      </Counter>
    </Box>
  );
}
