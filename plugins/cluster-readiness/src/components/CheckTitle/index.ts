export { CheckTitle } from './CheckTitle';
