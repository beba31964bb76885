import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { rootRouteRef } from './routes';

const clusterReadinessPage = PageBlueprint.make({
  params: {
    path: '/cluster-readiness',
    title: 'Cluster Readiness',
    icon: <AssessmentIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/ClusterReadinessPage').then(m => (
        <m.ClusterReadinessPage />
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
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [clusterReadinessPage],
});
