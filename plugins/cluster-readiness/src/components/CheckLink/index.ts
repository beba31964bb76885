export { CheckLink } from './CheckLink';
