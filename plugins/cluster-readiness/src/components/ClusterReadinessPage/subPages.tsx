import { Content } from '@backstage/core-components';
import { CheckCatalogTable } from '../CheckCatalogTable';
import { ClusterFleetOverview } from '../ClusterFleetOverview';

/** Sub-page "Clusters" of the new frontend system's page. */
export function ClustersSubPage() {
  return (
    <Content>
      <ClusterFleetOverview />
    </Content>
  );
}

/** Sub-page "Checks" of the new frontend system's page. */
export function ChecksSubPage() {
  return (
    <Content>
      <CheckCatalogTable />
    </Content>
  );
}
