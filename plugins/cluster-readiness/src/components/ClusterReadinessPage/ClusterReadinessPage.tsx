import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { ChecksRoute } from '../CheckPage';
import { ClusterFleetOverview } from '../ClusterFleetOverview';

/**
 * The page's two tabs: "Clusters" (the fleet overview) at `/` and "Checks" (the check
 * catalog, and a page per check at `checks/:checkId`).
 */
export function ClusterReadinessTabs() {
  return (
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Clusters">
        <ClusterFleetOverview />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/checks" title="Checks">
        <ChecksRoute />
      </TabbedLayout.Route>
    </TabbedLayout>
  );
}

/**
 * The organisation-wide Cluster Readiness page (legacy frontend system): the fleet
 * overview, and the check catalog under "Checks" with a page per check
 * (`checks/:checkId`).
 * @public
 */
export function ClusterReadinessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Cluster Readiness"
        subtitle="How production-ready each Kubernetes cluster is"
      />
      <ClusterReadinessTabs />
    </Page>
  );
}
