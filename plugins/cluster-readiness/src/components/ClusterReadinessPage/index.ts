export {
  ClusterReadinessPage,
  ClusterReadinessTabs,
} from './ClusterReadinessPage';
