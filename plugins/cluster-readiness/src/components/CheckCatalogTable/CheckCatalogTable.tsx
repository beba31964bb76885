import {
  Link,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import {
  BUILTIN_CHECKS,
  CheckMetadata,
  checkMetadata,
} from '@cluster-readiness/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';
import { clusterReadinessApiRef } from '../../api';
import {
  categoryRank,
  categoryTitle,
  errorMessage,
  severityRank,
} from '../../lib/presentation';

const columns: TableColumn<CheckMetadata>[] = [
  { title: 'Check', field: 'title', highlight: true },
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
        options={{ paging: false, search: true, padding: 'dense' }}
        columns={columns}
        data={checks}
      />
    </Box>
  );
}
