import type { ReadinessCheck } from '../ReadinessCheck';

/** `access.tls-verification` @public */
export const tlsVerification: ReadinessCheck = {
  id: 'access.tls-verification',
  title: 'The API server certificate is verified',
  category: 'access',
  severity: 'high',
  description:
    'A client that skips TLS verification sends its credentials to whoever answers at the server address, so the connection used to read the cluster (and usually the kubeconfig it came from) is open to interception. Reads cluster.skipTLSVerify of the snapshot, which the collector sets from the kubeconfig (insecure-skip-tls-verify); absent means verified.',
  rule: 'cluster.skipTLSVerify true: fail; otherwise pass.',
  remediation:
    'https://kubernetes.io/docs/concepts/security/controlling-access/#transport-security',
  reads: [],
  evaluate({ index }) {
    const evidence = ['ClusterSnapshot .cluster.skipTLSVerify'];
    if (index.snapshot.cluster.skipTLSVerify === true) {
      return {
        status: 'fail',
        message:
          'The cluster is read with TLS verification off (insecure-skip-tls-verify); set certificate-authority-data to the cluster CA instead.',
        evidence,
      };
    }
    return {
      status: 'pass',
      message:
        "The API server's certificate is verified when the cluster is read.",
      evidence,
    };
  },
};
