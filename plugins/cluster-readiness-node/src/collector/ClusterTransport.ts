/**
 * What a transport says about the cluster it reads.
 * @public
 */
export interface ClusterTarget {
  /** Cluster name recorded in the snapshot (kubeconfig context, Backstage cluster). */
  name: string;
  /** API server URL, without credentials. */
  server?: string;
  /** The connection skips TLS verification (recorded for `access.tls-verification`). */
  skipTLSVerify?: boolean;
}

/**
 * Options of one request.
 * @public
 */
export interface ClusterRequestOptions {
  /** Query parameters (e.g. `limit`, `continue`). */
  query?: Record<string, string>;
  /** Aborts the request (per-request timeout and overall deadline). */
  signal: AbortSignal;
  /**
   * `false` sends the request without any credential (the anonymous probe). Only
   * transports with `supportsUnauthenticated` honour it; others reject it.
   */
  authenticated?: boolean;
}

/**
 * The answer to one request, whatever its status. Network failures reject instead.
 * @public
 */
export interface ClusterResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/**
 * The API server's serving certificate, as read from the TLS handshake.
 * @public
 */
export interface ServerCertificate {
  /** ISO 8601. */
  notAfter: string;
  /** e.g. `CN=kube-apiserver`. */
  subject?: string;
  /** e.g. `CN=kubernetes`. */
  issuer?: string;
}

/**
 * How the collector talks to a cluster ("one collector, two transports"): directly
 * with a kubeconfig (`DirectTransport`), or through the Backstage kubernetes proxy
 * (`BackstageProxyTransport`). Only `GET` is ever sent.
 *
 * `get` resolves with any HTTP answer and rejects on network, TLS and abort errors
 * (with the Node.js error `code`). It may reject with a `ClusterCollectionError` when
 * the transport knows that the whole cluster cannot be read (e.g. the proxy says the
 * cluster needs a user's token); the collector then stops and rethrows it.
 * @public
 */
export interface ClusterTransport {
  readonly target: ClusterTarget;
  /** Whether `authenticated: false` is supported (direct connections only). */
  readonly supportsUnauthenticated?: boolean;
  /** `GET path`, e.g. `/api/v1/pods`. */
  get(path: string, options: ClusterRequestOptions): Promise<ClusterResponse>;
  /** The API server's serving certificate (direct connections only). */
  serverCertificate?(): Promise<ServerCertificate | undefined>;
}
