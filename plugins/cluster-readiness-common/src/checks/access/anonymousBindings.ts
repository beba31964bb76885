import type { ReadinessCheck } from '../ReadinessCheck';
import { objectRef } from '../../engine/labels';
import type { RoleBindingObject, Subject } from '../../snapshot/kube';
import { bounded, plural } from '../shared/evidence';
import { unreadableKeys, unreadableOutcome } from '../shared/unreadable';
import {
  bindingKind,
  CLUSTER_ROLE_BINDINGS,
  ROLE_BINDINGS,
  roleRefLabel,
  subjectLabel,
} from './accessHelpers';

const KUBEADM_CLUSTER_INFO = 'kubeadm:bootstrap-signer-clusterinfo';

function isUnauthenticated(s: Subject): boolean {
  return (
    (s.kind === 'User' && s.name === 'system:anonymous') ||
    (s.kind === 'Group' && s.name === 'system:unauthenticated')
  );
}

/** The two grants to unauthenticated users that clusters need (checks.md). */
function isAllowedException(b: RoleBindingObject, key: string): boolean {
  const ref = b.roleRef ?? {};
  if (key === CLUSTER_ROLE_BINDINGS) {
    return (
      ref.kind === 'ClusterRole' && ref.name === 'system:public-info-viewer'
    );
  }
  return (
    b.metadata?.namespace === 'kube-public' &&
    b.metadata?.name === KUBEADM_CLUSTER_INFO &&
    ref.kind === 'Role' &&
    ref.name === KUBEADM_CLUSTER_INFO
  );
}

/** `access.anonymous-bindings` @public */
export const anonymousBindings: ReadinessCheck = {
  id: 'access.anonymous-bindings',
  title: 'No RBAC grants to unauthenticated users',
  category: 'access',
  severity: 'critical',
  description:
    "A RoleBinding or ClusterRoleBinding naming User system:anonymous or Group system:unauthenticated gives its role to anyone who can reach the API server, and Group system:authenticated bound to cluster-admin makes every identity (including every ServiceAccount token) a cluster administrator. Two grants are expected and allowed: a ClusterRoleBinding to ClusterRole system:public-info-viewer (health and version endpoints), and kubeadm's RoleBinding kube-public/kubeadm:bootstrap-signer-clusterinfo, only while it still refers to its Role of the same name (read of the cluster-info ConfigMap for joining nodes). system:authenticated is flagged when bound to ClusterRole cluster-admin by a ClusterRoleBinding or by a RoleBinding (admin of that namespace). A finding in one of the two binding lists fails even when the other could not be read; a pass needs both.",
  rule: 'fail: a binding subject User system:anonymous or Group system:unauthenticated other than the two allowed grants, or Group system:authenticated bound to ClusterRole cluster-admin. pass: otherwise. unknown: no finding and a binding list was not readable.',
  remediation:
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#hardening',
  reads: [],
  evaluate({ index }) {
    const keys = [CLUSTER_ROLE_BINDINGS, ROLE_BINDINGS];
    const findings: Array<{ path: string; text: string }> = [];
    const allowed: string[] = [];
    for (const key of keys) {
      const kind = bindingKind(key);
      for (const b of index.items<RoleBindingObject>(key)) {
        const bindingRef = objectRef(b, kind);
        const toClusterAdmin =
          b.roleRef?.kind === 'ClusterRole' &&
          b.roleRef?.name === 'cluster-admin';
        (b.subjects ?? []).forEach((s, i) => {
          const path = `${bindingRef} .subjects[${i}]`;
          if (isUnauthenticated(s)) {
            if (isAllowedException(b, key)) allowed.push(path);
            else {
              findings.push({
                path,
                text: `${bindingRef} grants ${roleRefLabel(
                  b,
                )} to ${subjectLabel(s)}`,
              });
            }
          } else if (
            toClusterAdmin &&
            s.kind === 'Group' &&
            s.name === 'system:authenticated'
          ) {
            findings.push({
              path,
              text: `${bindingRef} grants cluster-admin to Group system:authenticated`,
            });
          }
        });
      }
    }
    if (findings.length) {
      const more = findings.length > 1 ? ` (${findings.length} grants)` : '';
      return {
        status: 'fail',
        message: `${findings[0].text}${more}: anyone can use it; remove these subjects.`,
        evidence: bounded(findings.map(f => f.path)),
      };
    }
    const unreadable = unreadableKeys(index, keys);
    if (unreadable.length) {
      return unreadableOutcome(
        index,
        unreadable,
        'grants to unauthenticated users there cannot be ruled out',
      );
    }
    return {
      status: 'pass',
      message: allowed.length
        ? `No grants to unauthenticated users beyond the expected ones (${plural(
            allowed.length,
            'subject',
          )}: system:public-info-viewer, kubeadm cluster-info).`
        : 'No RoleBinding or ClusterRoleBinding grants anything to unauthenticated users.',
      evidence: bounded(allowed),
    };
  },
};
