import type { ReadinessCheck } from '../ReadinessCheck';
import { apiserverFlags, flagSet } from '../shared/apiserverFlags';

/** `control-plane.secrets-encryption` @public */
export const secretsEncryption: ReadinessCheck = {
  id: 'control-plane.secrets-encryption',
  title: 'Secrets are encrypted at rest',
  category: 'control-plane',
  severity: 'medium',
  controlPlane: true,
  description:
    'Without an encryption configuration, the API server writes Secrets to etcd in plain text, so anyone who reads an etcd snapshot or data directory reads every credential. The check reads --encryption-provider-config (a non-empty value counts as set) on every kube-apiserver mirror pod: all API servers must set it, since a single one without it writes Secrets unencrypted. The content of the configuration file (which resources, which providers) is not visible. When no kube-apiserver mirror pod is visible (the API server is not run by kubelet), its flags cannot be read and the result is unknown.',
  rule: 'kube-apiserver --encryption-provider-config set on every API server: pass; absent on any: fail. unknown: no kube-apiserver mirror pod visible.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/',
  reads: ['pods'],
  evaluate({ index }) {
    const servers = apiserverFlags(index);
    if (!servers.length) {
      return {
        status: 'unknown',
        message:
          'No kube-apiserver mirror pod is visible, so --encryption-provider-config cannot be read; check the API server configuration on the control-plane hosts.',
      };
    }
    const evidence = servers.map(s => `${s.ref} --encryption-provider-config`);
    const missing = servers
      .filter(s => !flagSet(s.flags, 'encryption-provider-config'))
      .map(s => s.pod.metadata?.name);
    if (missing.length) {
      return {
        status: 'fail',
        message: `${missing.join(', ')} ${
          missing.length === 1 ? 'runs' : 'run'
        } without --encryption-provider-config, so Secrets are stored unencrypted in etcd; configure an EncryptionConfiguration and rewrite existing Secrets.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `All ${
        servers.length
      } kube-apiserver instance(s) set --encryption-provider-config (${servers[0].flags.get(
        'encryption-provider-config',
      )}).`,
      evidence,
    };
  },
};
