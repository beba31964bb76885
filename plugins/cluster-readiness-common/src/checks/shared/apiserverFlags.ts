/*
 * Reading kube-apiserver flags, for the checks of every category, from the first of
 * the sources of checks.md v2 that exists: kube-apiserver mirror pods; k3s/RKE2
 * node-args of the server nodes (with the distribution's documented defaults); on
 * OpenShift, the cluster config objects. Each instance is read, so that a check sees
 * one configured differently from the others.
 */
import type { SnapshotIndex } from '../../engine/SnapshotIndex';
import { objectRef, parseFlags } from '../../engine/labels';
import {
  DISTRIBUTION_FLAG_DEFAULTS,
  distributionFlagDefault,
} from '../../engine/distributionDefaults';
import { NodeArgs, readNodeArgs } from '../../engine/nodeArgs';
import type { KubeObject, PodObject } from '../../snapshot/kube';
import { describeUnreadable } from './unreadable';
import { requiredGrant } from '../../snapshot/resources';

/** Where the kube-apiserver flags were read. */
export type FlagSource =
  | 'mirror pod'
  | 'k3s node-args'
  | 'rke2 node-args'
  | 'OpenShift config';

/** Flags of one kube-apiserver instance (or of OpenShift's cluster config). */
export interface ApiserverInstance {
  /** Pod or node name, or `cluster` for OpenShift's config, for messages. */
  name: string;
  /** `Pod/kube-system/kube-apiserver-cp-1`, `Node/s1 annotation k3s.io/node-args`, the prefix of flag evidence. */
  ref: string;
  source: FlagSource;
  /** Effective flags: those set, plus documented distribution defaults that set a value. */
  flags: Map<string, string>;
  /** The mirror pod, for the mirror-pod source. */
  pod?: PodObject;
  /** The server's node-args, for the k3s/RKE2 source. */
  nodeArgs?: NodeArgs;
  /**
   * Whether this source shows a flag's value: always for mirror pods (an absent flag
   * takes kube-apiserver's default); for node-args when set or in the distribution's
   * defaults table; for OpenShift config only for the flags its objects stand for.
   */
  knows(flag: string): boolean;
  /** Where a flag's value comes from, for evidence: the flag, or the documented default and its page. */
  origin(flag: string): string;
}

/** Flags of a pod's first container (command then args), as checks.md defines them. */
function podFlags(pod: PodObject): Map<string, string> {
  const c = pod.spec?.containers?.[0];
  return parseFlags([...(c?.command ?? []), ...(c?.args ?? [])]);
}

function fromMirrorPods(index: SnapshotIndex): ApiserverInstance[] {
  return index.mirrorPods('kube-apiserver').map(pod => {
    const ref = objectRef(pod, 'Pod');
    return {
      name: pod.metadata?.name ?? '',
      ref,
      source: 'mirror pod',
      flags: podFlags(pod),
      pod,
      knows: () => true,
      origin: flag => `${ref} --${flag}`,
    };
  });
}

/** Servers' node-args of k3s or RKE2 (nodes whose node-args start with `server`). */
export function serverNodeArgs(index: SnapshotIndex): NodeArgs[] {
  const name = index.distribution.name;
  if (name !== 'k3s' && name !== 'rke2') return [];
  return index.nodes
    .map(n => readNodeArgs(n, name))
    .filter((a): a is NodeArgs => a !== undefined && a.role === 'server');
}

