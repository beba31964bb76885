export { CheckCatalogTable } from './CheckCatalogTable';
