import { KUBERNETES_ANNOTATION } from '@backstage/plugin-kubernetes-common';
import { selectorMatches } from '../engine/labels';
import { isPodTerminated } from '../engine/SnapshotIndex';
import type { ClusterSnapshot } from '../snapshot/ClusterSnapshot';
import type { KubeObject, PodObject, WorkloadObject } from '../snapshot/kube';
import type { CheckStatus } from '../types';

/**
 * Label and annotation that tie Kubernetes objects to a Backstage component: the
 * Kubernetes plugin's `KUBERNETES_ANNOTATION` (`backstage.io/kubernetes-id`).
 * @public
 */
export const KUBERNETES_ID_LABEL = KUBERNETES_ANNOTATION;

/** One finding about a service's own workloads in a cluster. @public */
export interface WorkloadFinding {
  id:
    | 'workload.container-resources'
    | 'workload.disruption-budgets'
    | 'workload.service-account';
  title: string;
  status: CheckStatus;
  message: string;
  evidence: string[];
  /** The cluster-wide check this finding narrows to the service. */
  relatedCheck: string;
}

/** A service's workloads in one cluster. @public */
export interface WorkloadReport {
  kubernetesId: string;
  namespaces: string[];
  pods: number;
  findings: WorkloadFinding[];
}

const MAX = 10;
const cap = (lines: string[]) =>
  lines.length > MAX
    ? [...lines.slice(0, MAX), `… and ${lines.length - MAX} more`]
    : lines;

function idOf(obj: KubeObject | undefined): string | undefined {
  return obj?.metadata?.labels?.[KUBERNETES_ID_LABEL];
}

/**
 * For every `backstage.io/kubernetes-id` found on pods (or workload templates) of a
 * snapshot, the service's own results: container requests/limits, disruption budgets
 * of its replicated workloads, and pods running as the `default` service account.
 * Linear in the objects of the snapshot.
 * @public
 */
