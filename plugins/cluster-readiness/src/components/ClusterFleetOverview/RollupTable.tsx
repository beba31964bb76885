import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { FleetRollup } from '@cluster-readiness/backstage-plugin-common';
import { useState } from 'react';
import { formatScore, GRADES, scoreColor } from '../../lib/presentation';
import { EntityPageLink } from '../EntityPageLink';
import { GradeChip } from '../GradeChip';

const useStyles = makeStyles({
  grades: { display: 'flex', flexWrap: 'wrap', gap: 8 },
  grade: { display: 'inline-flex', alignItems: 'center', gap: 2 },
});

const nowrap = { whiteSpace: 'nowrap' as const };

/** Rows shown before "Show all": a fleet can have hundreds of owners and systems. */
export const ROLLUP_ROWS = 20;

/**
 * Clusters grouped by owner or system, from `GET /fleet`: count, average score,
 * grades, no grade, stale and unread (pending, failed or needing credentials). The
 * table scrolls sideways on narrow screens instead of cutting columns off.
 */
export function RollupTable(props: {
  title: string;
  rollups: FleetRollup[];
  defaultKind: 'group' | 'system';
  emptyLabel: string;
}) {
  const { title, rollups, defaultKind, emptyLabel } = props;
  const label = (r: FleetRollup) => r.key ?? emptyLabel;
  const [all, setAll] = useState(false);
  const classes = useStyles();
  const shown = all ? rollups : rollups.slice(0, ROLLUP_ROWS);
  return (
    <Paper component="section" aria-label={title}>
      <Box p={2} pb={1}>
        <Typography variant="h5" component="h2">
          {title}
        </Typography>
      </Box>
      <Box
        overflow="auto"
        maxHeight={480}
        tabIndex={0}
        role="region"
        aria-label={`${title}, scrolls`}
      >
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell>
                {defaultKind === 'group' ? 'Owner' : 'System'}
              </TableCell>
              <TableCell align="right">Clusters</TableCell>
              <TableCell align="center">Average</TableCell>
              <TableCell>Grades</TableCell>
              <TableCell align="right" style={nowrap}>
                No grade
              </TableCell>
              <TableCell align="right">Stale</TableCell>
              <TableCell align="right">Unread</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(r => (
              <TableRow key={r.key ?? ''}>
                <TableCell component="th" scope="row">
                  {r.key ? (
                    <EntityPageLink
                      entityRef={r.key}
                      defaultKind={defaultKind}
                    />
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      {emptyLabel}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{r.clusters}</TableCell>
                <TableCell
                  align="center"
                  style={{
                    backgroundColor: scoreColor(r.averageScore),
                    color: 'rgba(0, 0, 0, 0.87)',
                    fontWeight: 600,
                  }}
                >
                  {formatScore(r.averageScore)}
                </TableCell>
                <TableCell>
                  <span className={classes.grades}>
                    {GRADES.filter(g => r.grades?.[g]).map(g => (
                      <span key={g} className={classes.grade}>
                        <GradeChip grade={g} />
                        <Typography variant="caption">
                          ×{r.grades[g]}
                        </Typography>
                      </span>
                    ))}
                  </span>
                </TableCell>
                <TableCell
                  align="right"
                  aria-label={`${label(r)} without a grade`}
                >
                  {r.grades?.none ?? 0}
                </TableCell>
                <TableCell align="right">{r.stale}</TableCell>
                <TableCell align="right" aria-label={`${label(r)} unread`}>
                  {r.unread}
                </TableCell>
              </TableRow>
            ))}
            {!rollups.length && (
              <TableRow>
                <TableCell colSpan={7}>No cluster in view.</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Box>
      {shown.length < rollups.length && (
        <Box p={1}>
          <Button size="small" variant="outlined" onClick={() => setAll(true)}>
            Show all {rollups.length}
          </Button>
        </Box>
      )}
    </Paper>
  );
}
