import type { ReadinessCheck } from '../ReadinessCheck';
import { apiserverFlags, flagSet } from '../shared/apiserverFlags';

/** `control-plane.audit-logging` @public */
export const auditLogging: ReadinessCheck = {
  id: 'control-plane.audit-logging',
  title: 'API server writes an audit log',
  category: 'control-plane',
  severity: 'medium',
  controlPlane: true,
  description:
    'The audit log records who did what through the API; without it an incident cannot be traced. An audit backend is --audit-log-path (a file, or - for stdout) or --audit-webhook-config-file; --audit-policy-file says which events are recorded, and the API server records nothing without a policy. Every kube-apiserver mirror pod is read and the worst one decides, since requests served by an instance without auditing leave no trace. Flags with an empty value count as unset. When no kube-apiserver mirror pod is visible, the flags cannot be read and the result is unknown.',
  rule: '--audit-log-path or --audit-webhook-config-file set together with --audit-policy-file: pass; log/webhook without policy: warn; neither log nor webhook: fail (on any API server). unknown: no kube-apiserver mirror pod visible.',
  remediation: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/',
  reads: ['pods'],
  evaluate({ index }) {
    const servers = apiserverFlags(index);
    if (!servers.length) {
      return {
        status: 'unknown',
        message:
          'No kube-apiserver mirror pod is visible, so the audit flags cannot be read; check the API server configuration on the control-plane hosts.',
      };
    }
    const evidence: string[] = [];
    const noBackend: string[] = [];
    const noPolicy: string[] = [];
    for (const { pod, ref, flags } of servers) {
      evidence.push(
        `${ref} --audit-log-path`,
        `${ref} --audit-webhook-config-file`,
        `${ref} --audit-policy-file`,
      );
      const backend =
        flagSet(flags, 'audit-log-path') ||
        flagSet(flags, 'audit-webhook-config-file');
      const name = pod.metadata?.name ?? '';
      if (!backend) noBackend.push(name);
      else if (!flagSet(flags, 'audit-policy-file')) noPolicy.push(name);
    }
    if (noBackend.length) {
      return {
        status: 'fail',
        message: `${noBackend.join(', ')} ${
          noBackend.length === 1 ? 'has' : 'have'
        } no audit backend (--audit-log-path or --audit-webhook-config-file); enable audit logging with an audit policy.`,
        evidence,
      };
    }
    if (noPolicy.length) {
      return {
        status: 'warn',
        message: `${noPolicy.join(', ')} ${
          noPolicy.length === 1 ? 'has' : 'have'
        } an audit backend but no --audit-policy-file, so no event is recorded; add an audit policy.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `All ${
        servers.length
      } kube-apiserver instance(s) write audit events under a policy (${servers[0].flags.get(
        'audit-policy-file',
      )}).`,
      evidence,
    };
  },
};
