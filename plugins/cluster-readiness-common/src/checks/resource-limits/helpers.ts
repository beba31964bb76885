import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import type { WorkloadObject } from '../../snapshot/kube';
import { requiredGrant } from '../../snapshot/resources';

/** Evidence lines kept per result; clusters have thousands of namespaces. */
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

/** `n of d (p %)`, the percentage rounded down (see percentDown). */
export function ofTotal(n: number, d: number): string {
  return `${n} of ${d} (${percentDown(n, d)} %)`;
}

/** `n ÷ d` as a percentage rounded down to one decimal (`79.9`, never `80` for 79.96 %). */
export function percentDown(n: number, d: number): number {
  return Math.floor((n * 1000) / d + 1e-9) / 10;
}

/** Whether a resource was read; otherwise why not, and the grant that is missing. */
export function unreadable(
  index: SnapshotIndex,
  key: string,
): { reason: string; grant: string } | undefined {
  const state = index.state(key);
  if (state === 'collected') return undefined;
  const grant = requiredGrant(key);
  const error = index.error(key);
  return {
    grant,
    reason: error
      ? `${grant} failed (${error.code} ${error.reason})`
      : `${key} not collected`,
  };
}

/** The cluster DNS: Deployments in kube-system labelled `k8s-app=kube-dns` (checks.md). */
export function dnsDeployments(index: SnapshotIndex): WorkloadObject[] {
  return (
    index.byNamespace<WorkloadObject>('deployments.apps').get('kube-system') ??
    []
  ).filter(d => d.metadata?.labels?.['k8s-app'] === 'kube-dns');
}
