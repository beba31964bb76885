import { useRouteRef } from '@backstage/core-plugin-api';
import { useLocation } from 'react-router-dom';
import { rootRouteRef } from '../../routes';
import { CheckCatalogTable } from '../CheckCatalogTable';
import { CheckPage } from './CheckPage';

/** The check id in `<root>/checks/<id>`, if the location is a check's page. */
export function checkIdOf(pathname: string, root: string): string | undefined {
  const prefix = `${root.replace(/\/$/, '')}/checks/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const rest = pathname.slice(prefix.length).replace(/\/$/, '');
  if (!rest) return undefined;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/**
 * The "Checks" tab: the catalog of checks, or one check's page at
 * `/cluster-readiness/checks/:checkId` (both frontend systems mount the tab at
 * `checks`, with everything below it).
 */
export function ChecksRoute() {
  const root = useRouteRef(rootRouteRef)();
  const { pathname } = useLocation();
  const checkId = checkIdOf(pathname, root);
  return checkId ? <CheckPage checkId={checkId} /> : <CheckCatalogTable />;
}
