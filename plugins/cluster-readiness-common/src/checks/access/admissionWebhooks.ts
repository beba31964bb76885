import type { ReadinessCheck } from '../ReadinessCheck';
import { objectRef, selectorMatches } from '../../engine/labels';
import type { KubeObject, LabelSelector } from '../../snapshot/kube';
import { bounded, plural } from '../shared/evidence';
import { unreadableKeys, unreadableOutcome } from '../shared/unreadable';
import { MUTATING_WEBHOOKS, VALIDATING_WEBHOOKS } from './accessHelpers';

/** admissionregistration.k8s.io/v1 defaults. */
const DEFAULT_FAILURE_POLICY = 'Fail';
const DEFAULT_TIMEOUT_SECONDS = 10;
const MAX_TIMEOUT_SECONDS = 15;

interface Webhook {
  name?: string;
  failurePolicy?: string;
  timeoutSeconds?: number;
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
}

const KINDS: Record<string, string> = {
  [VALIDATING_WEBHOOKS]: 'ValidatingWebhookConfiguration',
  [MUTATING_WEBHOOKS]: 'MutatingWebhookConfiguration',
};

/** `access.admission-webhooks` @public */
export const admissionWebhooks: ReadinessCheck = {
  id: 'access.admission-webhooks',
  title: 'Admission webhooks cannot block the cluster',
  category: 'access',
  severity: 'medium',
  description:
    "A webhook that fails closed and also intercepts kube-system can deadlock the cluster: when the webhook's own pods are down, the API server rejects the system pods that would bring them back. Long timeouts stall every matching request. For each webhook of every Validating- and MutatingWebhookConfiguration, failurePolicy defaults to Fail and timeoutSeconds to 10, as in admissionregistration.k8s.io/v1. A webhook excludes kube-system when its namespaceSelector does not match the labels of the kube-system Namespace: its real labels when namespaces were read, otherwise the automatic kubernetes.io/metadata.name=kube-system (so NotIn [kube-system] on that key excludes it, and so does an In or matchLabels that kube-system does not satisfy). An absent or empty namespaceSelector matches kube-system. objectSelector is not counted as excluding kube-system: it filters objects by their own labels, which kube-system objects may carry. matchConditions (CEL) are not evaluated. A finding in one of the two lists warns even when the other could not be read.",
  rule: 'warn: a webhook with failurePolicy Fail (or unset) whose namespaceSelector does not exclude kube-system, or with timeoutSeconds > 15. pass: otherwise, including no webhooks. unknown: no finding and a webhook configuration list was not readable.',
  remediation:
    'https://kubernetes.io/docs/concepts/cluster-administration/admission-webhooks-good-practices/',
  reads: [],
  looksAt: [
    'validatingwebhookconfigurations.admissionregistration.k8s.io',
    'mutatingwebhookconfigurations.admissionregistration.k8s.io',
  ],
  evaluate({ index }) {
    const kubeSystem = index
      .items('namespaces')
      .find(ns => ns.metadata?.name === 'kube-system');
    const kubeSystemLabels = {
      'kubernetes.io/metadata.name': 'kube-system',
      ...kubeSystem?.metadata?.labels,
    };
    const findings: Array<{ path: string; text: string }> = [];
    let webhookCount = 0;
    const keys = [VALIDATING_WEBHOOKS, MUTATING_WEBHOOKS];
    for (const key of keys) {
      for (const config of index.items<KubeObject>(key)) {
        const configRef = objectRef(config, KINDS[key]);
        const webhooks = (config.webhooks as Webhook[] | undefined) ?? [];
        webhookCount += webhooks.length;
        webhooks.forEach((w, i) => {
          const path = `${configRef} .webhooks[${i}]`;
          const label = `${configRef} webhook ${w.name ?? i}`;
          const failurePolicy = w.failurePolicy ?? DEFAULT_FAILURE_POLICY;
          const selector = w.namespaceSelector ?? {};
          if (
            failurePolicy === 'Fail' &&
            selectorMatches(selector, kubeSystemLabels)
          ) {
            findings.push({
              path: `${path}.namespaceSelector`,
              text: `${label} fails closed and intercepts kube-system`,
            });
          }
          const timeout = w.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
          if (timeout > MAX_TIMEOUT_SECONDS) {
            findings.push({
              path: `${path}.timeoutSeconds`,
              text: `${label} waits up to ${timeout} s`,
            });
          }
        });
      }
    }
    if (findings.length) {
      const more = findings.length > 1 ? ` (${findings.length} findings)` : '';
      return {
        status: 'warn',
        message: `${findings[0].text}${more}; exclude kube-system with a namespaceSelector, use failurePolicy Ignore, and keep timeoutSeconds ≤ ${MAX_TIMEOUT_SECONDS}.`,
        evidence: bounded(findings.map(f => f.path)),
      };
    }
    const unreadable = unreadableKeys(index, keys);
    if (unreadable.length) {
      return unreadableOutcome(
        index,
        unreadable,
        'webhooks there cannot be checked',
      );
    }
    return {
      status: 'pass',
      message: webhookCount
        ? `${plural(
            webhookCount,
            'admission webhook',
          )} spare kube-system or fail open, and time out within ${MAX_TIMEOUT_SECONDS} s.`
        : 'No admission webhooks are configured.',
      evidence: bounded(
        keys.flatMap(k => index.items(k).map(c => objectRef(c, KINDS[k]))),
      ),
    };
  },
};
