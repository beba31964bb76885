import type { ReadinessCheck } from '../ReadinessCheck';
import {
  apiserverFlags,
  describeSource,
  flagSet,
  noApiserverFlagsOutcome,
  unknownFlagsOutcome,
} from '../shared/apiserverFlags';

/** `control-plane.audit-logging` @public */
export const auditLogging: ReadinessCheck = {
  id: 'control-plane.audit-logging',
  title: 'API server writes an audit log',
  category: 'control-plane',
  severity: 'medium',
  controlPlane: true,
  description:
    'The audit log records who did what through the API; without it an incident cannot be traced. An audit backend is --audit-log-path (a file, or - for stdout) or --audit-webhook-config-file; --audit-policy-file says which events are recorded, and the API server records nothing without a policy. The flags come from the first source that exists (checks.md v2): kube-apiserver mirror pods; k3s/RKE2 server node-args with the distribution’s documented defaults (k3s: no audit log; RKE2: a default policy and log); OpenShift’s APIServer/cluster .spec.audit.profile (any profile but None logs under a policy). Every instance is read and the worst one decides, since requests served by an instance without auditing leave no trace. Flags with an empty value count as unset. With none of these sources the result is unknown and names the source that would decide.',
  rule: '--audit-log-path or --audit-webhook-config-file set together with --audit-policy-file: pass; log/webhook without policy: warn; neither log nor webhook: fail (on any API server). unknown: no source of the flags (mirror pods, k3s/RKE2 node-args, OpenShift config).',
  remediation: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/',
  reads: [],
  looksAt: ['pods', 'nodes', 'apiservers.config.openshift.io'],
  evaluate({ index }) {
    const servers = apiserverFlags(index);
    if (!servers.length) {
      return noApiserverFlagsOutcome(index, 'the audit flags');
    }
    const unknown = unknownFlagsOutcome(servers, [
      'audit-log-path',
      'audit-policy-file',
    ]);
    if (unknown) return unknown;
    const evidence: string[] = [];
    const noBackend: string[] = [];
    const noPolicy: string[] = [];
    for (const server of servers) {
      const { flags } = server;
      evidence.push(
        server.origin('audit-log-path'),
        server.origin('audit-policy-file'),
      );
      const backend =
        flagSet(flags, 'audit-log-path') ||
        flagSet(flags, 'audit-webhook-config-file');
      const name = describeSource(server);
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
      )}, from ${describeSource(servers[0])}).`,
      evidence,
    };
  },
};
