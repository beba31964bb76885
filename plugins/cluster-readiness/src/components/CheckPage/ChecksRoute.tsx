import { useLocation } from 'react-router-dom';
import { CheckCatalogTable } from '../CheckCatalogTable';
import { CheckPage } from './CheckPage';

/** The check id of a location `…/checks/<id>`, if it is a check's page. */
export function checkIdOf(pathname: string): string | undefined {
  const at = pathname.lastIndexOf('/checks/');
  if (at < 0) return undefined;
  const rest = pathname.slice(at + '/checks/'.length).replace(/\/$/, '');
  if (!rest || rest.includes('/')) return undefined;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/**
 * The "Checks" tab: the catalog of checks, or one check's page at
 * `/cluster-readiness/checks/:checkId` (both frontend systems mount the tab at
 * `checks` with everything below it; links come from `checkRouteRef`).
 */
export function ChecksRoute() {
  const checkId = checkIdOf(useLocation().pathname);
  return checkId ? <CheckPage checkId={checkId} /> : <CheckCatalogTable />;
}
