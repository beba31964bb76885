export { CategoryScorecards, resolveCategories } from './CategoryScorecards';
