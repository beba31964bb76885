/*
 * Helpers shared by the access checks: resource keys, judging every kube-apiserver
 * instance and RBAC subjects. Internal to the access checks; those of every category
 * (bounded evidence, partial reads, reading kube-apiserver flags) are in ../shared.
 */
import type { CheckOutcome } from '../ReadinessCheck';
import type { RoleBindingObject, Subject } from '../../snapshot/kube';
import type { ApiserverInstance } from '../shared/apiserverFlags';
import { bounded } from '../shared/evidence';

export const CLUSTER_ROLE_BINDINGS =
  'clusterrolebindings.rbac.authorization.k8s.io';
export const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';
export const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
export const VALIDATING_WEBHOOKS =
  'validatingwebhookconfigurations.admissionregistration.k8s.io';
export const MUTATING_WEBHOOKS =
  'mutatingwebhookconfigurations.admissionregistration.k8s.io';

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
  sets: readonly ApiserverInstance[],
  judge: (set: ApiserverInstance) => CheckOutcome,
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
