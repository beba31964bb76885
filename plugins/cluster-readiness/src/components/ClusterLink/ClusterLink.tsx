import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ClusterSummary } from '@cluster-readiness/backstage-plugin-common';

/** The cluster's catalog entity page when it has one, else its name. */
export function ClusterLink(props: {
  cluster: Pick<ClusterSummary, 'name' | 'entityRef'>;
}) {
  const { cluster } = props;
  if (!cluster.entityRef) return <span>{cluster.name}</span>;
  return (
    <EntityRefLink entityRef={cluster.entityRef} hideIcon>
      {cluster.name}
    </EntityRefLink>
  );
}
