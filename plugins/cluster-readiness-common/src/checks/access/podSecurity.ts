import type { ReadinessCheck } from '../ReadinessCheck';
import { objectRef } from '../../engine/labels';
import type { KubeObject } from '../../snapshot/kube';
import { bounded, nameFewElided } from '../shared/evidence';
import { unreadableKeys, unreadableOutcome } from '../shared/unreadable';
import { VALIDATING_WEBHOOKS } from './accessHelpers';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const ENFORCING_LEVELS = new Set(['baseline', 'restricted']);
const POLICY_ENGINE = /kyverno|gatekeeper/;

/** `access.pod-security` @public */
export const podSecurity: ReadinessCheck = {
  id: 'access.pod-security',
  title: 'Pod Security is enforced in workload namespaces',
  category: 'access',
  severity: 'high',
  description:
    'Without Pod Security enforcement anyone who can create a pod can run it privileged, share the host namespaces or mount the host filesystem, and take over the node. A workload namespace (non-system, holding at least one pod) is enforcing when its label pod-security.kubernetes.io/enforce is baseline or restricted; privileged or no label is not. A policy engine counts for all namespaces: a ValidatingWebhookConfiguration whose name contains kyverno or gatekeeper (its policies are not inspected). A cluster-wide default set in the PodSecurity admission configuration file is not visible, so namespaces relying on it count as not enforcing. Needs pods and namespaces; the webhook configurations are only needed when some workload namespace does not enforce.',
  rule: 'Policy engine present, or every workload namespace enforcing: pass. Some enforcing: warn. None: fail. No workload namespaces: not-applicable.',
  remediation:
    'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
  reads: [],
  looksAt: ['pods', 'namespaces'],
  evaluate({ index }) {
    const podsRead = index.state('pods') === 'collected';
    if (podsRead && index.workloadNamespaces.length === 0) {
      return {
        status: 'not-applicable',
        message:
          'No workload namespaces: no pod runs outside the system namespaces.',
      };
    }
    const engines =
      index.state(VALIDATING_WEBHOOKS) === 'collected'
        ? index
            .items(VALIDATING_WEBHOOKS)
            .filter(w => POLICY_ENGINE.test(w.metadata?.name ?? ''))
        : [];
    if (engines.length) {
      return {
        status: 'pass',
        message: `A policy engine validates pods (${engines
          .map(w => w.metadata?.name)
          .join(', ')}).`,
        evidence: bounded(
          engines.map(w => objectRef(w, 'ValidatingWebhookConfiguration')),
        ),
      };
    }
    const missing = unreadableKeys(index, ['pods', 'namespaces']);
    if (missing.length) {
      return unreadableOutcome(
        index,
        unreadableKeys(index, ['pods', 'namespaces', VALIDATING_WEBHOOKS]),
        'the workload namespaces and their Pod Security labels are not known',
      );
    }
    const namespaces = new Map<string, KubeObject>();
    for (const ns of index.items('namespaces')) {
      namespaces.set(ns.metadata?.name ?? '', ns);
    }
    const enforcing: string[] = [];
    const open: string[] = [];
    for (const name of index.workloadNamespaces) {
      const level = namespaces.get(name)?.metadata?.labels?.[ENFORCE_LABEL];
      (level && ENFORCING_LEVELS.has(level) ? enforcing : open).push(name);
    }
    const total = index.workloadNamespaces.length;
    const path = (ns: string) =>
      `Namespace/${ns} .metadata.labels["${ENFORCE_LABEL}"]`;
    if (open.length === 0) {
      return {
        status: 'pass',
        message: `Every workload namespace (${total}) enforces Pod Security baseline or restricted.`,
        evidence: bounded(enforcing.map(path)),
      };
    }
    if (index.state(VALIDATING_WEBHOOKS) !== 'collected') {
      return unreadableOutcome(
        index,
        [VALIDATING_WEBHOOKS],
        `${open.length} of ${total} workload namespaces do not enforce Pod Security and a policy engine cannot be ruled out`,
      );
    }
    const example = nameFewElided(open);
    const fix = `label them ${ENFORCE_LABEL}=baseline (or restricted) or run a policy engine`;
    return {
      status: enforcing.length ? 'warn' : 'fail',
      message: `${open.length} of ${total} workload namespaces do not enforce Pod Security (${example}); ${fix}.`,
      evidence: bounded(open.map(path)),
    };
  },
};
