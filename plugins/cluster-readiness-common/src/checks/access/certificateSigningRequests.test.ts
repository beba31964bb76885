import {
  ago,
  DAY,
  forbidden,
  HOUR,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { certificateSigningRequest } from '../../__testUtils__/accessFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'access.certificate-signing-requests';
const CSR = 'certificatesigningrequests.certificates.k8s.io';

const KUBELET = 'kubernetes.io/kube-apiserver-client-kubelet';
const withCsrs = (...csrs: KubeObject[]) => snapshot({ [CSR]: csrs });

describe(ID, () => {
  it('passes when there are no CSRs', () => {
    const r = resultOf(ID, withCsrs());
    expect(r.status).toBe('pass');
    expect(r.message).toBe('No certificate signing requests.');
  });

  it('passes a CSR pending exactly 1 h and warns just after', () => {
    const atLimit = certificateSigningRequest('csr-abc12', {
      signerName: KUBELET,
      decision: 'pending',
      created: ago(HOUR),
    });
    expect(resultOf(ID, withCsrs(atLimit)).status).toBe('pass');
    const over = certificateSigningRequest('csr-abc12', {
      signerName: KUBELET,
      decision: 'pending',
      created: ago(HOUR + 1000),
    });
    const r = resultOf(ID, withCsrs(over));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('1 CSR pending over 1 h');
    expect(r.message).toContain(
      `CertificateSigningRequest/csr-abc12 (${KUBELET}) pending for 1.0 h`,
    );
    expect(r.evidence).toEqual([
      'CertificateSigningRequest/csr-abc12 .status.conditions',
    ]);
  });

  it('does not age approved or denied CSRs', () => {
    const r = resultOf(
      ID,
      withCsrs(
        certificateSigningRequest('csr-old-kubelet', {
          signerName: KUBELET,
          created: ago(20 * HOUR),
        }),
        certificateSigningRequest('bob', {
          decision: 'Denied',
          created: ago(20 * HOUR),
        }),
      ),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('2 CSRs');
  });

  it('treats an Approved condition with status False as pending', () => {
    const csr = certificateSigningRequest('csr-x', {
      signerName: KUBELET,
      created: ago(2 * HOUR),
    });
    csr.status.conditions[0].status = 'False';
    delete csr.status.certificate;
    expect(resultOf(ID, withCsrs(csr)).status).toBe('warn');
  });

  it('warns on an approved user certificate without expirationSeconds', () => {
    const r = resultOf(
      ID,
      withCsrs(
        certificateSigningRequest('alice', { username: 'alice@example.com' }),
      ),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain('1 long-lived client certificate');
    expect(r.message).toContain('user alice@example.com');
    expect(r.evidence).toEqual([
      'CertificateSigningRequest/alice .spec.expirationSeconds',
    ]);
  });

  it('passes user certificates with expirationSeconds, and denied requests without', () => {
    const r = resultOf(
      ID,
      withCsrs(
        certificateSigningRequest('alice', { expirationSeconds: DAY / 1000 }),
        certificateSigningRequest('mallory', { decision: 'Denied' }),
      ),
    );
    expect(r.status).toBe('pass');
  });

  it('ignores approved CSRs whose signing failed', () => {
    const csr = certificateSigningRequest('alice');
    delete csr.status.certificate;
    csr.status.conditions.push({
      type: 'Failed',
      status: 'True',
      reason: 'SignerValidationFailure',
      message: 'invalid usage for client certificate: server auth',
      lastUpdateTime: ago(HOUR),
      lastTransitionTime: ago(HOUR),
    });
    expect(resultOf(ID, withCsrs(csr)).status).toBe('pass');
  });

  it('ignores the lack of expirationSeconds on other signers', () => {
    expect(
      resultOf(
        ID,
        withCsrs(certificateSigningRequest('csr-k', { signerName: KUBELET })),
      ).status,
    ).toBe('pass');
  });

  it('reports both kinds of finding in one line', () => {
    const r = resultOf(
      ID,
      withCsrs(
        certificateSigningRequest('csr-p', {
          signerName: KUBELET,
          decision: 'pending',
          created: ago(3 * HOUR),
        }),
        certificateSigningRequest('alice'),
      ),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      '1 CSR pending over 1 h, 1 long-lived client certificate',
    );
    expect(r.message).toContain(
      'approve or deny pending CSRs and issue user certificates',
    );
  });

  it('is unknown when CSRs cannot be listed', () => {
    const r = resultOf(ID, snapshot({ [CSR]: forbidden(CSR) }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([`list ${CSR}`]);
  });
});
