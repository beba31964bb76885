import type { CheckOutcome, ReadinessCheck } from '../ReadinessCheck';
import type { ApiserverInstance } from '../shared/apiserverFlags';
import { apiserverFlags } from '../shared/apiserverFlags';
import { worstInstance } from './accessHelpers';

const STATIC_FILES = ['token-auth-file', 'basic-auth-file'];
const IDENTITY_PROVIDERS = [
  'oidc-issuer-url',
  'authentication-config',
  'authentication-token-webhook-config-file',
];

function judge({ ref, flags }: ApiserverInstance): CheckOutcome {
  const statics = STATIC_FILES.filter(f => flags.has(f));
  if (statics.length) {
    return {
      status: 'fail',
      message: `kube-apiserver reads static credentials (--${statics.join(
        ', --',
      )}): they never expire and need a restart to revoke; move users to OIDC.`,
      evidence: statics.map(f => `${ref} --${f}`),
    };
  }
  const providers = IDENTITY_PROVIDERS.filter(f => flags.has(f));
  if (providers.length) {
    return {
      status: 'pass',
      message: `Users authenticate through an identity provider (--${providers.join(
        ', --',
      )}).`,
      evidence: providers.map(f => `${ref} --${f}`),
    };
  }
  return {
    status: 'warn',
    message:
      'kube-apiserver authenticates users with client certificates only, which cannot be revoked; configure OIDC (--oidc-issuer-url or --authentication-config).',
    evidence: [`${ref} .spec.containers[0]`],
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
    'People should sign in through an identity provider (OIDC, structured authentication configuration, or a token webhook) so that access follows the directory and can be revoked. Static token or password files never expire and need an API server restart to change; client certificates cannot be revoked before they expire. The flags are read from every kube-apiserver mirror pod and the worst instance is reported. When the control plane is visible but no kube-apiserver mirror pod is (the API server runs outside Kubernetes), the result is unknown.',
  rule: '--token-auth-file or --basic-auth-file: fail. Otherwise --oidc-issuer-url, --authentication-config or --authentication-token-webhook-config-file: pass. None of these: warn (client certificates only).',
  remediation:
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/',
  reads: ['pods'],
  evaluate({ index }) {
    const sets = apiserverFlags(index);
    if (!sets.length) {
      return {
        status: 'unknown',
        message:
          'The control plane is visible but no kube-apiserver mirror pod is in kube-system, so its authentication flags cannot be read; review its configuration by hand.',
      };
    }
    return worstInstance(sets, judge);
  },
};
