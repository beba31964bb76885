/*
 * Small helpers shared by the nodes checks. Everything here is linear in what it is
 * given.
 */
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import type { NodeObject } from '../../snapshot/kube';
import { requiredGrant } from '../../snapshot/resources';

/** Evidence lines kept per result: clusters have thousands of nodes. */
export const MAX_EVIDENCE = 20;

/** The first `max` lines, then one `… and N more` line. */
export function bounded(
  lines: readonly string[],
  max = MAX_EVIDENCE,
): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

/** `a, b, c` or `a, b, c and 4 more`, for naming a few objects in a message. */
export function nameFew(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** The node's name ('' when absent). */
export function nodeName(node: NodeObject): string {
  return node.metadata?.name ?? '';
}

/** `Node/w-1` */
export function nodeRef(node: NodeObject): string {
  return `Node/${nodeName(node)}`;
}

/** `1 node` / `3 nodes` */
export function plural(count: number, noun: string, suffix = 's'): string {
  return `${count} ${noun}${count === 1 ? '' : suffix}`;
}

/** `run` or `runs` to agree with a count: verb(1, 'run', 'runs'). */
export function verb(count: number, many: string, one: string): string {
  return count === 1 ? one : many;
}

/** The condition of a type on a node, if reported. */
export function nodeCondition(node: NodeObject, type: string) {
  return (node.status?.conditions ?? []).find(c => c.type === type);
}

/**
 * Whether a resource can be used as evidence. A 404 counts as read and empty: it is
 * what the API server answers for an optional custom resource that is not installed
 * and for a named object (the cluster-autoscaler status ConfigMap) that does not exist.
 */
export function readable(index: SnapshotIndex, key: string): boolean {
  const state = index.state(key);
  return (
    state === 'collected' ||
    (state === 'failed' && index.error(key)?.code === 404)
  );
}

/**
 * Why a resource cannot be used, for a message: `list daemonsets.apps failed (403
 * Forbidden)` or `daemonsets.apps not collected`.
 */
export function unreadableReason(index: SnapshotIndex, key: string): string {
  const error = index.error(key);
  return error
    ? `${requiredGrant(key)} failed (${error.code} ${error.reason})`
    : `${key} not collected`;
}
