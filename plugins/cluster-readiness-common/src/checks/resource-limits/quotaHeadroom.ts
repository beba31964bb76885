import { objectRef } from '../../engine/labels';
import { parseQuantity } from '../../engine/quantity';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded } from '../shared/evidence';
import { percentDown } from './helpers';

/** `a ≥ b`, forgiving the rounding of decimal quantities such as `900m` vs 90 % of `1`. */
function atLeast(a: number, b: number): boolean {
  return a >= b - Math.abs(b) * 1e-9;
}

interface Finding {
  /** `shop/compute requests.cpu` */
  name: string;
  evidence: string;
  detail: string;
}

/** `resource-limits.quota-headroom` @public */
export const quotaHeadroom: ReadinessCheck = {
  id: 'resource-limits.quota-headroom',
  title: 'Resource quotas have headroom',
  category: 'resource-limits',
  severity: 'medium',
  description:
    'A namespace whose quota is used up rejects new pods and objects, which breaks rollouts and scale-ups without any node being short. For every ResourceQuota and every resource in `status.hard`, `status.used` is compared with the hard limit as quantities (a resource missing from `status.used` counts as 0 used). A resource whose hard limit is 0 and usage 0 is a deliberate block (for example `pods: 0` to freeze a namespace) and is not a finding; a hard limit of 0 with something used is exhausted. Quotas the quota controller has not reported yet (no `status.hard`) are listed but not judged.',
  rule: 'Any resource with used ≥ hard: fail; else any with used ≥ 90 % of hard: warn; otherwise pass. No ResourceQuotas: not-applicable. Quotas exist but none has reported status: unknown.',
  remediation:
    'https://kubernetes.io/docs/concepts/policy/resource-quotas/#viewing-and-setting-quotas',
  reads: ['resourcequotas'],
  evaluate({ index }) {
    const quotas = index.items('resourcequotas');
    if (quotas.length === 0) {
      return {
        status: 'not-applicable',
        message: 'No ResourceQuotas in the cluster.',
      };
    }
    const exhausted: Finding[] = [];
    const near: Finding[] = [];
    const judged: string[] = [];
    const notes: string[] = [];
    for (const quota of quotas) {
      const ref = objectRef(quota, 'ResourceQuota');
      const hard: Record<string, unknown> = quota.status?.hard ?? {};
      const used: Record<string, unknown> = quota.status?.used ?? {};
      const resources = Object.keys(hard);
      if (resources.length === 0) {
        notes.push(
          `${ref} .status.hard (not reported by the quota controller yet)`,
        );
        continue;
      }
      judged.push(`${ref} .status.used`);
      for (const resource of resources) {
        const h = parseQuantity(hard[resource]);
        const u = parseQuantity(used[resource] ?? '0');
        if (h === undefined || u === undefined) continue;
        const usedText = String(used[resource] ?? '0');
        const hardText = String(hard[resource]);
        if (h === 0 && u === 0) {
          notes.push(
            `${ref} .status.hard.${resource} = 0 (deliberate block, not judged)`,
          );
          continue;
        }
        const share = h > 0 ? `, ${percentDown(u, h)} %` : '';
        const detail = `used ${usedText} of ${hardText}${share}`;
        const finding = {
          name: `${quota.metadata?.namespace}/${quota.metadata?.name} ${resource}`,
          evidence: `${ref} .status.used.${resource}: ${detail}`,
          detail,
        };
        if (atLeast(u, h)) exhausted.push(finding);
        else if (atLeast(u * 10, h * 9)) near.push(finding);
      }
    }
    if (judged.length === 0) {
      return {
        status: 'unknown',
        message: `None of the ${quotas.length} ResourceQuota(s) has reported usage yet (.status.hard is empty); check that the quota controller in kube-controller-manager runs.`,
        evidence: bounded(notes),
      };
    }
    const findings = [...exhausted, ...near].map(f => f.evidence);
    if (exhausted.length) {
      const first = exhausted[0];
      const alsoNear = near.length ? `, ${near.length} more at ≥ 90 %` : '';
      return {
        status: 'fail',
        message: `${exhausted.length} quota resource(s) used up (first: ${first.name}, ${first.detail})${alsoNear}; new objects there are rejected — raise the quota or reduce usage.`,
        evidence: bounded([...findings, ...notes]),
      };
    }
    if (near.length) {
      const first = near[0];
      return {
        status: 'warn',
        message: `${near.length} quota resource(s) at ≥ 90 % of the hard limit (first: ${first.name}, ${first.detail}); raise the quota before it blocks rollouts.`,
        evidence: bounded([...findings, ...notes]),
      };
    }
    return {
      status: 'pass',
      message: `Every resource of the ${judged.length} reported ResourceQuota(s) is below 90 % of its hard limit.`,
      evidence: bounded([...judged, ...notes]),
    };
  },
};
