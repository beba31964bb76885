import { Link, Table, TableColumn } from '@backstage/core-components';
import {
  BUILTIN_CHECKS,
  CATEGORY_TITLES,
  CheckMetadata,
  checkMetadata,
} from '@cluster-readiness/backstage-plugin-common';

const columns: TableColumn<CheckMetadata>[] = [
  { title: 'Check', field: 'title', highlight: true },
  { title: 'Id', field: 'id' },
  {
    title: 'Category',
    field: 'category',
    render: c => CATEGORY_TITLES[c.category],
  },
  { title: 'Severity', field: 'severity' },
  { title: 'Rule', field: 'rule' },
  {
    title: 'Docs',
    field: 'remediation',
    render: c => <Link to={c.remediation}>Kubernetes docs</Link>,
  },
];

/**
 * Every check with its category, severity, rule and documentation link.
 * @public
 */
export function CheckCatalogTable() {
  const checks = BUILTIN_CHECKS.map(checkMetadata);
  return (
    <Table
      title={`Checks (${checks.length})`}
      options={{ paging: false, search: true, padding: 'dense' }}
      columns={columns}
      data={checks}
    />
  );
}
