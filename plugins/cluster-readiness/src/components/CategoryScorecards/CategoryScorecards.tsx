import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CATEGORIES,
  CategoryReport,
  categoryReports,
  CheckResult,
  countStatuses,
  SEVERITY_WEIGHTS,
  STATUSES,
  StatusCounts,
} from '@cluster-readiness/backstage-plugin-common';
import {
  categoryTitle,
  formatCoverage,
  formatScore,
  scoreColor,
  statusLabel,
} from '../../lib/presentation';
import { GradeChip } from '../GradeChip';

const COUNTED = ['pass', 'warn', 'fail', 'unknown'] as const;

function scorable(r: CheckResult): boolean {
  return (
    SEVERITY_WEIGHTS[r.severity] !== undefined && STATUSES.includes(r.status)
  );
}

/**
 * The categories of a report, in `CATEGORIES` order. A category the report leaves
 * out is scored from its results with -common's `categoryReports`, so an older or
 * partial report still shows every category it has results for.
 */
export function resolveCategories(
  reported: CategoryReport[] | undefined,
  checks: CheckResult[],
): Array<{ id: string; report?: CategoryReport; counts: StatusCounts }> {
  const computed = categoryReports(checks.filter(scorable));
  const extra = (reported ?? [])
    .map(c => c?.id)
    .filter(id => id && !(CATEGORIES as readonly string[]).includes(id));
  return [...CATEGORIES, ...extra].map(id => {
    const inCategory = checks.filter(r => r.category === id);
    const report =
      (reported ?? []).find(c => c?.id === id) ??
      (inCategory.length ? computed.find(c => c.id === id) : undefined);
    return {
      id,
      report,
      counts: { ...countStatuses(inCategory), ...report?.counts },
    };
  });
}

/** One card per category: score, grade, coverage and pass/warn/fail/unknown counts. */
export function CategoryScorecards(props: {
  categories: CategoryReport[] | undefined;
  checks: CheckResult[];
}) {
  const cards = resolveCategories(props.categories, props.checks);
  return (
    <Grid container spacing={2}>
      {cards.map(({ id, report, counts }) => (
        <Grid item xs={12} sm={6} lg={3} key={id}>
          <InfoCard title={categoryTitle(id)} variant="gridItem">
            <Box
              display="flex"
              flexWrap="wrap"
              alignItems="center"
              gridGap={12}
              aria-label={`${categoryTitle(id)} score`}
            >
              <Box
                component="span"
                px={1.5}
                py={0.5}
                borderRadius={6}
                fontSize="1.75rem"
                fontWeight={700}
                style={{
                  backgroundColor: scoreColor(report?.score),
                  color: 'rgba(0, 0, 0, 0.87)',
                }}
              >
                {formatScore(report?.score)}
              </Box>
              <GradeChip
                grade={report?.grade}
                gradeCap={report?.gradeCap}
                coverage={report?.coverage}
              />
              <Typography variant="body2" color="textSecondary">
                coverage {formatCoverage(report?.coverage)}
              </Typography>
            </Box>
            {report ? (
              <Box mt={1.5} display="flex" flexWrap="wrap" gridGap={12}>
                {COUNTED.map(status => (
                  <Typography variant="body2" key={status}>
                    {statusLabel(status)} <strong>{counts[status] ?? 0}</strong>
                  </Typography>
                ))}
                {counts.waived > 0 && (
                  <Typography variant="body2">
                    Waived <strong>{counts.waived}</strong>
                  </Typography>
                )}
              </Box>
            ) : (
              <Typography variant="body2" color="textSecondary">
                No results in this category.
              </Typography>
            )}
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}
