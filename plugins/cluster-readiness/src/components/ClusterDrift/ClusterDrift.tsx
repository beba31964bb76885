import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { DriftEntry } from '@cluster-readiness/backstage-plugin-common';
import { formatTime, statusRank } from '../../lib/presentation';
import { StatusLabel } from '../StatusLabel';

type Row = DriftEntry & { title: string; change: 'better' | 'worse' | '' };

/** `fail`/`warn`/`pass` moves are better or worse; moves to or from unknown/n-a are neither. */
function changeOf(entry: DriftEntry): Row['change'] {
  const graded = ['fail', 'warn', 'pass'];
  if (!entry.from || !entry.to) return '';
  if (!graded.includes(entry.from) || !graded.includes(entry.to)) return '';
  return statusRank(entry.to) > statusRank(entry.from) ? 'better' : 'worse';
}

const columns: TableColumn<Row>[] = [
  { title: 'Check', field: 'title', highlight: true },
  {
    title: 'From',
    field: 'from',
    render: r => <StatusLabel status={r.from} />,
  },
  { title: 'To', field: 'to', render: r => <StatusLabel status={r.to} /> },
  { title: 'Change', field: 'change' },
  {
    title: 'Evaluated',
    field: 'evaluatedAt',
    render: r => formatTime(r.evaluatedAt),
  },
];

/**
 * The checks whose status moved. `evaluatedAt` is the cluster's latest evaluation:
 * drift recorded at that time is the change since the previous evaluation; older
 * drift is listed below it.
 */
export function ClusterDrift(props: {
  drift: DriftEntry[];
  evaluatedAt?: string;
  titles: Map<string, string>;
}) {
  const { drift, evaluatedAt, titles } = props;
  const rows: Row[] = drift.map(d => ({
    ...d,
    title: titles.get(d.checkId) ?? d.checkId,
    change: changeOf(d),
  }));
  const latest = evaluatedAt ? Date.parse(evaluatedAt) : NaN;
  const sinceLast = rows.filter(r => Date.parse(r.evaluatedAt) === latest);
  const older = rows.filter(r => Date.parse(r.evaluatedAt) !== latest);

  return (
    <Box>
      <Typography variant="body1" gutterBottom>
        {sinceLast.length === 0
          ? 'No check changed status since the previous evaluation.'
          : `${sinceLast.length} check${
              sinceLast.length === 1 ? '' : 's'
            } changed status since the previous evaluation.`}
      </Typography>
      {sinceLast.length > 0 && (
        <Table<Row>
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
            draggable: false,
          }}
          columns={columns}
          data={sinceLast}
        />
      )}
      {older.length > 0 && (
        <Box mt={2}>
          <Table<Row>
            title="Earlier changes"
            options={{
              paging: older.length > 10,
              pageSize: 10,
              search: false,
              padding: 'dense',
              draggable: false,
            }}
            columns={columns}
            data={older}
          />
        </Box>
      )}
    </Box>
  );
}