export function workloadFindings(
  snapshot: ClusterSnapshot,
): Record<string, WorkloadReport> {
  const pods = (snapshot.resources.pods?.items ?? []) as PodObject[];
  const workloads = [
    ...((snapshot.resources['deployments.apps']?.items ??
      []) as WorkloadObject[]),
    ...((snapshot.resources['statefulsets.apps']?.items ??
      []) as WorkloadObject[]),
  ];
  const pdbs = snapshot.resources['poddisruptionbudgets.policy']?.items;
  const pdbsByNs = new Map<string, KubeObject[]>();
  for (const pdb of pdbs ?? []) {
    const ns = pdb.metadata?.namespace ?? '';
    pdbsByNs.set(ns, [...(pdbsByNs.get(ns) ?? []), pdb]);
  }

  const podsById = new Map<string, PodObject[]>();
  for (const pod of pods) {
    const id = idOf(pod);
    if (!id || isPodTerminated(pod)) continue;
    let list = podsById.get(id);
    if (!list) podsById.set(id, (list = []));
    list.push(pod);
  }
  const workloadsById = new Map<string, WorkloadObject[]>();
  for (const w of workloads) {
    const id =
      idOf(w) ?? w.spec?.template?.metadata?.labels?.[KUBERNETES_ID_LABEL];
    if (!id) continue;
    let list = workloadsById.get(id);
    if (!list) workloadsById.set(id, (list = []));
    list.push(w);
  }

  const out: Record<string, WorkloadReport> = {};
  for (const id of new Set([...podsById.keys(), ...workloadsById.keys()])) {
    const own = podsById.get(id) ?? [];
    const findings: WorkloadFinding[] = [];

    // Container requests and limits.
    const unsized: string[] = [];
    let containers = 0;
    for (const pod of own) {
      for (const c of pod.spec?.containers ?? []) {
        containers++;
        const r = c.resources ?? {};
        if (!r.requests?.cpu || !r.requests?.memory || !r.limits?.memory) {
          unsized.push(
            `Pod/${pod.metadata?.namespace}/${pod.metadata?.name} container ${c.name} .resources`,
          );
        }
      }
    }
    findings.push({
      id: 'workload.container-resources',
      title: 'Containers set CPU and memory requests and a memory limit',
      relatedCheck: 'resource-limits.container-resources',
      evidence: cap(unsized),
      ...(() => {
        if (containers === 0) {
          return {
            status: 'not-applicable' as const,
            message: 'No running containers.',
          };
        }
        if (unsized.length === 0) {
          return {
            status: 'pass' as const,
            message: `All ${containers} container(s) set CPU and memory requests and a memory limit.`,
          };
        }
        return {
          status: (unsized.length / containers <= 0.2
            ? 'warn'
            : 'fail') as CheckStatus,
          message: `${unsized.length} of ${containers} container(s) lack a CPU request, memory request or memory limit.`,
        };
      })(),
    });

    // Disruption budgets of replicated workloads.
    const replicated = (workloadsById.get(id) ?? []).filter(
      w => (w.spec?.replicas ?? 1) >= 2,
    );
    if (pdbs === undefined) {
      findings.push({
        id: 'workload.disruption-budgets',
        title: 'Replicated workloads have a PodDisruptionBudget',
        relatedCheck: 'nodes.disruption-budgets',
        status: 'unknown',
        message:
          'PodDisruptionBudgets were not readable (list poddisruptionbudgets.policy).',
        evidence: [],
      });
    } else {
      const uncovered = replicated.filter(
        w =>
          !(pdbsByNs.get(w.metadata?.namespace ?? '') ?? []).some(p =>
            selectorMatches(
              p.spec?.selector,
              w.spec?.template?.metadata?.labels,
            ),
          ),
      );
      let status: CheckStatus = 'pass';
      let message = `All ${replicated.length} replicated workload(s) are covered by a PodDisruptionBudget.`;
      if (replicated.length === 0) {
        status = 'not-applicable';
        message = 'No workload with 2 or more replicas.';
      } else if (uncovered.length) {
        status = uncovered.length === replicated.length ? 'fail' : 'warn';
        message = `${uncovered.length} of ${replicated.length} replicated workload(s) have no PodDisruptionBudget: node drains may take them all down.`;
      }
      findings.push({
        id: 'workload.disruption-budgets',
        title: 'Replicated workloads have a PodDisruptionBudget',
        relatedCheck: 'nodes.disruption-budgets',
        status,
        message,
        evidence: cap(
          uncovered.map(
            w =>
              `${w.kind}/${w.metadata?.namespace}/${w.metadata?.name} .spec.replicas`,
          ),
        ),
      });
    }

    // Service accounts.
    const defaultSa = own.filter(p => {
      const sa = p.spec?.serviceAccountName || p.spec?.serviceAccount;
      return !sa || sa === 'default';
    });
    let saStatus: CheckStatus = 'pass';
    let saMessage = `All ${own.length} pod(s) run as a dedicated service account.`;
    if (own.length === 0) {
      saStatus = 'not-applicable';
      saMessage = 'No running pods.';
    } else if (defaultSa.length) {
      saStatus = 'warn';
      saMessage = `${defaultSa.length} of ${own.length} pod(s) run as the namespace's default service account.`;
    }
    findings.push({
      id: 'workload.service-account',
      title: 'Pods run as a dedicated service account',
      relatedCheck: 'access.default-service-account',
      status: saStatus,
      message: saMessage,
      evidence: cap(
        defaultSa.map(
          p =>
            `Pod/${p.metadata?.namespace}/${p.metadata?.name} .spec.serviceAccountName`,
        ),
      ),
    });

    out[id] = {
      kubernetesId: id,
      namespaces: [
        ...new Set(
          [...own, ...(workloadsById.get(id) ?? [])].map(
            o => o.metadata?.namespace ?? '',
          ),
        ),
      ].sort(),
      pods: own.length,
      findings,
    };
  }
  return out;
}
