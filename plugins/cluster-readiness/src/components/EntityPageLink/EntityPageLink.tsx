import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { shortRef } from '../../lib/fleet';

/**
 * A plain link to an entity's catalog page, labelled with the short ref (or `label`):
 * for table rows of many clusters. Unlike `EntityRefLink` it neither fetches the
 * entity's presentation nor creates a style sheet per link, so a page of 100 rows
 * renders in one pass. `—` without a ref; the label alone if the ref cannot be read.
 */
export function EntityPageLink(props: {
  entityRef: string | null | undefined;
  defaultKind: string;
  label?: string;
}) {
  const { entityRef, defaultKind } = props;
  const linkTo = useEntityRefLink();
  if (!entityRef) return <>{props.label ?? '—'}</>;
  const label = props.label ?? shortRef(entityRef);
  let target: string;
  try {
    target = linkTo(
      parseEntityRef(entityRef, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    return <>{label}</>;
  }
  return (
    <Link to={target} title={entityRef}>
      {label}
    </Link>
  );
}
