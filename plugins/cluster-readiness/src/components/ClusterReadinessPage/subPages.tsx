import { Content } from '@backstage/core-components';
import { ChecksRoute } from '../CheckPage';
import { ClusterFleetOverview } from '../ClusterFleetOverview';

/** Sub-page "Clusters" of the new frontend system's page. */
export function ClustersSubPage() {
  return (
    <Content>
      <ClusterFleetOverview />
    </Content>
  );
}

/** Sub-page "Checks" of the new frontend system's page, with a page per check below it. */
export function ChecksSubPage() {
  return (
    <Content>
      <ChecksRoute />
    </Content>
  );
}
