export { EntityPageLink } from './EntityPageLink';
