import { Content, Header, Page } from '@backstage/core-components';
import { CheckCatalogTable } from '../CheckCatalogTable';

/**
 * The organisation-wide Cluster Readiness page.
 * @public
 */
export function ClusterReadinessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Cluster Readiness"
        subtitle="How production-ready each Kubernetes cluster is"
      />
      <Content>
        <CheckCatalogTable />
      </Content>
    </Page>
  );
}
