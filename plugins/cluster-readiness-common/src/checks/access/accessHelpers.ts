/*
 * Helpers shared by the access checks: bounded evidence, partial reads, kube-apiserver
 * flags and RBAC subjects. Internal to the access checks.
 */
import type { CheckOutcome } from '../ReadinessCheck';
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import { objectRef, parseFlags } from '../../engine/labels';
import { requiredGrant } from '../../snapshot/resources';
import type { RoleBindingObject, Subject } from '../../snapshot/kube';

export const CLUSTER_ROLE_BINDINGS =
  'clusterrolebindings.rbac.authorization.k8s.io';
export const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';
export const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
export const VALIDATING_WEBHOOKS =
  'validatingwebhookconfigurations.admissionregistration.k8s.io';
export const MUTATING_WEBHOOKS =
  'mutatingwebhookconfigurations.admissionregistration.k8s.io';

/** Evidence lists are cut to this many entries plus a "… and N more" line. */
export const EVIDENCE_LIMIT = 20;

export function bounded(
  evidence: readonly string[],
  limit = EVIDENCE_LIMIT,
): string[] {
  if (evidence.length <= limit) return [...evidence];
  return [...evidence.slice(0, limit), `… and ${evidence.length - limit} more`];
}

/** `1 subject`, `3 subjects`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`) {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** Keys among `keys` that were not collected or whose read failed. */
export function unreadableKeys(
  index: SnapshotIndex,
  keys: readonly string[],
): string[] {
  return keys.filter(k => index.state(k) !== 'collected');
}

function describeUnreadable(index: SnapshotIndex, key: string): string {
  const error = index.error(key);
  return error
    ? `${requiredGrant(key)} failed (${error.code} ${error.reason})`
    : `${key} not collected`;
}

/**
 * The `unknown` outcome for resources that could not be read, worded as the engine
 * words it for `reads`, for checks that evaluate what they can before giving up.
 */
export function unreadableOutcome(
  index: SnapshotIndex,
  keys: readonly string[],
  consequence: string,
): CheckOutcome {
  return {
    status: 'unknown',
    message: `Not observable: ${keys
      .map(k => describeUnreadable(index, k))
      .join('; ')}; ${consequence}.`,
    missingReads: keys.map(requiredGrant),
  };
}

/** Flags of one kube-apiserver mirror pod. */
export interface ApiserverFlags {
  /** `Pod/kube-system/kube-apiserver-cp-1`, the prefix of flag evidence. */
  pod: string;
  flags: Map<string, string>;
}

/**
 * Flags of every kube-apiserver mirror pod (first container, command then args), so
 * that a check sees an instance configured differently from the others.
 */
export function apiserverFlagSets(index: SnapshotIndex): ApiserverFlags[] {
  return index.mirrorPods('kube-apiserver').map(pod => {
    const c = pod.spec?.containers?.[0];
    return {
      pod: objectRef(pod, 'Pod'),
      flags: parseFlags([...(c?.command ?? []), ...(c?.args ?? [])]),
    };
  });
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

/** Comma-separated flag value as a list. */
export function flagList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

const STATUS_RANK: Record<string, number> = {
  pass: 0,
  'not-applicable': 1,
  unknown: 2,
  warn: 3,
  fail: 4,
};

/**
 * Judges every kube-apiserver instance and returns the worst verdict; when the
 * instances disagree, the message says how many share it.
 */
export function worstInstance(
  sets: readonly ApiserverFlags[],
  judge: (set: ApiserverFlags) => CheckOutcome,
): CheckOutcome {
  const verdicts = sets.map(judge);
  let worst = verdicts[0];
  for (const v of verdicts) {
    if (STATUS_RANK[v.status] > STATUS_RANK[worst.status]) worst = v;
  }
  const same = verdicts.filter(v => v.status === worst.status);
  const evidence = bounded(same.flatMap(v => v.evidence ?? []));
  if (same.length === verdicts.length) return { ...worst, evidence };
  return {
    ...worst,
    message: `${worst.message} (${same.length} of ${verdicts.length} kube-apiserver instances)`,
    evidence,
  };
}

/** The ServiceAccount a subject denotes (kind ServiceAccount, or its User name). */
export function serviceAccountOf(
  subject: Subject,
  bindingNamespace?: string,
): { namespace: string; name: string } | undefined {
  if (subject.kind === 'ServiceAccount') {
    // In a RoleBinding, a ServiceAccount subject without namespace is the binding's.
    const namespace = subject.namespace || bindingNamespace || '';
    return { namespace, name: subject.name ?? '' };
  }
  if (subject.kind === 'User') {
    const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(
      subject.name ?? '',
    );
    if (m) return { namespace: m[1], name: m[2] };
  }
  return undefined;
}

/** `User alice`, `Group system:masters`, `ServiceAccount ci/deployer`. */
export function subjectLabel(subject: Subject, bindingNamespace?: string) {
  if (subject.kind === 'ServiceAccount') {
    const sa = serviceAccountOf(subject, bindingNamespace)!;
    return `ServiceAccount ${sa.namespace}/${sa.name}`;
  }
  return `${subject.kind ?? 'Subject'} ${subject.name ?? ''}`;
}

/** `ClusterRole/view`, `Role/team-a/reader`. */
export function roleRefLabel(binding: RoleBindingObject): string {
  const ref = binding.roleRef ?? {};
  const ns = ref.kind === 'Role' ? `${binding.metadata?.namespace}/` : '';
  return `${ref.kind ?? 'Role'}/${ns}${ref.name ?? ''}`;
}

/** Kind of the objects of a binding resource key. */
export function bindingKind(key: string): 'ClusterRoleBinding' | 'RoleBinding' {
  return key === CLUSTER_ROLE_BINDINGS ? 'ClusterRoleBinding' : 'RoleBinding';
}
