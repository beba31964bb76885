import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { CheckCatalogTable } from '../CheckCatalogTable';
import { ClusterFleetOverview } from '../ClusterFleetOverview';

/**
 * The organisation-wide Cluster Readiness page (legacy frontend system): the fleet
 * overview, and the check catalog under "Checks".
 * @public
 */
export function ClusterReadinessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Cluster Readiness"
        subtitle="How production-ready each Kubernetes cluster is"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Clusters">
          <ClusterFleetOverview />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/checks" title="Checks">
          <CheckCatalogTable />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
