export { RefreshClusterButton } from './RefreshClusterButton';
