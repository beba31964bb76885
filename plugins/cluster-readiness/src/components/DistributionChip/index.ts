export { DistributionChip } from './DistributionChip';
