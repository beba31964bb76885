import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FleetCheckCount } from '@cluster-readiness/backstage-plugin-common';
import { categoryTitle } from '../../lib/presentation';
import { CheckLink } from '../CheckLink';

/**
 * The checks that fail (then warn) on the most clusters in view, counted by the
 * backend over every cluster matching the filters (`GET /fleet`). Each leads to the
 * check's page with every cluster's result.
 */
export function MostFailedChecks(props: {
  checks: FleetCheckCount[];
  clusters: number;
}) {
  const { checks, clusters } = props;
  return (
    <Box component="section" aria-label="Most-failed checks">
      <InfoCard
        title="Most-failed checks"
        subheader={`Over all ${clusters} cluster(s) in view`}
      >
        {checks.length ? (
          <Box
            overflow="auto"
            tabIndex={0}
            role="region"
            aria-label="Most-failed checks table"
          >
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Check</TableCell>
                  <TableCell>Category</TableCell>
                  <TableCell>Severity</TableCell>
                  <TableCell align="right">Failing</TableCell>
                  <TableCell align="right">Warning</TableCell>
                  <TableCell align="right">Waived</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {checks.map(c => (
                  <TableRow key={c.checkId}>
                    <TableCell component="th" scope="row">
                      <CheckLink checkId={c.checkId}>{c.title}</CheckLink>
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {c.checkId}
                      </Typography>
                    </TableCell>
                    <TableCell>{categoryTitle(c.category)}</TableCell>
                    <TableCell>{c.severity}</TableCell>
                    <TableCell
                      align="right"
                      aria-label={`${c.checkId} failing`}
                    >
                      {c.failing}
                    </TableCell>
                    <TableCell
                      align="right"
                      aria-label={`${c.checkId} warning`}
                    >
                      {c.warning}
                    </TableCell>
                    <TableCell align="right" aria-label={`${c.checkId} waived`}>
                      {c.waived}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        ) : (
          <Typography variant="body2">
            No check fails or warns on the clusters in view.
          </Typography>
        )}
      </InfoCard>
    </Box>
  );
}
