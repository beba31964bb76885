/*
 * Small helpers shared by the nodes checks; those of every category are in ../shared.
 * Everything here is linear in what it is given.
 */
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import type { NodeObject } from '../../snapshot/kube';

/** The node's name ('' when absent). */
export function nodeName(node: NodeObject): string {
  return node.metadata?.name ?? '';
}

/** `Node/w-1` */
export function nodeRef(node: NodeObject): string {
  return `Node/${nodeName(node)}`;
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
