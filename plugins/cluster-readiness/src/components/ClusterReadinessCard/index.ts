export { ClusterReadinessCard } from './ClusterReadinessCard';
