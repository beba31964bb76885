import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import type { CheckOutcome } from '../ReadinessCheck';
import { bounded, nameFew } from '../shared/evidence';
import { ofTotal } from './helpers';

/** How one workload namespace fares, with the object paths that show it. */
export interface NamespaceAssessment {
  covered: boolean;
  /** Covering objects, or the near misses looked at; empty means nothing was found. */
  evidence: string[];
}

/**
 * The coverage rule shared by namespace-scoped policies (checks.md): over workload
 * namespaces, 100 % covered pass, ≥ 50 % warn, < 50 % fail; none: not-applicable.
 */
export function namespaceCoverage(
  index: SnapshotIndex,
  what: string,
  assess: (namespace: string) => NamespaceAssessment,
): CheckOutcome {
  const namespaces = index.workloadNamespaces;
  if (namespaces.length === 0) {
    return {
      status: 'not-applicable',
      message: 'No workload namespaces: no non-system namespace holds a pod.',
    };
  }
  const covered: string[] = [];
  const coveredEvidence: string[] = [];
  const uncovered: string[] = [];
  const uncoveredEvidence: string[] = [];
  for (const ns of namespaces) {
    const a = assess(ns);
    if (a.covered) {
      covered.push(ns);
      coveredEvidence.push(...a.evidence);
    } else {
      uncovered.push(ns);
      uncoveredEvidence.push(
        ...(a.evidence.length ? a.evidence : [`Namespace/${ns}`]),
      );
    }
  }
  if (uncovered.length === 0) {
    return {
      status: 'pass',
      message: `All ${namespaces.length} workload namespace(s) have ${what}.`,
      evidence: bounded(coveredEvidence),
    };
  }
  const status = covered.length * 2 >= namespaces.length ? 'warn' : 'fail';
  return {
    status,
    message: `${ofTotal(
      covered.length,
      namespaces.length,
    )} workload namespaces have ${what}; add one to ${nameFew(uncovered)}.`,
    evidence: bounded([...uncoveredEvidence, ...coveredEvidence]),
  };
}
