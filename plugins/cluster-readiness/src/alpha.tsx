import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { KUBERNETES_ANNOTATION } from '@backstage/plugin-kubernetes-common';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { ClusterReadinessClient, clusterReadinessApiRef } from './api';
import { KUBERNETES_CLUSTER_TYPE } from './isKubernetesClusterEntity';
import {
  checkRouteRef,
  CLUSTER_TAB_PATH,
  COMPONENT_TAB_PATH,
  rootRouteRef,
} from './routes';

/** Resources of `spec.type: kubernetes-cluster` (matching is case-insensitive). */
const clusterFilter = {
  kind: 'resource',
  'spec.type': KUBERNETES_CLUSTER_TYPE,
};

/**
 * Components that may run on a cluster: related to one by `dependsOn`, or tied to
 * their pods by the `backstage.io/kubernetes-id` annotation.
 */
const isComponent = { kind: 'component' };
const hasKubernetesId = {
  [`metadata.annotations.${KUBERNETES_ANNOTATION}`]: { $exists: true },
};
const hasDependsOn = { 'spec.dependsOn': { $exists: true } };
const runsOnClusters = { $any: [hasKubernetesId, hasDependsOn] };
const componentFilter = { $all: [isComponent, runsOnClusters] };

/** `api:cluster-readiness` */
const clusterReadinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: clusterReadinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ClusterReadinessClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `page:cluster-readiness`: the organisation page with its own tabs, "Clusters" and
 * "Checks" (a page per check at `checks/:checkId`). The page draws its tabs itself
 * (as the legacy page does) rather than as sub-pages: the sub-page tab bar points
 * `aria-controls` at a tab panel that is never rendered, a critical axe violation.
 */
const clusterReadinessPage = PageBlueprint.make({
  params: {
    path: '/cluster-readiness',
    title: 'Cluster Readiness',
    icon: <AssessmentIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/ClusterReadinessPage').then(m =>
        compatWrapper(<m.ClusterReadinessTabs />),
      ),
  },
});

/** `entity-content:cluster-readiness/cluster`: the "Readiness" tab of cluster Resources. */
const clusterReadinessEntityContent = EntityContentBlueprint.make({
  name: 'cluster',
  params: {
    path: `/${CLUSTER_TAB_PATH}`,
    title: 'Readiness',
    filter: clusterFilter,
    loader: () =>
      import('./components/ClusterReadinessContent').then(m => (
        <m.ClusterReadinessContent />
      )),
  },
});

/** `entity-content:cluster-readiness/component`: the "Cluster readiness" tab of Components. */
const componentReadinessEntityContent = EntityContentBlueprint.make({
  name: 'component',
  params: {
    path: `/${COMPONENT_TAB_PATH}`,
    title: 'Cluster readiness',
    group: 'deployment',
    filter: componentFilter,
    loader: () =>
      import('./components/ComponentReadinessContent').then(m => (
        <m.ComponentReadinessContent />
      )),
  },
});

/** `entity-card:cluster-readiness/cluster` */
const clusterReadinessEntityCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    filter: clusterFilter,
    loader: () =>
      import('./components/ClusterReadinessCard').then(m => (
        <m.ClusterReadinessCard />
      )),
  },
});

/** `entity-card:cluster-readiness/component` */
const componentReadinessEntityCard = EntityCardBlueprint.make({
  name: 'component',
  params: {
    filter: componentFilter,
    loader: () =>
      import('./components/ComponentReadinessCard').then(m => (
        <m.ComponentReadinessCard />
      )),
  },
});

/** `entity-card:cluster-readiness/group` */
const groupReadinessEntityCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupReadinessCard').then(m => (
        <m.GroupReadinessCard />
      )),
  },
});

/**
 * The Cluster Readiness frontend plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'cluster-readiness',
  title: 'Cluster Readiness',
  icon: <AssessmentIcon />,
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    check: convertLegacyRouteRef(checkRouteRef),
  },
  extensions: [
    clusterReadinessApi,
    clusterReadinessPage,
    clusterReadinessEntityContent,
    componentReadinessEntityContent,
    clusterReadinessEntityCard,
    componentReadinessEntityCard,
    groupReadinessEntityCard,
  ],
});
