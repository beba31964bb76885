import type { ReadinessCheck } from '../ReadinessCheck';
import { objectRef } from '../../engine/labels';
import type { Condition, KubeObject } from '../../snapshot/kube';
import { bounded, plural } from '../shared/evidence';

const CSRS = 'certificatesigningrequests.certificates.k8s.io';
const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
const PENDING_LIMIT_MS = 60 * 60 * 1000;

/** A condition of this type that is not explicitly False (status defaults to True). */
function has(conditions: readonly Condition[], type: string): boolean {
  return conditions.some(c => c.type === type && c.status !== 'False');
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h < 10 ? `${h.toFixed(1)} h` : `${Math.round(h)} h`;
}

/** `access.certificate-signing-requests` @public */
export const certificateSigningRequests: ReadinessCheck = {
  id: 'access.certificate-signing-requests',
  title: 'Certificate signing requests are handled and short-lived',
  category: 'access',
  severity: 'medium',
  description:
    "A CSR left pending means a kubelet or a user waits for a certificate nobody approves (the controller manager deletes pending CSRs after 24 h, so the request silently disappears). A client certificate approved for signer kubernetes.io/kube-apiserver-client without spec.expirationSeconds lives as long as the cluster signing duration (a year by default) and cannot be revoked. A CSR is approved or denied when status.conditions has type Approved or Denied (status not False); a pending CSR's age is the reference time minus metadata.creationTimestamp, and one without a creation timestamp is not aged. Approved CSRs that also carry a Failed condition issued no certificate and are ignored.",
  rule: 'warn: a CSR pending (neither Approved nor Denied) for more than 1 h, or an approved CSR for signer kubernetes.io/kube-apiserver-client without spec.expirationSeconds. pass: otherwise, including no CSRs.',
  remediation:
    'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/',
  reads: [CSRS],
  evaluate({ index, referenceTime }) {
    const csrs = index.items<KubeObject>(CSRS);
    const pending: Array<{ path: string; text: string }> = [];
    const longLived: Array<{ path: string; text: string }> = [];
    for (const csr of csrs) {
      const csrRef = objectRef(csr, 'CertificateSigningRequest');
      const conditions: Condition[] = csr.status?.conditions ?? [];
      const approved = has(conditions, 'Approved');
      const denied = has(conditions, 'Denied');
      if (!approved && !denied) {
        const created = Date.parse(csr.metadata?.creationTimestamp ?? '');
        const age = referenceTime - created;
        if (Number.isFinite(age) && age > PENDING_LIMIT_MS) {
          pending.push({
            path: `${csrRef} .status.conditions`,
            text: `${csrRef} (${
              csr.spec?.signerName ?? 'no signer'
            }) pending for ${hours(age)}`,
          });
        }
      } else if (
        approved &&
        !denied &&
        !has(conditions, 'Failed') &&
        csr.spec?.signerName === CLIENT_SIGNER &&
        csr.spec?.expirationSeconds === undefined
      ) {
        longLived.push({
          path: `${csrRef} .spec.expirationSeconds`,
          text: `${csrRef} (user ${
            csr.spec?.username ?? 'unknown'
          }) was approved without spec.expirationSeconds`,
        });
      }
    }
    const findings = [...pending, ...longLived];
    if (findings.length) {
      const parts = [
        pending.length
          ? `${plural(pending.length, 'CSR')} pending over 1 h`
          : '',
        longLived.length
          ? `${plural(longLived.length, 'long-lived client certificate')}`
          : '',
      ].filter(Boolean);
      const advice = [
        pending.length ? 'approve or deny pending CSRs' : '',
        longLived.length
          ? 'issue user certificates with spec.expirationSeconds'
          : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return {
        status: 'warn',
        message: `${parts.join(', ')}: e.g. ${findings[0].text}; ${advice}.`,
        evidence: bounded(findings.map(f => f.path)),
      };
    }
    return {
      status: 'pass',
      message: csrs.length
        ? `${plural(
            csrs.length,
            'CSR',
          )}: none pending over 1 h, no long-lived client certificate.`
        : 'No certificate signing requests.',
      evidence: bounded(
        csrs.map(
          c =>
            `${objectRef(c, 'CertificateSigningRequest')} .status.conditions`,
        ),
      ),
    };
  },
};
