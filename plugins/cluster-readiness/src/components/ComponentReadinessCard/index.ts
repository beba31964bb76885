export { ComponentReadinessCard } from './ComponentReadinessCard';
