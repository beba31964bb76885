export { ClusterDrift } from './ClusterDrift';
