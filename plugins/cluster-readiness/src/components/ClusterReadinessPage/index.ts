export { ClusterReadinessPage } from './ClusterReadinessPage';
