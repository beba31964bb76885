export { StatusLabel } from './StatusLabel';
