export { ClusterReadinessPage } from './ClusterReadinessPage';
export { ChecksSubPage, ClustersSubPage } from './subPages';
