export { CheckPage } from './CheckPage';
export { ChecksRoute } from './ChecksRoute';
