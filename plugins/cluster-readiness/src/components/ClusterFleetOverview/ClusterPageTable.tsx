import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CATEGORIES,
  ClusterSortKey,
  ClusterSummary,
} from '@cluster-readiness/backstage-plugin-common';
import type { CSSProperties, ReactNode } from 'react';
import { categoryScore } from '../../lib/fleet';
import { PAGE_SIZES } from '../../lib/fleetView';
import {
  categoryTitle,
  formatCoverage,
  formatScore,
  formatTime,
  scoreColor,
} from '../../lib/presentation';
import { EntityPageLink } from '../EntityPageLink';
import { DistributionChip } from '../DistributionChip';
import { ErrorText } from '../ErrorText';
import { GradeCapCaption, GradeChip } from '../GradeChip';

/** Clusters without a report to show: not read yet, failed to read, or needing a user's credentials. */
export function isUnread(cluster: ClusterSummary): boolean {
  return (
    cluster.state === 'pending' ||
    cluster.state === 'error' ||
    cluster.state === 'needs-user-credentials'
  );
}

/** Why an unread cluster has no report, in one line. */
export function unreadReason(cluster: ClusterSummary): string {
  switch (cluster.state) {
    case 'pending':
      return 'Pending: not read yet';
    case 'needs-user-credentials':
      return `Needs user credentials: its auth provider uses the viewer's token, so it is not read on a schedule${
        cluster.error ? ` (${cluster.error})` : ''
      }`;
    case 'error':
      return `Failed to read: ${cluster.error ?? 'the last refresh failed'}`;
    default:
      return '';
  }
}

const heat = (score: number | null | undefined): CSSProperties => ({
  backgroundColor: scoreColor(score),
  color: 'rgba(0, 0, 0, 0.87)',
  fontWeight: 600,
  textAlign: 'center',
});

const cellStyle: CSSProperties = { whiteSpace: 'nowrap' };

interface Column {
  title: string;
  sort?: ClusterSortKey;
}

const COLUMNS: Column[] = [
  { title: 'Cluster', sort: 'name' },
  { title: 'Owner', sort: 'owner' },
  { title: 'System', sort: 'system' },
  { title: 'Score', sort: 'score' },
  { title: 'Grade' },
  { title: 'Coverage', sort: 'coverage' },
  { title: 'Distribution' },
  ...CATEGORIES.map(id => ({ title: categoryTitle(id) })),
  { title: 'Last evaluated', sort: 'evaluatedAt' },
];
/** Columns after cluster, owner and system: an unread cluster's reason spans them. */
const REASON_SPAN = COLUMNS.length - 3;

function ClusterRow(props: { cluster: ClusterSummary }) {
  const { cluster: c } = props;
  const head = (
    <>
      <TableCell component="th" scope="row" style={cellStyle}>
        <EntityPageLink
          entityRef={c.entityRef}
          defaultKind="resource"
          label={c.name}
        />
      </TableCell>
      <TableCell style={cellStyle}>
        <EntityPageLink entityRef={c.owner} defaultKind="group" />
      </TableCell>
      <TableCell style={cellStyle}>
        <EntityPageLink entityRef={c.system} defaultKind="system" />
      </TableCell>
    </>
  );
  if (isUnread(c)) {
    return (
      <TableRow data-testid={`cluster-row-${c.name}`} data-unread="true">
        {head}
        <TableCell colSpan={REASON_SPAN}>
          {c.state === 'error' ? (
            <ErrorText variant="body2">{unreadReason(c)}</ErrorText>
          ) : (
            <Typography variant="body2" color="textSecondary">
              {unreadReason(c)}
            </Typography>
          )}
        </TableCell>
      </TableRow>
    );
  }
  return (
    <TableRow data-testid={`cluster-row-${c.name}`}>
      {head}
      <TableCell style={heat(c.score)}>{formatScore(c.score)}</TableCell>
      <TableCell style={cellStyle}>
        <GradeChip
          grade={c.grade}
          gradeCap={c.gradeCap}
          coverage={c.coverage}
        />
      </TableCell>
      <TableCell>{formatCoverage(c.coverage)}</TableCell>
      <TableCell>
        <DistributionChip distribution={c.distribution} />
      </TableCell>
      {CATEGORIES.map(id => {
        const category = categoryScore(c, id);
        return (
          <TableCell key={id} style={heat(category?.score)}>
            {formatScore(category?.score)}
            {category && <GradeCapCaption {...category} />}
          </TableCell>
        );
      })}
      <TableCell>
        <Typography variant="body2" style={cellStyle}>
          {formatTime(c.evaluatedAt)}
        </Typography>
        {c.stale && (
          <ErrorText variant="caption">
            stale{c.error ? `: ${c.error}` : ''}
          </ErrorText>
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * One page of clusters, sorted, filtered and paged by the backend: each score cell on
 * the colour of its grade band; clusters without a report (pending, failed to read,
 * needing user credentials) on one compact row with their reason. The table scrolls
 * sideways rather than cutting columns off.
 */
export function ClusterPageTable(props: {
  title: ReactNode;
  clusters: ClusterSummary[];
  loading: boolean;
  sort: ClusterSortKey;
  order: 'asc' | 'desc';
  onSort: (sort: ClusterSortKey, order: 'asc' | 'desc') => void;
  pageSize: number;
  onPageSize: (pageSize: number) => void;
  /** 0-based index of the page shown. */
  page: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { clusters, sort, order, page, pageSize, total } = props;
  const first = total ? page * pageSize + 1 : 0;
  const last = page * pageSize + clusters.length;
  return (
    <Paper component="section" aria-label="Clusters">
      <Box
        px={2}
        pt={2}
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        gridGap={8}
      >
        <Typography variant="h5" component="h2">
          {props.title}
        </Typography>
      </Box>
      <Box height={4}>{props.loading && <LinearProgress />}</Box>
      <Box
        overflow="auto"
        tabIndex={0}
        role="region"
        aria-label="Cluster table, scrolls sideways"
      >
        <Table size="small">
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => (
                <TableCell
                  key={column.title}
                  style={cellStyle}
                  sortDirection={column.sort === sort ? order : false}
                >
                  {column.sort ? (
                    <TableSortLabel
                      active={column.sort === sort}
                      direction={column.sort === sort ? order : 'asc'}
                      onClick={() =>
                        props.onSort(
                          column.sort!,
                          column.sort === sort && order === 'asc'
                            ? 'desc'
                            : 'asc',
                        )
                      }
                    >
                      {column.title}
                    </TableSortLabel>
                  ) : (
                    column.title
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {clusters.map(c => (
              <ClusterRow key={c.name} cluster={c} />
            ))}
            {!clusters.length && !props.loading && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length}>
                  No cluster matches these filters.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Box>
      <Box
        p={1}
        display="flex"
        alignItems="center"
        justifyContent="flex-end"
        flexWrap="wrap"
        gridGap={16}
      >
        <TextField
          id="cluster-readiness-page-size"
          select
          label="Rows per page"
          value={pageSize}
          onChange={e => props.onPageSize(Number(e.target.value))}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          size="small"
        >
          {PAGE_SIZES.map(n => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </TextField>
        <Typography variant="body2" aria-live="polite">
          {first}–{last} of {total}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          disabled={!props.hasPrevious || props.loading}
          onClick={props.onPrevious}
        >
          Previous page
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={!props.hasNext || props.loading}
          onClick={props.onNext}
        >
          Next page
        </Button>
      </Box>
    </Paper>
  );
}
