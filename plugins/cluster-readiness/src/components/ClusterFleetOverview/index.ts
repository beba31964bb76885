export { ClusterFleetOverview } from './ClusterFleetOverview';
