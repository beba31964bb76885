import { objectRef } from '../../engine/labels';
import type { ReadinessCheck } from '../ReadinessCheck';
import { namespaceCoverage } from './namespaceCoverage';

const CPU_KEYS = ['cpu', 'requests.cpu', 'limits.cpu'];
const MEMORY_KEYS = ['memory', 'requests.memory', 'limits.memory'];

/** `resource-limits.namespace-quotas` @public */
export const namespaceQuotas: ReadinessCheck = {
  id: 'resource-limits.namespace-quotas',
  title: 'Workload namespaces have CPU and memory quotas',
  category: 'resource-limits',
  severity: 'high',
  description:
    'A ResourceQuota caps what one namespace can claim, so that one team or a runaway rollout cannot starve the rest of the cluster. Workload namespaces are the non-system namespaces holding at least one pod. A namespace is covered when its ResourceQuotas bound CPU (`cpu`, `requests.cpu` or `limits.cpu` in `spec.hard`) and memory (`memory`, `requests.memory` or `limits.memory`); the bounds may come from one quota or from two (the API server enforces every quota of a namespace). Quota scopes are not considered.',
  rule: 'Covered workload namespaces: 100 % pass; ≥ 50 % warn; < 50 % fail. No workload namespaces: not-applicable.',
  remediation: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
  reads: ['pods', 'resourcequotas'],
  evaluate({ index }) {
    const quotas = index.byNamespace('resourcequotas');
    return namespaceCoverage(
      index,
      'ResourceQuotas bounding CPU and memory',
      ns => {
        let cpu = false;
        let memory = false;
        const evidence: string[] = [];
        for (const quota of quotas.get(ns) ?? []) {
          const hard = quota.spec?.hard ?? {};
          const boundsCpu = CPU_KEYS.some(k => k in hard);
          const boundsMemory = MEMORY_KEYS.some(k => k in hard);
          cpu ||= boundsCpu;
          memory ||= boundsMemory;
          const unbounded = [];
          if (!boundsCpu) unbounded.push('CPU');
          if (!boundsMemory) unbounded.push('memory');
          const gap = unbounded.length
            ? ` (no ${unbounded.join(' or ')} bound)`
            : '';
          evidence.push(
            `${objectRef(quota, 'ResourceQuota')} .spec.hard${gap}`,
          );
        }
        return { covered: cpu && memory, evidence };
      },
    );
  },
};
