/*
 * Typed errors of the live collector. A whole-cluster failure (the API server cannot
 * be reached, refuses the credentials, fails the TLS handshake or does not answer)
 * is thrown as one of these; a failure to read one resource is not an error but a
 * `{ error }` entry of the snapshot.
 *
 * Every message is one line that names the cluster and the cause, and never holds a
 * token or another credential (see `redactCredentials`).
 */

/**
 * Removes anything that looks like a credential from a text: `Bearer …` and `Basic …`
 * values, `token=…`/`password=…` pairs, JWTs, user info in URLs, and the exact secret
 * strings given. Also folds the text onto one line.
 * @public
 */
export function redactCredentials(
  text: string,
  secrets: ReadonlyArray<string | undefined> = [],
): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4)
      out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(
      /\b(token|access_token|id_token|password|passwd|secret|client-key-data|client_secret)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
      '$1$2[redacted]',
    )
    .replace(
      /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
      '[redacted]',
    )
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
}

/**
 * The API server URL as it may be shown: without user info, query or fragment.
 * @public
 */
export function displayServer(server: string | undefined): string | undefined {
  if (!server) return undefined;
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return redactCredentials(server);
  }
}

/**
 * A whole cluster could not be collected. `cluster` is its name; `cause` says why in
 * a few words (also the end of the one-line message). Never holds a credential.
 * @public
 */
export class ClusterCollectionError extends Error {
  readonly name: string = 'ClusterCollectionError';
  /** Name of the cluster (the kubeconfig context or the Backstage cluster name). */
  readonly cluster: string;
  /** Why, in a few words, e.g. `connection refused (ECONNREFUSED)`. */
  readonly cause: string;
  /** Underlying code when there is one: an errno/TLS code or an HTTP status. */
  readonly code?: string | number;

  constructor(cluster: string, cause: string, code?: string | number) {
    const safeCause = redactCredentials(cause);
    super(`cluster '${cluster}': ${safeCause}`);
    this.cluster = cluster;
    this.cause = safeCause;
    this.code = code;
  }
}

/**
 * The API server cannot be reached: connection refused, unknown host, network
 * unreachable, connection reset, or it answered `GET /version` with an error after
 * retries.
 * @public
 */
export class ClusterUnreachableError extends ClusterCollectionError {
  readonly name = 'ClusterUnreachableError';
}

/**
 * The API server refused the credentials (401), or the Backstage proxy refused the
 * backend's own request.
 * @public
 */
export class ClusterAuthenticationError extends ClusterCollectionError {
  readonly name = 'ClusterAuthenticationError';
}

/**
 * The TLS handshake failed: self-signed or unknown certificate authority, expired
 * certificate, host name mismatch.
 * @public
 */
export class ClusterTlsError extends ClusterCollectionError {
  readonly name = 'ClusterTlsError';
}

/**
 * The API server did not answer `GET /version` within the request timeout.
 * @public
 */
export class ClusterTimeoutError extends ClusterCollectionError {
  readonly name = 'ClusterTimeoutError';
}

/**
 * Reached through the Backstage kubernetes proxy, the cluster's auth provider
 * (`google`, `oidc`, `aks`, …) needs an end user's token, which a backend collecting
 * on its own does not have. Not a failure of the cluster: it can only be collected
 * on behalf of a signed-in user, or with a service-account auth provider.
 * @public
 */
export class ClusterNeedsUserCredentialsError extends ClusterCollectionError {
  readonly name = 'ClusterNeedsUserCredentialsError';
}

/**
 * A kubeconfig could not be read or does not hold what was asked (file missing,
 * context unknown, no server). The message is one line naming the file.
 * @public
 */
export class KubeconfigError extends Error {
  readonly name = 'KubeconfigError';
}

/** Node.js TLS error codes that mean the server's certificate was not trusted. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_CRL',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'EPROTO',
]);

/** The errno/TLS code of an error, or of its cause (fetch wraps the socket error). */
function codeOf(err: unknown): string | undefined {
  const e = err as (NodeJS.ErrnoException & { cause?: unknown }) | undefined;
  if (typeof e?.code === 'string') return e.code;
  const cause = e?.cause as NodeJS.ErrnoException | undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** @internal */
export function isTlsError(err: unknown): boolean {
  const code = codeOf(err);
  if (!code) return false;
  return (
    TLS_CODES.has(code) ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_OSSL_')
  );
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  ECONNABORTED: 'connection aborted',
  UND_ERR_SOCKET: 'connection closed',
};

/** @internal */
export function describeNetworkError(err: unknown): string {
  const e = err as (NodeJS.ErrnoException & { cause?: Error }) | undefined;
  const code = codeOf(err);
  if (code && NETWORK_CAUSES[code]) return `${NETWORK_CAUSES[code]} (${code})`;
  const raw =
    e?.code === undefined && e?.cause?.message ? e.cause.message : e?.message;
  const message = redactCredentials(raw ?? String(err));
  if (isTlsError(err)) {
    return `TLS handshake failed: ${message}${
      code && !message.includes(code) ? ` (${code})` : ''
    }`;
  }
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** @internal */
export function networkErrorCode(err: unknown): string | undefined {
  return codeOf(err);
}