function fromNodeArgs(index: SnapshotIndex): ApiserverInstance[] {
  return serverNodeArgs(index).map(nodeArgs => {
    const { distribution, apiserver, ref } = nodeArgs;
    const flags = new Map(apiserver);
    for (const row of DISTRIBUTION_FLAG_DEFAULTS[distribution]) {
      if (!flags.has(row.flag) && row.value !== null) {
        flags.set(row.flag, row.value);
      }
    }
    return {
      name: nodeArgs.node.metadata?.name ?? '',
      ref,
      source: `${distribution} node-args` as FlagSource,
      flags,
      nodeArgs,
      knows: flag =>
        apiserver.has(flag) ||
        distributionFlagDefault(distribution, flag) !== undefined,
      origin: flag => {
        if (apiserver.has(flag)) return `${ref} --kube-apiserver-arg ${flag}`;
        const row = distributionFlagDefault(distribution, flag);
        return row
          ? `${distribution} default for --${flag}: ${
              row.value ?? 'not set'
            } (${row.docs})`
          : `${ref}: --${flag} not set and no documented ${distribution} default`;
      },
    };
  });
}

/** OpenShift's `apiservers.config.openshift.io/cluster` and `authentications…/cluster`. */
function openshiftConfig(index: SnapshotIndex): {
  apiserver?: KubeObject;
  authentication?: KubeObject;
} {
  const named = (key: string) =>
    index.items(key).find(o => o.metadata?.name === 'cluster');
  return {
    apiserver: named('apiservers.config.openshift.io'),
    authentication: named('authentications.config.openshift.io'),
  };
}

function fromOpenshiftConfig(index: SnapshotIndex): ApiserverInstance[] {
  if (index.distribution.name !== 'openshift') return [];
  const { apiserver, authentication } = openshiftConfig(index);
  if (!apiserver && !authentication) return [];
  const flags = new Map<string, string>();
  const known = new Map<string, string>();
  if (apiserver) {
    const spec = (apiserver.spec ?? {}) as {
      encryption?: { type?: string };
      audit?: { profile?: string };
    };
    const type = spec.encryption?.type ?? '';
    known.set(
      'encryption-provider-config',
      'APIServer/cluster .spec.encryption.type',
    );
    if (type === 'aescbc' || type === 'aesgcm') {
      flags.set('encryption-provider-config', `(OpenShift encryption ${type})`);
    }
    // OpenShift's default audit profile is Default: events are logged under a policy.
    const profile = spec.audit?.profile ?? 'Default';
    for (const flag of ['audit-log-path', 'audit-policy-file']) {
      known.set(flag, 'APIServer/cluster .spec.audit.profile');
      if (profile !== 'None')
        flags.set(flag, `(OpenShift audit profile ${profile})`);
    }
  }
  if (authentication) {
    const spec = (authentication.spec ?? {}) as { type?: string };
    const type = spec.type ?? '';
    const where = 'Authentication/cluster .spec.type';
    for (const flag of [
      'oidc-issuer-url',
      'authentication-config',
      'authentication-token-webhook-config-file',
      'token-auth-file',
      'basic-auth-file',
    ]) {
      known.set(flag, where);
    }
    // '' and IntegratedOAuth: the built-in OAuth server; OIDC: an external provider.
    if (type === '' || type === 'IntegratedOAuth' || type === 'OIDC') {
      flags.set('oidc-issuer-url', `(OpenShift ${type || 'IntegratedOAuth'})`);
    }
  }
  return [
    {
      name: 'cluster',
      ref: 'OpenShift config',
      source: 'OpenShift config',
      flags,
      knows: flag => known.has(flag),
      origin: flag =>
        known.get(flag) ?? `OpenShift config: --${flag} not represented`,
    },
  ];
}

/**
 * kube-apiserver instances with their flags, from the first source that exists
 * (checks.md v2): mirror pods, k3s/RKE2 server node-args, OpenShift config.
 */
export function apiserverFlags(index: SnapshotIndex): ApiserverInstance[] {
  const mirror = fromMirrorPods(index);
  if (mirror.length) return mirror;
  const nodeArgs = fromNodeArgs(index);
  if (nodeArgs.length) return nodeArgs;
  return fromOpenshiftConfig(index);
}

/**
 * The source that would decide the flag-based rules, and why it could not, for
 * messages: e.g. `no k3s server node carries k3s.io/node-args`.
 */
