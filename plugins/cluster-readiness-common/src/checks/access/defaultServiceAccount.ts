import type { ReadinessCheck } from '../ReadinessCheck';
import { isPodTerminated } from '../../engine/SnapshotIndex';
import { objectRef } from '../../engine/labels';
import type { RoleBindingObject } from '../../snapshot/kube';
import { bounded, nameFewElided, plural } from '../shared/evidence';
import { unreadableKeys, unreadableOutcome } from '../shared/unreadable';
import {
  bindingKind,
  CLUSTER_ROLE_BINDINGS,
  ROLE_BINDINGS,
  roleRefLabel,
  serviceAccountOf,
} from './accessHelpers';

/** `access.default-service-account` @public */
export const defaultServiceAccount: ReadinessCheck = {
  id: 'access.default-service-account',
  title: 'Workloads do not use the default ServiceAccount',
  category: 'access',
  severity: 'medium',
  description:
    "Every pod that names no ServiceAccount runs as its namespace's default one, so a role granted to default is granted to every such pod, present and future, and pods sharing default cannot be told apart in audit logs or given least privilege. The bindings looked at are RoleBindings and ClusterRoleBindings whose subject is ServiceAccount default of a non-system namespace (a RoleBinding subject without namespace is in the binding's namespace; User system:serviceaccount:<namespace>:default counts too). Pods are workload pods (non-system namespace, neither mirror nor DaemonSet pods) not terminated (phase not Succeeded or Failed), with spec.serviceAccountName default, empty or absent (falling back to the deprecated spec.serviceAccount). A binding finding fails even when pods could not be read; otherwise all three lists are needed.",
  rule: 'fail: a RoleBinding or ClusterRoleBinding grants a role to ServiceAccount default of a non-system namespace. warn: a running workload pod uses ServiceAccount default (empty serviceAccountName counts). pass: otherwise.',
  remediation:
    'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
  reads: [],
  looksAt: [
    'pods',
    'rolebindings.rbac.authorization.k8s.io',
    'clusterrolebindings.rbac.authorization.k8s.io',
  ],
  evaluate({ index }) {
    const bindingKeys = [CLUSTER_ROLE_BINDINGS, ROLE_BINDINGS];
    const grants: Array<{ path: string; text: string }> = [];
    for (const key of bindingKeys) {
      const kind = bindingKind(key);
      for (const b of index.items<RoleBindingObject>(key)) {
        const bindingNs =
          kind === 'RoleBinding' ? b.metadata?.namespace : undefined;
        (b.subjects ?? []).forEach((s, i) => {
          const sa = serviceAccountOf(s, bindingNs);
          if (
            !sa ||
            sa.name !== 'default' ||
            index.isSystemNamespace(sa.namespace)
          ) {
            return;
          }
          const bindingRef = objectRef(b, kind);
          grants.push({
            path: `${bindingRef} .subjects[${i}]`,
            text: `${bindingRef} grants ${roleRefLabel(b)} to ServiceAccount ${
              sa.namespace
            }/default`,
          });
        });
      }
    }
    if (grants.length) {
      const more = grants.length > 1 ? ` (${grants.length} grants)` : '';
      return {
        status: 'fail',
        message: `${grants[0].text}${more}: every pod without its own ServiceAccount gets it; bind a dedicated ServiceAccount instead.`,
        evidence: bounded(grants.map(g => g.path)),
      };
    }
    const unreadable = unreadableKeys(index, [...bindingKeys, 'pods']);
    if (unreadable.length) {
      return unreadableOutcome(
        index,
        unreadable,
        'use of the default ServiceAccount cannot be ruled out',
      );
    }
    const users: string[] = [];
    const namespaces = new Set<string>();
    for (const pod of index.workloadPods) {
      const ns = pod.metadata?.namespace ?? '';
      if (isPodTerminated(pod)) continue;
      const sa =
        pod.spec?.serviceAccountName || pod.spec?.serviceAccount || 'default';
      if (sa !== 'default') continue;
      users.push(`${objectRef(pod, 'Pod')} .spec.serviceAccountName`);
      namespaces.add(ns);
    }
    if (users.length) {
      const list = [...namespaces].sort();
      const shown = nameFewElided(list);
      return {
        status: 'warn',
        message: `${plural(users.length, 'pod')} in ${plural(
          list.length,
          'namespace',
        )} (${shown}) run as ServiceAccount default; give each workload its own ServiceAccount.`,
        evidence: bounded(users),
      };
    }
    return {
      status: 'pass',
      message:
        'No role is bound to a default ServiceAccount and every running non-system pod has its own ServiceAccount.',
    };
  },
};
