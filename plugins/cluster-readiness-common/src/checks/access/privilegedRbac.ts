import type { ReadinessCheck } from '../ReadinessCheck';
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import { objectRef } from '../../engine/labels';
import type {
  ClusterRoleObject,
  PolicyRule,
  RoleBindingObject,
  Subject,
} from '../../snapshot/kube';
import { bounded, plural } from '../shared/evidence';
import {
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  serviceAccountOf,
  subjectLabel,
} from './accessHelpers';

interface Grant {
  status: 'fail' | 'warn';
  what: string;
  path: string;
}

/** Groups whose names start with `system:` but that stand for everyone. */
const EVERYONE_GROUPS = new Set([
  'system:authenticated',
  'system:unauthenticated',
  'system:serviceaccounts',
]);

/** A subject outside the built-in system identities. */
function isNonSystem(s: Subject, index: SnapshotIndex): boolean {
  const sa = serviceAccountOf(s);
  if (sa) return !index.isSystemNamespace(sa.namespace);
  const name = s.name ?? '';
  if (s.kind === 'Group') {
    if (EVERYONE_GROUPS.has(name)) return true;
    const ns = /^system:serviceaccounts:(.+)$/.exec(name)?.[1];
    if (ns) return !index.isSystemNamespace(ns);
  }
  if (s.kind === 'User' && name === 'system:anonymous') return true;
  return !name.startsWith('system:');
}

/** Whether a rule's resources include `target`; `pods/exec` is matched by `*`, `pods/exec`, `pods/(star)` and `(star)/exec`. */
function covers(resources: readonly string[], target: string): boolean {
  if (resources.includes('*') || resources.includes(target)) return true;
  const slash = target.indexOf('/');
  if (slash < 0) return false;
  return (
    resources.includes(`${target.slice(0, slash)}/*`) ||
    resources.includes(`*${target.slice(slash)}`)
  );
}

function ruleGrants(rule: PolicyRule, path: string): Grant[] {
  const verbs = rule.verbs ?? [];
  const resources = rule.resources ?? [];
  const groups = rule.apiGroups ?? [];
  if (!resources.length || !verbs.length) return [];
  const grants: Grant[] = [];
  const anyVerb = verbs.includes('*');
  const inGroup = (g: string) => groups.includes('*') || groups.includes(g);
  const allows = (v: string) => anyVerb || verbs.includes(v);
  const res = resources.join(',');

  if (anyVerb && resources.includes('*')) {
    grants.push({ status: 'fail', what: 'every verb on every resource', path });
  }
  for (const v of ['escalate', 'bind', 'impersonate']) {
    if (verbs.includes(v))
      grants.push({ status: 'fail', what: `${v} on ${res}`, path });
  }
  if (anyVerb && !resources.includes('*')) {
    if (
      inGroup('rbac.authorization.k8s.io') &&
      (covers(resources, 'roles') || covers(resources, 'clusterroles'))
    ) {
      grants.push({
        status: 'fail',
        what: `* on ${res} (includes escalate and bind)`,
        path,
      });
    }
    if (
      inGroup('') &&
      ['users', 'groups', 'serviceaccounts'].some(r => covers(resources, r))
    ) {
      grants.push({
        status: 'fail',
        what: `* on ${res} (includes impersonate)`,
        path,
      });
    }
  }
  if (inGroup('')) {
    const reads = ['get', 'list', 'watch'].filter(allows);
    if (reads.length && covers(resources, 'secrets')) {
      grants.push({
        status: 'warn',
        what: `${reads.join('/')} on secrets`,
        path,
      });
    }
    if (allows('create') && covers(resources, 'pods/exec')) {
      grants.push({ status: 'warn', what: 'create on pods/exec', path });
    }
    if (covers(resources, 'nodes/proxy')) {
      grants.push({
        status: 'warn',
        what: `${verbs.join('/')} on nodes/proxy`,
        path,
      });
    }
  }
  return grants;
}

function roleGrants(role: ClusterRoleObject): Grant[] {
  const roleRef = objectRef(role, 'ClusterRole');
  return (role.rules ?? []).flatMap((rule, i) =>
    ruleGrants(rule, `${roleRef} .rules[${i}]`),
  );
}

