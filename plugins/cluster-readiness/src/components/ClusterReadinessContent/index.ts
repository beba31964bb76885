export { ClusterReadinessContent } from './ClusterReadinessContent';
