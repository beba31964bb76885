import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Rollup } from '../../lib/fleet';
import { GRADES, scoreColor, formatScore } from '../../lib/presentation';
import { GradeChip } from '../GradeChip';

type Row = Rollup & { id: string };

/** Clusters grouped by owner or system: count, average score, grades, no grade, capped, stale. */
export function RollupTable(props: {
  title: string;
  rollups: Rollup[];
  defaultKind: 'group' | 'system';
  emptyLabel: string;
}) {
  const { title, rollups, defaultKind, emptyLabel } = props;
  const columns: TableColumn<Row>[] = [
    {
      title: defaultKind === 'group' ? 'Owner' : 'System',
      field: 'key',
      highlight: true,
      render: r =>
        r.key ? (
          <EntityRefLink entityRef={r.key} defaultKind={defaultKind} hideIcon />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {emptyLabel}
          </Typography>
        ),
    },
    { title: 'Clusters', field: 'clusters', type: 'numeric' },
    {
      title: 'Average',
      field: 'averageScore',
      customSort: (a, b) => (a.averageScore ?? -1) - (b.averageScore ?? -1),
      cellStyle: (_d: Row[], r: Row) => ({
        backgroundColor: scoreColor(r.averageScore),
        color: 'rgba(0, 0, 0, 0.87)',
        fontWeight: 600,
        textAlign: 'center',
      }),
      render: r => formatScore(r.averageScore),
    },
    {
      title: 'Grades',
      field: 'grades',
      sorting: false,
      render: r => (
        <Box display="flex" gridGap={8} flexWrap="wrap">
          {GRADES.filter(g => r.grades[g]).map(g => (
            <Box key={g} display="flex" alignItems="center" gridGap={2}>
              <GradeChip grade={g} />
              <Typography variant="caption">×{r.grades[g]}</Typography>
            </Box>
          ))}
        </Box>
      ),
    },
    {
      title: 'No grade',
      field: 'noGrade',
      type: 'numeric',
      render: r => (
        <span aria-label={`${r.key || emptyLabel} without a grade`}>
          {r.noGrade}
        </span>
      ),
    },
    {
      title: 'Capped',
      field: 'capped',
      type: 'numeric',
      render: r => (
        <span aria-label={`${r.key || emptyLabel} with a capped grade`}>
          {r.capped}
        </span>
      ),
    },
    { title: 'Stale', field: 'stale', type: 'numeric' },
  ];
  return (
    <Table<Row>
      title={title}
      options={{
        paging: rollups.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      columns={columns}
      data={rollups.map(r => ({ ...r, id: r.key }))}
    />
  );
}
