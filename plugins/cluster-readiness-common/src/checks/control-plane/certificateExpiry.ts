import type { ReadinessCheck } from '../ReadinessCheck';
import { formatDuration, parseTime } from './controlPlaneHelpers';

const DAY = 24 * 3600_000;

/** `control-plane.certificate-expiry` @public */
export const certificateExpiry: ReadinessCheck = {
  id: 'control-plane.certificate-expiry',
  title: 'API server certificate is not about to expire',
  category: 'control-plane',
  severity: 'high',
  description:
    'When the API server serving certificate expires, every client that verifies TLS (kubelets, controllers, kubectl) stops talking to the cluster. The check reads serverCertificate.notAfter, captured from the TLS handshake when the snapshot was collected, and compares it with the reference time (collectedAt). Exactly 30 days left is a warning and exactly 7 days left is still a warning; less than 7 days, or already expired, fails. It applies to provider-managed control planes too, since their certificates are what clients see. When the certificate was not captured (for example a snapshot built from kubectl output) the result is unknown.',
  rule: 'notAfter − reference time: > 30 d pass; 7–30 d (inclusive) warn; < 7 d or expired fail; not captured: unknown.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/',
  reads: [],
  evaluate({ index, referenceTime }) {
    const cert = index.snapshot.serverCertificate;
    const notAfter = parseTime(cert?.notAfter);
    if (!cert || notAfter === undefined) {
      return {
        status: 'unknown',
        message:
          'The API server serving certificate was not captured in this snapshot; collect it with the TLS handshake (the collector does) to check its expiry.',
        evidence: ['serverCertificate: not in the snapshot'],
      };
    }
    const left = notAfter - referenceTime;
    const subject = cert.subject ? ` (${cert.subject})` : '';
    const evidence = [`serverCertificate .notAfter ${cert.notAfter}`];
    if (left <= 0) {
      return {
        status: 'fail',
        message: `The API server certificate${subject} expired ${formatDuration(
          -left,
        )} ago (${cert.notAfter}); renew it now.`,
        evidence,
      };
    }
    const when = `The API server certificate${subject} expires in ${formatDuration(
      left,
    )} (${cert.notAfter})`;
    if (left < 7 * DAY) {
      return { status: 'fail', message: `${when}; renew it now.`, evidence };
    }
    if (left <= 30 * DAY) {
      return {
        status: 'warn',
        message: `${when}; renew it before it expires.`,
        evidence,
      };
    }
    return { status: 'pass', message: `${when}.`, evidence };
  },
};