export function whyNoApiserverFlags(index: SnapshotIndex): string {
  const cp = index.controlPlane;
  if (cp.mode === 'managed') {
    return `the control plane is managed (${cp.reason})`;
  }
  const distribution = index.distribution.name;
  if (distribution === 'k3s' || distribution === 'rke2') {
    if (index.state('nodes') !== 'collected') {
      return `the ${distribution} node-args would decide, but ${describeUnreadable(
        index,
        'nodes',
      )}`;
    }
    return `no ${distribution} server node carries ${distribution}.io/node-args`;
  }
  if (distribution === 'openshift') {
    return `OpenShift's config would decide, but ${describeUnreadable(
      index,
      'apiservers.config.openshift.io',
    )} (get apiservers.config.openshift.io/cluster, authentications.config.openshift.io/cluster)`;
  }
  if (index.state('pods') !== 'collected') {
    return index.state('pods') === 'failed'
      ? 'pods could not be listed (kube-apiserver mirror pods would decide)'
      : 'pods were not collected (kube-apiserver mirror pods would decide)';
  }
  return 'no kube-apiserver mirror pod is visible in kube-system';
}

/**
 * Flags among `names` that some instance's source does not show (no documented
 * default, or not represented by OpenShift's config).
 */
export function unknownFlags(
  instances: readonly ApiserverInstance[],
  names: readonly string[],
): Array<{ instance: ApiserverInstance; flag: string }> {
  return instances.flatMap(instance =>
    names.filter(f => !instance.knows(f)).map(flag => ({ instance, flag })),
  );
}

/** `the k3s node-args of s1` / `mirror pod kube-apiserver-cp-1`, for messages. */
export function describeSource(instance: ApiserverInstance): string {
  switch (instance.source) {
    case 'mirror pod':
      return instance.name;
    case 'OpenShift config':
      return "OpenShift's cluster config";
    default:
      return `${instance.nodeArgs?.distribution} server ${instance.name} (node-args)`;
  }
}

/** A flag is set when present with a non-empty value. */
export function flagSet(flags: Map<string, string>, name: string): boolean {
  const v = flags.get(name);
  return v !== undefined && v !== '';
}

/** Comma-separated flag value as a list (entries trimmed, empty ones dropped). */
export function flagList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

/**
 * The `unknown` outcome of a flag-based rule when no source shows the flags: which
 * source would decide and why it could not, with the missing read if any.
 */
export function noApiserverFlagsOutcome(
  index: SnapshotIndex,
  what: string,
): {
  status: 'unknown';
  message: string;
  missingReads?: string[];
} {
  const distribution = index.distribution.name;
  let key = 'pods';
  if (distribution === 'k3s' || distribution === 'rke2') key = 'nodes';
  else if (distribution === 'openshift') key = 'apiservers.config.openshift.io';
  const missing = index.state(key) !== 'collected';
  return {
    status: 'unknown',
    message: `Cannot read ${what}: ${whyNoApiserverFlags(index)}.`,
    ...(missing ? { missingReads: [requiredGrant(key)] } : {}),
  };
}

/**
 * The `unknown` outcome when a source shows no value for flags a rule needs, naming
 * the source and the flags; undefined when every flag is known.
 */
export function unknownFlagsOutcome(
  instances: readonly ApiserverInstance[],
  names: readonly string[],
): { status: 'unknown'; message: string; evidence: string[] } | undefined {
  const gaps = unknownFlags(instances, names);
  if (!gaps.length) return undefined;
  const flags = [...new Set(gaps.map(g => `--${g.flag}`))];
  const { instance } = gaps[0];
  const why =
    instance.source === 'OpenShift config'
      ? 'its config objects do not carry it'
      : `not set in its node-args, and no documented ${instance.nodeArgs?.distribution} default in the defaults table`;
  return {
    status: 'unknown',
    message: `${describeSource(instance)} does not show ${flags.join(
      ', ',
    )} (${why}), so it is not assumed; check the server configuration.`,
    evidence: gaps.map(g => g.instance.origin(g.flag)),
  };
}
