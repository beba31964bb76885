import type { ReadinessCheck } from '../ReadinessCheck';
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import { objectRef } from '../../engine/labels';
import type { RoleBindingObject, Subject } from '../../snapshot/kube';
import { bounded, nameFewElided, plural } from '../shared/evidence';
import {
  CLUSTER_ROLE_BINDINGS,
  serviceAccountOf,
  subjectLabel,
} from './accessHelpers';

/** Groups through which everyone, or every ServiceAccount, would be cluster-admin. */
const EVERYONE_GROUPS = new Set([
  'system:authenticated',
  'system:unauthenticated',
  'system:serviceaccounts',
]);

type Verdict = 'ignored' | 'forbidden' | 'counted';

function classify(s: Subject, index: SnapshotIndex): Verdict {
  const sa = serviceAccountOf(s);
  if (sa)
    return index.isSystemNamespace(sa.namespace) ? 'ignored' : 'forbidden';
  if (s.kind === 'Group') {
    const name = s.name ?? '';
    if (name === 'system:masters' || name === 'kubeadm:cluster-admins') {
      return 'ignored';
    }
    if (EVERYONE_GROUPS.has(name)) return 'forbidden';
    // Every ServiceAccount of one namespace.
    const ns = /^system:serviceaccounts:(.+)$/.exec(name)?.[1];
    if (ns) return index.isSystemNamespace(ns) ? 'ignored' : 'forbidden';
  }
  if (s.kind === 'User' && s.name === 'system:anonymous') return 'forbidden';
  return 'counted';
}

/** `access.cluster-admin-bindings` @public */
export const clusterAdminBindings: ReadinessCheck = {
  id: 'access.cluster-admin-bindings',
  title: 'Few subjects hold cluster-admin',
  category: 'access',
  severity: 'high',
  description:
    'cluster-admin can do anything, so it should be held by a handful of named people or break-glass groups, never by a workload: a ServiceAccount token stolen from a pod would own the cluster. Looks at the subjects of ClusterRoleBindings to ClusterRole cluster-admin, ignoring Group system:masters, Group kubeadm:cluster-admins and ServiceAccounts of system namespaces (also when written as Group system:serviceaccounts:<namespace> or User system:serviceaccount:<namespace>:<name>). ServiceAccounts of other namespaces, in either spelling, fail, as do the groups that include everyone: system:authenticated, system:serviceaccounts, system:unauthenticated, and User system:anonymous. The remaining subjects are counted once each even if several bindings name them; the limit is the clusterAdminSubjectLimit option (default 3).',
  rule: 'fail: a ServiceAccount of a non-system namespace, or Group system:authenticated/system:serviceaccounts (or another everyone-group), is bound to cluster-admin. warn: more remaining subjects than the limit (3). pass: otherwise.',
  remediation:
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
  reads: [CLUSTER_ROLE_BINDINGS],
  evaluate({ index, options }) {
    const limit = options.clusterAdminSubjectLimit;
    const forbidden: Array<{ path: string; text: string }> = [];
    const counted = new Map<string, string[]>();
    for (const b of index.items<RoleBindingObject>(CLUSTER_ROLE_BINDINGS)) {
      if (
        b.roleRef?.kind !== 'ClusterRole' ||
        b.roleRef?.name !== 'cluster-admin'
      ) {
        continue;
      }
      const bindingRef = objectRef(b, 'ClusterRoleBinding');
      (b.subjects ?? []).forEach((s, i) => {
        const path = `${bindingRef} .subjects[${i}]`;
        const verdict = classify(s, index);
        if (verdict === 'ignored') return;
        if (verdict === 'forbidden') {
          forbidden.push({ path, text: `${subjectLabel(s)} (${bindingRef})` });
        }
        const key = subjectLabel(s);
        const paths = counted.get(key);
        if (paths) paths.push(path);
        else counted.set(key, [path]);
      });
    }
    if (forbidden.length) {
      const more =
        forbidden.length > 1 ? ` and ${forbidden.length - 1} more` : '';
      return {
        status: 'fail',
        message: `cluster-admin is bound to ${forbidden[0].text}${more}: a workload token or any user would own the cluster; bind a narrower role.`,
        evidence: bounded(forbidden.map(f => f.path)),
      };
    }
    const evidence = bounded([...counted.values()].flat());
    const what = `${plural(
      counted.size,
      'subject',
    )} besides system ones hold cluster-admin`;
    if (counted.size > limit) {
      return {
        status: 'warn',
        message: `${what} (more than ${limit}): ${nameFewElided(
          [...counted.keys()],
          5,
        )}; keep cluster-admin for break-glass use.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `${what} (limit ${limit}).`,
      evidence,
    };
  },
};
