import {
  Link,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  BUILTIN_CHECKS,
  CheckMetadata,
  checkMetadata,
  gradeLabel,
} from '@cluster-readiness/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { clusterReadinessApiRef } from '../../api';
import { CheckLink } from '../CheckLink';
import {
  categoryRank,
  categoryTitle,
  errorMessage,
  severityRank,
} from '../../lib/presentation';

const columns: TableColumn<CheckMetadata>[] = [
  {
    title: 'Check',
    field: 'title',
    highlight: true,
    render: c => <CheckLink checkId={c.id}>{c.title}</CheckLink>,
  },
  { title: 'Id', field: 'id' },
  {
    title: 'Category',
    field: 'category',
    customSort: (a, b) => categoryRank(a.category) - categoryRank(b.category),
    render: c => categoryTitle(c.category),
  },
  {
    title: 'Severity',
    field: 'severity',
    customSort: (a, b) => severityRank(a.severity) - severityRank(b.severity),
  },
  { title: 'Rule', field: 'rule' },
  {
    title: 'Docs',
    field: 'remediation',
    render: c => <Link to={c.remediation}>Kubernetes docs</Link>,
  },
];

/**
 * Every check the backend runs (built-in and custom) with its category, severity,
 * rule and documentation link. Falls back to the built-in catalog of -common when
 * the backend cannot be reached.
 * @public
 */
export function CheckCatalogTable() {
  const api = useApi(clusterReadinessApiRef);
  const { value, loading, error } = useAsync(() => api.listChecks(), [api]);

  if (loading) return <Progress />;
  const checks = (value?.items ?? BUILTIN_CHECKS.map(checkMetadata))
    .map(c => ({ ...c }))
    .sort(
      (a, b) =>
        categoryRank(a.category) - categoryRank(b.category) ||
        severityRank(a.severity) - severityRank(b.severity) ||
        a.id.localeCompare(b.id),
    );
  return (
    <Box>
      <Box mb={2} component="section" aria-label="How grades are made">
        <Typography variant="body2">
          Score: the checks that pass (1), warn (½) or fail (0), weighted by
          severity (critical 10, high 5, medium 3, low 1). Grade: A ≥ 90, B ≥
          80, C ≥ 70, D ≥ 60, else F. A failing critical check caps the grade at
          D. Coverage (the weight of checks that could be observed) caps it too:
          from 90 % no cap, from 75 % at most B, from 50 % at most C, below 50 %
          no grade (the score is still shown). Every view shows the cap next to
          the grade, e.g. “
          {gradeLabel({
            grade: 'C',
            gradeCap: { by: 'coverage', coverage: 0.59, uncapped: 'A' },
          })}
          ” or “
          {gradeLabel({
            grade: null,
            gradeCap: { by: 'coverage', coverage: 0.31, uncapped: 'B' },
          })}
          ”. The same applies per category.
        </Typography>
      </Box>
      {error && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="Showing the built-in checks: the backend's list could not be read"
            message={errorMessage(error)}
          />
        </Box>
      )}
      <Table<CheckMetadata>
        title={`Checks (${checks.length})`}
        options={{
          paging: false,
          search: true,
          padding: 'dense',
          draggable: false,
        }}
        columns={columns}
        data={checks}
      />
    </Box>
  );
}
