export { ComponentReadinessContent } from './ComponentReadinessContent';
