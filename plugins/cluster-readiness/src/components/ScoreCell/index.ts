export { ScoreCell } from './ScoreCell';
