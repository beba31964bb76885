import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  CATEGORIES,
  Category,
  ClusterSummary,
} from '@cluster-readiness/backstage-plugin-common';
import type { CSSProperties } from 'react';
import { categoryScore } from '../../lib/fleet';
import {
  categoryTitle,
  formatCoverage,
  formatScore,
  formatTime,
  scoreColor,
} from '../../lib/presentation';
import { ClusterLink } from '../ClusterLink';
import { DistributionChip } from '../DistributionChip';
import { GradeCapCaption, GradeChip } from '../GradeChip';

type Row = ClusterSummary & { id: string };

const heat = (score: number | null | undefined): CSSProperties => ({
  backgroundColor: scoreColor(score),
  color: 'rgba(0, 0, 0, 0.87)',
  fontWeight: 600,
  textAlign: 'center',
});

/** Unscored clusters sort below every scored one, whichever the direction. */
const byScore =
  (get: (r: Row) => number | null | undefined) => (a: Row, b: Row) =>
    (get(a) ?? -1) - (get(b) ?? -1);

function columns(focus?: Category): TableColumn<Row>[] {
  return [
    {
      title: 'Cluster',
      field: 'name',
      highlight: true,
      render: r => <ClusterLink cluster={r} />,
    },
    {
      title: 'Owner',
      field: 'owner',
      render: r =>
        r.owner ? (
          <EntityRefLink entityRef={r.owner} defaultKind="group" hideIcon />
        ) : (
          '—'
        ),
    },
    {
      title: 'Score',
      field: 'score',
      customSort: byScore(r => r.score),
      cellStyle: (_d: Row[], r: Row) => heat(r.score),
      render: r => formatScore(r.score),
    },
    {
      title: 'Distribution',
      field: 'distribution',
      render: r => <DistributionChip distribution={r.distribution} />,
    },
    {
      title: 'Grade',
      field: 'grade',
      render: r => (
        <GradeChip
          grade={r.grade}
          gradeCap={r.gradeCap}
          coverage={r.coverage}
        />
      ),
    },
    {
      title: 'Coverage',
      field: 'coverage',
      customSort: byScore(r => r.coverage),
      render: r => formatCoverage(r.coverage),
    },
    ...CATEGORIES.map(
      (id): TableColumn<Row> => ({
        title: focus === id ? `${categoryTitle(id)} ◆` : categoryTitle(id),
        field: `category:${id}` as any,
        customSort: byScore(r => categoryScore(r, id)?.score),
        cellStyle: (_d: Row[], r: Row) => heat(categoryScore(r, id)?.score),
        render: r => {
          const category = categoryScore(r, id);
          return (
            <>
              {formatScore(category?.score)}
              {category && <GradeCapCaption {...category} />}
            </>
          );
        },
      }),
    ),
    {
      title: 'Last evaluated',
      field: 'evaluatedAt',
      render: r => (
        <>
          <Typography variant="body2">{formatTime(r.evaluatedAt)}</Typography>
          {r.stale && (
            <Typography variant="caption" color="error">
              stale{r.error ? `: ${r.error}` : ''}
            </Typography>
          )}
          {r.state === 'needs-user-credentials' && (
            <Typography variant="caption" color="textSecondary">
              needs user credentials
            </Typography>
          )}
          {r.state === 'error' && (
            <Typography variant="caption" color="error">
              error{r.error ? `: ${r.error}` : ''}
            </Typography>
          )}
        </>
      ),
    },
  ];
}

/**
 * Every cluster in view with its score, grade, coverage and category scores, each
 * score cell on the colour of its grade band. Paged, so a fleet of thousands renders
 * one page of rows at a time.
 */
export function ClusterHeatmapTable(props: {
  clusters: ClusterSummary[];
  total: number;
  focus?: Category;
}) {
  const { clusters, total, focus } = props;
  const sorted = [...clusters].sort(
    (a, b) => (a.score ?? -1) - (b.score ?? -1) || a.name.localeCompare(b.name),
  );
  return (
    <Table<Row>
      title={`Clusters (${clusters.length}${
        clusters.length === total ? '' : ` of ${total}`
      })`}
      options={{
        paging: true,
        pageSize: 25,
        pageSizeOptions: [25, 50, 100],
        search: true,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      columns={columns(focus)}
      data={sorted.map(c => ({ ...c, id: c.name }))}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          No cluster matches these filters.
        </Typography>
      }
    />
  );
}
