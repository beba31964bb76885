/**
 * One documented kube-apiserver default of a distribution: the value its server
 * passes when node-args leave the flag unset (`null`: documented as not set), with the
 * documentation page that says so.
 * @public
 */
export interface FlagDefault {
  flag: string;
  value: string | null;
  docs: string;
}

const K3S_CIS = 'https://docs.k3s.io/security/self-assessment-1.8';
const RKE2_CIS = 'https://docs.rke2.io/security/cis_self_assessment18';

/**
 * The kube-apiserver defaults of k3s and RKE2 that checks rely on (checks.md v2,
 * kube-apiserver flags). A flag without a row here is unknown, never assumed.
 * @public
 */
export const DISTRIBUTION_FLAG_DEFAULTS: Readonly<
  Record<'k3s' | 'rke2', readonly FlagDefault[]>
> = {
  k3s: [
    { flag: 'anonymous-auth', value: 'false', docs: K3S_CIS },
    { flag: 'authorization-mode', value: 'Node,RBAC', docs: K3S_CIS },
    {
      flag: 'enable-admission-plugins',
      value: 'NodeRestriction',
      docs: K3S_CIS,
    },
    {
      flag: 'encryption-provider-config',
      value: null,
      docs: 'https://docs.k3s.io/security/secrets-encryption',
    },
    {
      flag: 'audit-log-path',
      value: null,
      docs: 'https://docs.k3s.io/security/hardening-guide#api-server-audit-configuration',
    },
    {
      flag: 'audit-policy-file',
      value: null,
      docs: 'https://docs.k3s.io/security/hardening-guide#api-server-audit-configuration',
    },
  ],
  rke2: [
    { flag: 'anonymous-auth', value: 'false', docs: RKE2_CIS },
    { flag: 'authorization-mode', value: 'Node,RBAC', docs: RKE2_CIS },
    {
      flag: 'enable-admission-plugins',
      value: 'NodeRestriction',
      docs: RKE2_CIS,
    },
    {
      flag: 'encryption-provider-config',
      value: '/var/lib/rancher/rke2/server/cred/encryption-config.json',
      docs: 'https://docs.rke2.io/security/secrets_encryption',
    },
    {
      flag: 'audit-policy-file',
      value: '/etc/rancher/rke2/audit-policy.yaml',
      docs: RKE2_CIS,
    },
    {
      flag: 'audit-log-path',
      value: '/var/lib/rancher/rke2/server/logs/audit.log',
      docs: RKE2_CIS,
    },
  ],
};

/** The documented default of a flag on k3s or RKE2, or undefined when not in the table. @public */
export function distributionFlagDefault(
  distribution: 'k3s' | 'rke2',
  flag: string,
): FlagDefault | undefined {
  return DISTRIBUTION_FLAG_DEFAULTS[distribution].find(d => d.flag === flag);
}
