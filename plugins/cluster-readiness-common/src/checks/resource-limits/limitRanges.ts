import { objectRef } from '../../engine/labels';
import type { ReadinessCheck } from '../ReadinessCheck';
import { namespaceCoverage } from './namespaceCoverage';

function isSet(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && Object.keys(value).length > 0
  );
}

/** `resource-limits.limit-ranges` @public */
export const limitRanges: ReadinessCheck = {
  id: 'resource-limits.limit-ranges',
  title: 'Workload namespaces default container resources',
  category: 'resource-limits',
  severity: 'medium',
  description:
    'A LimitRange with container defaults gives every container that omits requests or limits a sane size at admission, so that pods are scheduled on real numbers and fit under the namespace quota. Workload namespaces are the non-system namespaces holding at least one pod. A namespace is covered when one of its LimitRanges has an item of `type: Container` whose `default` or `defaultRequest` sets at least one resource (an empty map sets nothing); `min`/`max` alone do not count.',
  rule: 'Covered workload namespaces: 100 % pass; ≥ 50 % warn; < 50 % fail. No workload namespaces: not-applicable.',
  remediation: 'https://kubernetes.io/docs/concepts/policy/limit-range/',
  reads: ['pods', 'limitranges'],
  evaluate({ index }) {
    const ranges = index.byNamespace('limitranges');
    return namespaceCoverage(
      index,
      'a LimitRange with container defaults',
      ns => {
        const covering: string[] = [];
        const others: string[] = [];
        for (const range of ranges.get(ns) ?? []) {
          const items: any[] = range.spec?.limits ?? [];
          const i = items.findIndex(
            item =>
              item?.type === 'Container' &&
              (isSet(item.default) || isSet(item.defaultRequest)),
          );
          const ref = objectRef(range, 'LimitRange');
          if (i >= 0) covering.push(`${ref} .spec.limits[${i}]`);
          else
            others.push(
              `${ref} .spec.limits (no Container default or defaultRequest)`,
            );
        }
        return covering.length
          ? { covered: true, evidence: covering }
          : { covered: false, evidence: others };
      },
    );
  },
};
