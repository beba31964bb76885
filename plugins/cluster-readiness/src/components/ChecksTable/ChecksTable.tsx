import { Link, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CATEGORIES,
  CheckResult,
  isWaived,
  STATUSES,
} from '@cluster-readiness/backstage-plugin-common';
import { useMemo, useState } from 'react';
import {
  categoryRank,
  categoryTitle,
  compareWorstFirst,
  formatTime,
  severityRank,
  statusLabel,
  statusRank,
} from '../../lib/presentation';
import { CheckTitle } from '../CheckTitle';
import { StatusLabel } from '../StatusLabel';
import { ErrorText } from '../ErrorText';

const ALL = '';
const WAIVED = 'waived';

function WaiverCell(props: { result: CheckResult }) {
  const { waiver } = props.result;
  if (!waiver) return null;
  return (
    <Box>
      {waiver.expired && (
        <Chip
          size="small"
          color="secondary"
          label="expired"
          aria-label="waiver expired"
        />
      )}
      <Typography variant="body2">{waiver.reason}</Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {waiver.owner ? `by ${waiver.owner}` : ''}
        {waiver.expires
          ? ` · ${waiver.expired ? 'expired' : 'until'} ${
              /^\d{4}-\d{2}-\d{2}$/.test(waiver.expires)
                ? waiver.expires
                : formatTime(waiver.expires)
            }`
          : ''}
      </Typography>
    </Box>
  );
}

const columns: TableColumn<CheckResult>[] = [
  {
    title: 'Status',
    field: 'status',
    width: '110px',
    customSort: (a, b) => statusRank(a.status) - statusRank(b.status),
    render: r => (
      <Box>
        <StatusLabel status={r.status} />
        {isWaived(r) && (
          <Box mt={0.5}>
            <Chip size="small" label="waived" />
          </Box>
        )}
      </Box>
    ),
  },
  {
    title: 'Severity',
    field: 'severity',
    width: '90px',
    customSort: (a, b) => severityRank(a.severity) - severityRank(b.severity),
  },
  {
    title: 'Check',
    field: 'title',
    highlight: true,
    cellStyle: { minWidth: 220 },
    customSort: (a, b) => categoryRank(a.category) - categoryRank(b.category),
    render: r => <CheckTitle title={r.title} id={r.id} category={r.category} />,
  },
  {
    title: 'Message',
    field: 'message',
    cellStyle: { minWidth: 240 },
  },
  {
    title: 'Evidence',
    field: 'evidence',
    sorting: false,
    cellStyle: { minWidth: 300, maxWidth: 380, overflowWrap: 'anywhere' },
    render: r => (
      <Box component="ul" m={0} pl={2}>
        {(r.evidence ?? []).map((e, i) => (
          <li key={i}>
            <Typography variant="caption" style={{ fontFamily: 'monospace' }}>
              {e}
            </Typography>
          </li>
        ))}
        {(r.missingReads ?? []).map((m, i) => (
          <li key={`m${i}`}>
            <ErrorText variant="caption">missing permission: {m}</ErrorText>
          </li>
        ))}
      </Box>
    ),
  },
  {
    title: 'Remediation',
    field: 'remediation',
    sorting: false,
    width: '110px',
    render: r =>
      r.remediation ? <Link to={r.remediation}>Kubernetes docs</Link> : null,
  },
  {
    title: 'Waiver',
    field: 'waiver',
    sorting: false,
    width: '160px',
    render: r => <WaiverCell result={r} />,
  },
];

/**
 * The results of a report, worst first, filterable by category and status. The
 * status filter matches the underlying status (waived results included and marked);
 * "Waived" shows the results an unexpired waiver covers.
 */
export function ChecksTable(props: { checks: CheckResult[] }) {
  const { checks } = props;
  const [category, setCategory] = useState(ALL);
  const [status, setStatus] = useState(ALL);

  const rows = useMemo(
    () =>
      checks
        .filter(r => category === ALL || r.category === category)
        .filter(r => {
          if (status === ALL) return true;
          if (status === WAIVED) return isWaived(r);
          return r.status === status;
        })
        .sort(compareWorstFirst)
        // material-table mutates rows (tableData); give it copies
        .map(r => ({ ...r })),
    [checks, category, status],
  );

  const categories = [
    ...CATEGORIES,
    ...new Set(
      checks
        .map(r => r.category)
        .filter(c => !(CATEGORIES as readonly string[]).includes(c)),
    ),
  ];

  return (
    <Box>
      {/* On paper: outlined field labels lack contrast on the page's grey. */}
      <Box
        component={Paper}
        p={2}
        display="flex"
        flexWrap="wrap"
        gridGap={16}
        mb={2}
      >
        <TextField
          select
          label="Category"
          value={category}
          onChange={e => setCategory(e.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'aria-label': 'Category filter' }}
          variant="outlined"
          size="small"
        >
          <option value={ALL}>All categories</option>
          {categories.map(c => (
            <option key={c} value={c}>
              {categoryTitle(c)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          label="Status"
          value={status}
          onChange={e => setStatus(e.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'aria-label': 'Status filter' }}
          variant="outlined"
          size="small"
        >
          <option value={ALL}>All statuses</option>
          {STATUSES.map(s => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
          <option value={WAIVED}>Waived</option>
        </TextField>
      </Box>
      <Table<CheckResult>
        title={`Checks (${rows.length} of ${checks.length})`}
        options={{
          paging: false,
          search: true,
          padding: 'dense',
          draggable: false,
        }}
        columns={columns}
        data={rows}
        emptyContent={
          <Box p={2}>
            <Typography>No check matches these filters.</Typography>
          </Box>
        }
      />
    </Box>
  );
}
