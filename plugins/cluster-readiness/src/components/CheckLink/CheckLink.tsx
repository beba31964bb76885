import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { ReactNode } from 'react';
import { checkRouteRef } from '../../routes';

/** A link to the page of one check (`/cluster-readiness/checks/:checkId`). */
export function CheckLink(props: { checkId: string; children: ReactNode }) {
  const checkLink = useRouteRef(checkRouteRef);
  return (
    <Link to={checkLink({ checkId: encodeURIComponent(props.checkId) })}>
      {props.children}
    </Link>
  );
}
