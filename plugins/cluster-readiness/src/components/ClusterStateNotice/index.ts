export { ClusterStateNotice } from './ClusterStateNotice';
