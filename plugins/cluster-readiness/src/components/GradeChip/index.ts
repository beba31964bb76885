export { GradeChip } from './GradeChip';