interface Finding {
  status: 'fail' | 'warn';
  text: string;
  evidence: string[];
}

/** `access.privileged-rbac` @public */
export const privilegedRbac: ReadinessCheck = {
  id: 'access.privileged-rbac',
  title: 'No escalation-prone RBAC grants',
  category: 'access',
  severity: 'medium',
  description:
    'Some RBAC rights lead to others: wildcards, escalate and bind (grant yourself any role), impersonate (act as anyone), reading Secrets (ServiceAccount tokens and credentials), exec into pods, and the kubelet API through nodes/proxy (even get on it runs commands). Looks at ClusterRoleBindings not named system:* whose subjects include someone other than the built-in system:* users and groups and ServiceAccounts of system namespaces, and at the rules of the ClusterRole they bind, other than cluster-admin (see access.cluster-admin-bindings); rules of aggregated ClusterRoles are read as listed. Group system:authenticated, system:unauthenticated, system:serviceaccounts and system:serviceaccounts:<namespace>, and User system:serviceaccount:<namespace>:<name>, are treated as the people and workloads they stand for, not as system identities. Verb * on roles or clusterroles (rbac.authorization.k8s.io) counts as escalate and bind, verb * on users, groups or serviceaccounts counts as impersonate. Resources * and <resource>/* include subresources. The warnings apply to rules whose apiGroups contain "" or "*"; resourceNames restrictions are not taken into account. RoleBindings are not considered.',
  rule: 'fail: the bound ClusterRole grants verb * on resource * (any apiGroups), or escalate, bind or impersonate. warn: it grants get, list or watch on secrets, create on pods/exec, or any verb on nodes/proxy (directly or through *). pass: otherwise.',
  remediation:
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
  reads: [CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS],
  evaluate({ index }) {
    const roles = new Map<string, ClusterRoleObject>();
    for (const role of index.items<ClusterRoleObject>(CLUSTER_ROLES)) {
      roles.set(role.metadata?.name ?? '', role);
    }
    const grantsOf = new Map<string, Grant[]>();
    const findings: Finding[] = [];
    const examined: string[] = [];
    for (const b of index.items<RoleBindingObject>(CLUSTER_ROLE_BINDINGS)) {
      const name = b.metadata?.name ?? '';
      const roleName = b.roleRef?.name ?? '';
      if (name.startsWith('system:') || roleName === 'cluster-admin') continue;
      if (b.roleRef?.kind !== 'ClusterRole') continue;
      const subject = (b.subjects ?? []).find(s => isNonSystem(s, index));
      if (!subject) continue;
      const bindingRef = objectRef(b, 'ClusterRoleBinding');
      examined.push(`${bindingRef} .roleRef`);
      let grants = grantsOf.get(roleName);
      if (!grants) {
        const role = roles.get(roleName);
        grants = role ? roleGrants(role) : [];
        grantsOf.set(roleName, grants);
      }
      if (!grants.length) continue;
      const status = grants.some(g => g.status === 'fail') ? 'fail' : 'warn';
      const worst = grants.filter(g => g.status === status);
      findings.push({
        status,
        text: `${bindingRef} gives ClusterRole/${roleName} to ${subjectLabel(
          subject,
        )}: ${worst.map(g => g.what).join('; ')}`,
        evidence: [`${bindingRef} .roleRef`, ...worst.map(g => g.path)],
      });
    }
    if (!findings.length) {
      return {
        status: 'pass',
        message: examined.length
          ? `${plural(
              examined.length,
              'ClusterRoleBinding',
            )} to non-system subjects grant no escalation-prone rights.`
          : 'No ClusterRoleBinding gives a ClusterRole other than cluster-admin to non-system subjects.',
        evidence: bounded(examined),
      };
    }
    const status = findings.some(f => f.status === 'fail') ? 'fail' : 'warn';
    const worst = findings.filter(f => f.status === status);
    const more = worst.length > 1 ? ` (${worst.length} bindings)` : '';
    const advice =
      status === 'fail'
        ? 'remove these verbs or bind a narrower role'
        : 'narrow the role unless the subject needs it';
    return {
      status,
      message: `${worst[0].text}${more}; ${advice}.`,
      evidence: bounded([...new Set(worst.flatMap(f => f.evidence))]),
    };
  },
};
