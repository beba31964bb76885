/*
 * Reading kube-apiserver flags from its mirror pods, for the checks of every
 * category. Each instance is read, so that a check sees one configured differently
 * from the others.
 */
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import { objectRef, parseFlags } from '../../engine/labels';
import type { PodObject } from '../../snapshot/kube';

/** Flags of one kube-apiserver mirror pod. */
export interface ApiserverInstance {
  pod: PodObject;
  /** `Pod/kube-system/kube-apiserver-cp-1`, the prefix of flag evidence. */
  ref: string;
  flags: Map<string, string>;
}

/** Flags of a pod's first container (command then args), as checks.md defines them. */
function podFlags(pod: PodObject): Map<string, string> {
  const c = pod.spec?.containers?.[0];
  return parseFlags([...(c?.command ?? []), ...(c?.args ?? [])]);
}

/** Each kube-apiserver mirror pod with its flags. */
export function apiserverFlags(index: SnapshotIndex): ApiserverInstance[] {
  return index.mirrorPods('kube-apiserver').map(pod => ({
    pod,
    ref: objectRef(pod, 'Pod'),
    flags: podFlags(pod),
  }));
}

/** Why the kube-apiserver flags cannot be read, for messages. */
export function whyNoApiserverFlags(index: SnapshotIndex): string {
  if (index.state('pods') !== 'collected') {
    return index.state('pods') === 'failed'
      ? 'pods could not be listed'
      : 'pods were not collected';
  }
  const cp = index.controlPlane;
  if (cp.mode === 'managed') {
    return `the control plane is managed (${cp.reason})`;
  }
  return 'no kube-apiserver mirror pod is visible in kube-system';
}

/** A flag is set when present with a non-empty value. */
export function flagSet(flags: Map<string, string>, name: string): boolean {
  const v = flags.get(name);
  return v !== undefined && v !== '';
}

/** Comma-separated flag value as a list (entries trimmed, empty ones dropped). */
export function flagList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}
