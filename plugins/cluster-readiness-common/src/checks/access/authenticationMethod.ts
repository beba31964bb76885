import type { CheckOutcome, ReadinessCheck } from '../ReadinessCheck';
import type { ApiserverInstance } from '../shared/apiserverFlags';
import {
  apiserverFlags,
  describeSource,
  noApiserverFlagsOutcome,
  unknownFlagsOutcome,
} from '../shared/apiserverFlags';
import { worstInstance } from './accessHelpers';

const STATIC_FILES = ['token-auth-file', 'basic-auth-file'];
const IDENTITY_PROVIDERS = [
  'oidc-issuer-url',
  'authentication-config',
  'authentication-token-webhook-config-file',
];

function judge(instance: ApiserverInstance): CheckOutcome {
  const { flags } = instance;
  const from = describeSource(instance);
  const statics = STATIC_FILES.filter(f => flags.has(f));
  if (statics.length) {
    return {
      status: 'fail',
      message: `kube-apiserver reads static credentials (--${statics.join(
        ', --',
      )}, from ${from}): they never expire and need a restart to revoke; move users to OIDC.`,
      evidence: statics.map(f => instance.origin(f)),
    };
  }
  const providers = IDENTITY_PROVIDERS.filter(f => flags.has(f));
  if (providers.length) {
    return {
      status: 'pass',
      message: `Users authenticate through an identity provider (--${providers.join(
        ', --',
      )}, from ${from}).`,
      evidence: providers.map(f => instance.origin(f)),
    };
  }
  const unknown = unknownFlagsOutcome(
    [instance],
    [...STATIC_FILES, ...IDENTITY_PROVIDERS],
  );
  if (unknown) return unknown;
  return {
    status: 'warn',
    message: `kube-apiserver authenticates users with client certificates only (${from}), which cannot be revoked; configure OIDC (--oidc-issuer-url or --authentication-config).`,
    evidence: [...STATIC_FILES, ...IDENTITY_PROVIDERS].map(f =>
      instance.origin(f),
    ),
  };
}

/** `access.authentication-method` @public */
export const authenticationMethod: ReadinessCheck = {
  id: 'access.authentication-method',
  title: 'Users authenticate through an identity provider',
  category: 'access',
  severity: 'medium',
  controlPlane: true,
  description:
    'People should sign in through an identity provider (OIDC, structured authentication configuration, or a token webhook) so that access follows the directory and can be revoked. Static token or password files never expire and need an API server restart to change; client certificates cannot be revoked before they expire. The flags come from the first source that exists (checks.md v2): every kube-apiserver mirror pod; k3s/RKE2 server node-args (--kube-apiserver-arg); OpenShift’s Authentication/cluster, where the built-in OAuth server or OIDC counts as an identity provider. The worst instance is reported. A static file or identity provider that is set decides; otherwise a source that cannot show these flags (no documented k3s/RKE2 default) gives unknown, as does no source at all.',
  rule: '--token-auth-file or --basic-auth-file: fail. Otherwise --oidc-issuer-url, --authentication-config or --authentication-token-webhook-config-file: pass. None of these: warn (client certificates only).',
  remediation:
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/',
  reads: [],
  looksAt: ['pods', 'nodes', 'authentications.config.openshift.io'],
  evaluate({ index }) {
    const sets = apiserverFlags(index);
    if (!sets.length) {
      return noApiserverFlagsOutcome(index, 'the authentication flags');
    }
    return worstInstance(sets, judge);
  },
};
