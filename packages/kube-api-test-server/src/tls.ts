import forge from 'node-forge';
import {
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { isIP } from 'node:net';

/** What the serving certificate should look like. */
export interface CertificateRequest {
  /** Host the server listens on; added to the SANs when it is not already there. */
  host: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Distinguished names as `CN=kube-apiserver` or `CN=a,O=b`. */
  subject?: string;
  issuer?: string;
}

/** A CA and a server certificate signed by it, all PEM. */
export interface GeneratedTls {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Of the serving certificate, as a TLS client reads it. */
  info: { notAfter: string; subject: string; issuer: string };
}

const DN_KEYS: Record<string, string> = {
  CN: 'commonName',
  O: 'organizationName',
  OU: 'organizationalUnitName',
  C: 'countryName',
  L: 'localityName',
  ST: 'stateOrProvinceName',
};

/** Parses `CN=a,O=b` or `O=b\nCN=a` into forge attributes (unknown keys are ignored). */
export function parseDistinguishedName(
  dn: string | undefined,
  fallbackCommonName: string,
): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [];
  for (const part of (dn ?? '').split(/[,\n/]/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toUpperCase();
    const value = part.slice(eq + 1).trim();
    if (DN_KEYS[key] && value) attrs.push({ name: DN_KEYS[key], value });
  }
  if (!attrs.some(a => a.name === 'commonName')) {
    attrs.push({ name: 'commonName', value: fallbackCommonName });
  }
  return attrs;
}

function newKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKeyPem: privateKey,
  };
}

/**
 * Signs like forge's `cert.sign(key, sha256)` (sha256WithRSAEncryption over the DER
 * TBSCertificate), but with Node's native RSA: forge's pure-JS RSA takes over a second
 * per signature under jest.
 */
function signCertificate(cert: forge.pki.Certificate, keyPem: string): void {
  const c = cert as any;
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  c.signatureOid = oid;
  c.siginfo.algorithmOid = oid;
  c.tbsCertificate = (forge.pki as any).getTBSCertificate(cert);
  const der = forge.asn1.toDer(c.tbsCertificate).getBytes();
  c.signature = sign('sha256', Buffer.from(der, 'binary'), keyPem).toString(
    'binary',
  );
}

/** A positive serial (Go rejects negative ones): a leading 0x01 byte, then random bytes. */
function serialNumber(): string {
  return `01${randomBytes(15).toString('hex')}`;
}

/** X.509 times have second precision: drop milliseconds so what we report is what is encoded. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * Generates a fresh CA (CN=kubernetes, like kubeadm's) and a serving certificate for
 * 127.0.0.1 / localhost (and the kubernetes service names), signed by it.
 */
export function generateTls(request: CertificateRequest): GeneratedTls {
  const now = Date.now();
  const notAfter = wholeSeconds(
    request.notAfter ?? new Date(now + 365 * 24 * 3600_000),
  );
  // A certificate that already expired (to test expiry handling) starts a day before it ends.
  const notBefore = wholeSeconds(
    request.notBefore ??
      new Date(Math.min(now - 3600_000, notAfter.getTime() - 24 * 3600_000)),
  );

  const caKeys = newKeyPair();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  ca.validity.notBefore = new Date(
    Math.min(notBefore.getTime(), now - 3600_000),
  );
  ca.validity.notAfter = new Date(
    Math.max(notAfter.getTime(), now + 10 * 365 * 24 * 3600_000),
  );
  const caSubject = parseDistinguishedName(request.issuer, 'kubernetes');
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      cRLSign: true,
      digitalSignature: true,
      critical: true,
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(ca, caKeys.privateKeyPem);

  const serverKeys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = serverKeys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(parseDistinguishedName(request.subject, 'kube-apiserver'));
  cert.setIssuer(ca.subject.attributes);

  const altNames: Array<{ type: number; value?: string; ip?: string }> = [
    { type: 2, value: 'localhost' },
    { type: 2, value: 'kubernetes' },
    { type: 2, value: 'kubernetes.default' },
    { type: 2, value: 'kubernetes.default.svc' },
    { type: 2, value: 'kubernetes.default.svc.cluster.local' },
    { type: 7, ip: '127.0.0.1' },
  ];
  const host = request.host;
  if (isIP(host) && host !== '127.0.0.1') {
    altNames.push({ type: 7, ip: host });
  } else if (!isIP(host) && !altNames.some(n => n.value === host)) {
    altNames.push({ type: 2, value: host });
  }
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  signCertificate(cert, caKeys.privateKeyPem);

  const caPem = forge.pki.certificateToPem(ca);
  const certPem = forge.pki.certificateToPem(cert);
  const x509 = new X509Certificate(certPem);
  return {
    caPem,
    certPem,
    keyPem: serverKeys.privateKeyPem,
    info: {
      notAfter: new Date(x509.validTo).toISOString(),
      subject: x509.subject,
      issuer: x509.issuer,
    },
  };
}
