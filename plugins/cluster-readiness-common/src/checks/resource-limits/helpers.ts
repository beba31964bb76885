/*
 * Helpers shared by the resource-limits checks; those of every category are in
 * ../shared.
 */
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import type { WorkloadObject } from '../../snapshot/kube';

/** `n of d (p %)`, the percentage rounded down (see percentDown). */
export function ofTotal(n: number, d: number): string {
  return `${n} of ${d} (${percentDown(n, d)} %)`;
}

/** `n ÷ d` as a percentage rounded down to one decimal (`79.9`, never `80` for 79.96 %). */
export function percentDown(n: number, d: number): number {
  return Math.floor((n * 1000) / d + 1e-9) / 10;
}

/** The cluster DNS: Deployments in kube-system labelled `k8s-app=kube-dns` (checks.md). */
export function dnsDeployments(index: SnapshotIndex): WorkloadObject[] {
  return (
    index.byNamespace<WorkloadObject>('deployments.apps').get('kube-system') ??
    []
  ).filter(d => d.metadata?.labels?.['k8s-app'] === 'kube-dns');
}
