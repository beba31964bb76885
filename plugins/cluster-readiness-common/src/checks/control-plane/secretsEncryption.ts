import type { ReadinessCheck } from '../ReadinessCheck';
import {
  apiserverFlags,
  describeSource,
  flagSet,
  noApiserverFlagsOutcome,
  unknownFlagsOutcome,
} from '../shared/apiserverFlags';

const FLAG = 'encryption-provider-config';

/** `control-plane.secrets-encryption` @public */
export const secretsEncryption: ReadinessCheck = {
  id: 'control-plane.secrets-encryption',
  title: 'Secrets are encrypted at rest',
  category: 'control-plane',
  severity: 'medium',
  controlPlane: true,
  description:
    "Without an encryption configuration, the API server writes Secrets to etcd in plain text, so anyone who reads an etcd snapshot or data directory reads every credential. The flags come from the first source that exists (checks.md v2): kube-apiserver mirror pods; on k3s/RKE2, the server nodes' node-args (--kube-apiserver-arg encryption-provider-config=…, k3s --secrets-encryption, else the distribution's documented default: off on k3s, on for RKE2); on OpenShift, APIServer/cluster .spec.encryption.type aescbc or aesgcm. All API servers must set it, since a single one without it writes Secrets unencrypted. The content of the configuration file is not visible. With none of these sources the result is unknown and names the source that would decide.",
  rule: 'kube-apiserver --encryption-provider-config set (or its equivalent: k3s --secrets-encryption, RKE2 default, OpenShift encryption aescbc/aesgcm) on every API server: pass; absent on any: fail. unknown: no source of the flags.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/',
  reads: [],
  looksAt: ['pods', 'nodes', 'apiservers.config.openshift.io'],
  evaluate({ index }) {
    const servers = apiserverFlags(index);
    if (!servers.length) {
      return noApiserverFlagsOutcome(index, '--encryption-provider-config');
    }
    const unknown = unknownFlagsOutcome(servers, [FLAG]);
    if (unknown) return unknown;
    const evidence = servers.map(s => s.origin(FLAG));
    const missing = servers
      .filter(s => !flagSet(s.flags, FLAG))
      .map(s => describeSource(s));
    if (missing.length) {
      return {
        status: 'fail',
        message: `${missing.join(', ')} ${
          missing.length === 1 ? 'runs' : 'run'
        } without --encryption-provider-config, so Secrets are stored unencrypted in etcd; ${
          servers[0].source === 'OpenShift config'
            ? 'set APIServer/cluster spec.encryption.type to aescbc or aesgcm'
            : `configure an EncryptionConfiguration${
                servers[0].source === 'k3s node-args'
                  ? ' (k3s: --secrets-encryption)'
                  : ''
              } and rewrite existing Secrets`
        }.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `All ${
        servers.length
      } kube-apiserver instance(s) encrypt Secrets at rest (${servers[0].flags.get(
        FLAG,
      )}, from ${describeSource(servers[0])}).`,
      evidence,
    };
  },
};
