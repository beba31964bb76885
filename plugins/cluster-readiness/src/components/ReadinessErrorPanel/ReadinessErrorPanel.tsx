import { ResponseErrorPanel } from '@backstage/core-components';
import { errorTitle } from '../../lib/presentation';

/** `ResponseErrorPanel` titled with the server's own message, not only the status line. */
export function ReadinessErrorPanel(props: { error: Error }) {
  return (
    <ResponseErrorPanel error={props.error} title={errorTitle(props.error)} />
  );
}
