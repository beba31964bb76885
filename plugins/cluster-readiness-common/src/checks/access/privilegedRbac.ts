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
import { describeUnreadable } from '../shared/unreadable';
import { requiredGrant } from '../../snapshot/resources';
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
    for (const sub of ['pods/exec', 'pods/attach']) {
      // exec and attach over a WebSocket are GET requests.
      const how = ['create', 'get'].filter(allows);
      if (how.length && covers(resources, sub)) {
        grants.push({
          status: 'warn',
          what: `${how.join('/')} on ${sub}`,
          path,
        });
      }
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

function roleGrants(role: ClusterRoleObject, kind: string): Grant[] {
  const roleRef = objectRef(role, kind);
  return (role.rules ?? []).flatMap((rule, i) =>
    ruleGrants(rule, `${roleRef} .rules[${i}]`),
  );
}

const ROLES = 'roles.rbac.authorization.k8s.io';
const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';

/** Default user-facing ClusterRoles that RoleBindings may hand out per namespace. */
const NAMESPACE_ROLES = new Set(['admin', 'edit', 'view']);

/** The API server's own kubelet client (k3s, RKE2, kubeadm user names). */
const APISERVER_KUBELET_USERS = new Set([
  'kube-apiserver',
  'system:kube-apiserver',
  'kube-apiserver-kubelet-client',
]);

function isApiserverKubeletClient(
  s: Subject,
  roleKind: string | undefined,
  roleName: string,
): boolean {
  return (
    roleKind === 'ClusterRole' &&
    roleName === 'system:kubelet-api-admin' &&
    s.kind === 'User' &&
    APISERVER_KUBELET_USERS.has(s.name ?? '')
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
    'Some RBAC rights lead to others: wildcards, escalate and bind (grant yourself any role), impersonate (act as anyone), reading Secrets (ServiceAccount tokens and credentials), exec into pods, and the kubelet API through nodes/proxy (even get on it runs commands). Looks at ClusterRoleBindings and (v2) RoleBindings not named system:* whose subjects include someone other than the built-in system:* users and groups and ServiceAccounts of system namespaces, and at the rules of the ClusterRole or Role they bind, other than cluster-admin (see access.cluster-admin-bindings); rules of aggregated ClusterRoles are read as listed. Group system:authenticated, system:unauthenticated, system:serviceaccounts and system:serviceaccounts:<namespace>, and User system:serviceaccount:<namespace>:<name>, are treated as the people and workloads they stand for, not as system identities. Verb * on roles or clusterroles (rbac.authorization.k8s.io) counts as escalate and bind, verb * on users, groups or serviceaccounts counts as impersonate. Resources * and <resource>/* include subresources. The warnings apply to rules whose apiGroups contain "" or "*"; resourceNames restrictions are not taken into account. exec and attach count with create or get (over a WebSocket they are GET requests). A binding whose role does not exist warns: whoever creates that role later is granted it. Exempt: ClusterRole system:kubelet-api-admin bound to User kube-apiserver, system:kube-apiserver or kube-apiserver-kubelet-client (the API server’s own kubelet client on k3s, RKE2 and kubeadm), and RoleBindings to the default ClusterRoles admin, edit and view (a ClusterRoleBinding to them is still judged). A RoleBinding’s finding names its namespace. RoleBindings to a Role need roles.rbac.authorization.k8s.io; when Roles were not read (and such a binding exists) or the RoleBindings read was denied, the result is unknown unless another binding already fails.',
  rule: 'ClusterRoleBindings and RoleBindings to non-system subjects. fail: the bound role grants verb * on resource * (any apiGroups), or escalate, bind or impersonate. warn: it grants get, list or watch on secrets, create or get on pods/exec or pods/attach, or any verb on nodes/proxy (directly or through *); or the bound role does not exist. Exempt: system:kubelet-api-admin bound to the API server kubelet client users; RoleBindings to admin, edit, view. unknown: Roles not read while a RoleBinding binds a Role, or RoleBindings denied, and no binding fails. pass: otherwise.',
  remediation:
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
  reads: [CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS],
  looksAt: [ROLE_BINDINGS, ROLES],
  evaluate({ index }) {
    const clusterRoles = new Map<string, ClusterRoleObject>();
    for (const role of index.items<ClusterRoleObject>(CLUSTER_ROLES)) {
      clusterRoles.set(role.metadata?.name ?? '', role);
    }
    const rolesRead = index.state(ROLES) === 'collected';
    const roles = new Map<string, ClusterRoleObject>();
    for (const role of index.items<ClusterRoleObject>(ROLES)) {
      roles.set(`${role.metadata?.namespace}/${role.metadata?.name}`, role);
    }
    const grantsOf = new Map<string, Grant[] | undefined>();
    const lookup = (kind: string, key: string): Grant[] | undefined => {
      const id = `${kind}/${key}`;
      if (!grantsOf.has(id)) {
        const role =
          kind === 'ClusterRole' ? clusterRoles.get(key) : roles.get(key);
        grantsOf.set(id, role ? roleGrants(role, kind) : undefined);
      }
      return grantsOf.get(id);
    };

    const findings: Finding[] = [];
    const examined: string[] = [];
    const unjudged: string[] = [];
    const bindings = [
      ...index
        .items<RoleBindingObject>(CLUSTER_ROLE_BINDINGS)
        .map(b => ({ b, kind: 'ClusterRoleBinding' })),
      ...index
        .items<RoleBindingObject>(ROLE_BINDINGS)
        .map(b => ({ b, kind: 'RoleBinding' })),
    ];
    for (const { b, kind } of bindings) {
      const name = b.metadata?.name ?? '';
      const namespace = b.metadata?.namespace;
      const roleKind = b.roleRef?.kind;
      const roleName = b.roleRef?.name ?? '';
      if (name.startsWith('system:')) continue;
      if (roleKind === 'ClusterRole' && roleName === 'cluster-admin') continue;
      if (roleKind !== 'ClusterRole' && roleKind !== 'Role') continue;
      // The documented way to give a team its own namespace.
      if (
        kind === 'RoleBinding' &&
        roleKind === 'ClusterRole' &&
        NAMESPACE_ROLES.has(roleName)
      ) {
        continue;
      }
      const subject = (b.subjects ?? []).find(
        s =>
          isNonSystem(s, index) &&
          !isApiserverKubeletClient(s, roleKind, roleName),
      );
      if (!subject) continue;
      const bindingRef = objectRef(b, kind);
      const where = kind === 'RoleBinding' ? ` in namespace ${namespace}` : '';
      examined.push(`${bindingRef} .roleRef`);
      if (roleKind === 'Role' && !rolesRead) {
        unjudged.push(`${bindingRef} .roleRef (Role/${namespace}/${roleName})`);
        continue;
      }
      const key = roleKind === 'Role' ? `${namespace}/${roleName}` : roleName;
      const roleRef =
        roleKind === 'Role'
          ? `Role/${namespace}/${roleName}`
          : `ClusterRole/${roleName}`;
      const grants = lookup(roleKind, key);
      if (!grants) {
        findings.push({
          status: 'warn',
          text: `${bindingRef}${where} binds ${roleRef}, which does not exist: whoever creates that role later grants ${subjectLabel(
            subject,
          )} its rights`,
          evidence: [`${bindingRef} .roleRef`],
        });
        continue;
      }
      if (!grants.length) continue;
      const status = grants.some(g => g.status === 'fail') ? 'fail' : 'warn';
      const worst = grants.filter(g => g.status === status);
      findings.push({
        status,
        text: `${bindingRef}${where} gives ${roleRef} to ${subjectLabel(
          subject,
        )}: ${worst.map(g => g.what).join('; ')}`,
        evidence: [`${bindingRef} .roleRef`, ...worst.map(g => g.path)],
      });
    }
    const failing = findings.some(f => f.status === 'fail');
    const rbUnread = index.state(ROLE_BINDINGS) === 'failed';
    if (!failing && (unjudged.length || rbUnread)) {
      const missing = [
        ...(rbUnread ? [ROLE_BINDINGS] : []),
        ...(unjudged.length ? [ROLES] : []),
      ];
      return {
        status: 'unknown',
        message: `Not every binding can be judged: ${missing
          .map(k => describeUnreadable(index, k))
          .join('; ')}${
          unjudged.length
            ? ` (${plural(unjudged.length, 'RoleBinding')} to a Role)`
            : ''
        }.`,
        evidence: bounded([...unjudged, ...findings.flatMap(f => f.evidence)]),
        missingReads: missing.map(requiredGrant),
      };
    }
    if (!findings.length) {
      return {
        status: 'pass',
        message: examined.length
          ? `${plural(
              examined.length,
              'binding',
            )} to non-system subjects grant no escalation-prone rights.`
          : 'No ClusterRoleBinding or RoleBinding gives a role other than cluster-admin to non-system subjects.',
        evidence: bounded(examined),
      };
    }
    const status = failing ? 'fail' : 'warn';
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
