export { GradeCapCaption, GradeChip } from './GradeChip';
