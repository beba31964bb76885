import type { CheckOutcome, ReadinessCheck } from '../ReadinessCheck';
import type { ApiserverInstance } from '../shared/apiserverFlags';
import {
  apiserverFlags,
  describeSource,
  flagList,
  unknownFlagsOutcome,
  whyNoApiserverFlags,
} from '../shared/apiserverFlags';
import { worstInstance } from './accessHelpers';

const RBAC_GROUP_VERSION = 'rbac.authorization.k8s.io/v1';

/** Whether an admission plugin is switched on by the kube-apiserver flags. */
function admissionPluginEnabled(flags: Map<string, string>, plugin: string) {
  const enabled = [
    ...flagList(flags.get('enable-admission-plugins')),
    // Deprecated predecessor of --enable-admission-plugins, still honoured.
    ...flagList(flags.get('admission-control')),
  ];
  const disabled = flagList(flags.get('disable-admission-plugins'));
  return enabled.includes(plugin) && !disabled.includes(plugin);
}

function judge(instance: ApiserverInstance): CheckOutcome {
  const { flags } = instance;
  const ref = describeSource(instance);
  if (flags.has('authorization-config')) {
    return {
      status: 'pass',
      message: `kube-apiserver uses a structured authorization configuration (--authorization-config, from ${ref}).`,
      evidence: [instance.origin('authorization-config')],
    };
  }
  const value = flags.get('authorization-mode');
  const modes = value === undefined ? ['AlwaysAllow'] : flagList(value);
  const shown =
    value === undefined
      ? '--authorization-mode is not set (default AlwaysAllow)'
      : `--authorization-mode=${value}`;
  const modeEvidence = instance.origin('authorization-mode');
  if (modes.includes('AlwaysAllow')) {
    return {
      status: 'fail',
      message: `${shown}: every request is allowed; set --authorization-mode=Node,RBAC.`,
      evidence: [modeEvidence],
    };
  }
  if (!modes.includes('RBAC')) {
    return {
      status: 'fail',
      message: `${shown} lacks RBAC; set --authorization-mode=Node,RBAC.`,
      evidence: [modeEvidence],
    };
  }
  const pluginEvidence = instance.origin('enable-admission-plugins');
  const gaps: string[] = [];
  if (!modes.includes('Node')) gaps.push('add the Node authorizer');
  if (!admissionPluginEnabled(flags, 'NodeRestriction')) {
    gaps.push('enable the NodeRestriction admission plugin');
  }
  if (modes.includes('ABAC')) gaps.push('remove ABAC');
  if (gaps.length) {
    return {
      status: 'warn',
      message: `${shown}: ${gaps.join(', ')}.`,
      evidence: [modeEvidence, pluginEvidence],
    };
  }
  return {
    status: 'pass',
    message: `${shown} with the NodeRestriction admission plugin (from ${ref}).`,
    evidence: [modeEvidence, pluginEvidence],
  };
}

/** `access.authorization-mode` @public */
export const authorizationMode: ReadinessCheck = {
  id: 'access.authorization-mode',
  title: 'Requests are authorized with RBAC and the Node authorizer',
  category: 'access',
  severity: 'critical',
  description:
    'The API server must authorize every request: AlwaysAllow (the default of --authorization-mode) lets any authenticated caller do anything, and without the Node authorizer and the NodeRestriction admission plugin a compromised kubelet can read every Secret and modify other nodes. The flags come from the first source that exists (checks.md v2): every kube-apiserver mirror pod, or k3s/RKE2 server node-args with the distribution’s documented defaults (Node,RBAC and NodeRestriction on both); the worst instance is reported. NodeRestriction counts as enabled when --enable-admission-plugins (or the deprecated --admission-control) lists it and --disable-admission-plugins does not. When no source shows the flags (managed control plane, pods not readable, OpenShift whose config does not carry them), the result is inferred from discovery: the API group rbac.authorization.k8s.io/v1 being served.',
  rule: '--authorization-config set: pass. --authorization-mode contains AlwaysAllow, lacks RBAC, or is unset (AlwaysAllow): fail. RBAC with Node and NodeRestriction enabled and no ABAC: pass; RBAC without Node, without NodeRestriction, or with ABAC: warn. No kube-apiserver pod visible: pass (inferred) if discovery serves rbac.authorization.k8s.io/v1, fail if it does not, unknown without discovery.',
  remediation:
    'https://kubernetes.io/docs/reference/access-authn-authz/authorization/',
  reads: [],
  evaluate({ index }) {
    const sets = apiserverFlags(index);
    const unknown = unknownFlagsOutcome(
      sets.filter(s => !s.flags.has('authorization-config')),
      ['authorization-mode', 'enable-admission-plugins'],
    );
    if (sets.length && !unknown) return worstInstance(sets, judge);

    const why = unknown
      ? `${describeSource(
          sets[0],
        )} does not show --authorization-mode (not set and no documented default)`
      : whyNoApiserverFlags(index);
    const discovery = index.snapshot.apiGroupVersions;
    if (discovery) {
      const evidence = ['ClusterSnapshot .apiGroupVersions'];
      if (discovery.includes(RBAC_GROUP_VERSION)) {
        return {
          status: 'pass',
          message: `RBAC inferred from discovery (${RBAC_GROUP_VERSION} is served); the kube-apiserver flags are not visible because ${why}.`,
          evidence,
        };
      }
      return {
        status: 'fail',
        message: `Discovery does not serve ${RBAC_GROUP_VERSION}: RBAC appears disabled; enable --authorization-mode=Node,RBAC.`,
        evidence,
      };
    }
    const missingReads = [
      ...(index.state('pods') === 'collected' ? [] : ['list pods']),
      'get /apis (discovery)',
    ];
    return {
      status: 'unknown',
      message: `Cannot tell how requests are authorized: ${why} and the snapshot has no discovery (apiGroupVersions).`,
      missingReads,
    };
  },
};
