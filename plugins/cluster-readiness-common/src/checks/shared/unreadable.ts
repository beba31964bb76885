/*
 * Resources that could not be read: how the engine and the checks name them in
 * messages, and the RBAC grant whose absence made them unreadable.
 */
import type { CheckOutcome } from '../ReadinessCheck';
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import { requiredGrant } from '../../snapshot/resources';

/**
 * Why a resource cannot be used, for a message: `list daemonsets.apps failed (403
 * Forbidden)` or `daemonsets.apps not collected`.
 */
export function describeUnreadable(index: SnapshotIndex, key: string): string {
  const error = index.error(key);
  return error
    ? `${requiredGrant(key)} failed (${error.code} ${error.reason})`
    : `${key} not collected`;
}

/** Keys among `keys` that were not collected or whose read failed. */
export function unreadableKeys(
  index: SnapshotIndex,
  keys: readonly string[],
): string[] {
  return keys.filter(k => index.state(k) !== 'collected');
}

/** Whether a resource was read; otherwise why not, and the grant that is missing. */
export function unreadable(
  index: SnapshotIndex,
  key: string,
): { reason: string; grant: string } | undefined {
  if (index.state(key) === 'collected') return undefined;
  return { grant: requiredGrant(key), reason: describeUnreadable(index, key) };
}

/**
 * The `unknown` outcome for resources that could not be read: `Not observable: <why>.`
 * as the engine reports it for `reads`, or `Not observable: <why>; <consequence>.` for
 * checks that evaluate what they can before giving up.
 */
export function unreadableOutcome(
  index: SnapshotIndex,
  keys: readonly string[],
  consequence?: string,
): CheckOutcome {
  const why = keys.map(k => describeUnreadable(index, k)).join('; ');
  return {
    status: 'unknown',
    message: `Not observable: ${why}${consequence ? `; ${consequence}` : ''}.`,
    missingReads: keys.map(requiredGrant),
  };
}
