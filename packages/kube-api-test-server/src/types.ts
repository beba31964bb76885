import type { ClusterSnapshot } from '@cluster-readiness/backstage-plugin-common';

/**
 * Lazy items per resource key, so a benchmark can serve 150,000 pods without holding
 * them: `item` is called only for the items of the page being served (and once per
 * item when a namespace or name index is first needed).
 * @public
 */
export interface ResourceSource {
  count(key: string): number;
  item(key: string, index: number): object;
}

/**
 * A fault injected into matching requests.
 *
 * `match` is tested against the request path without the query: a string matches
 * when the path contains it (`'/api/v1/pods'` matches `/api/v1/pods` and
 * `/api/v1/pods/x`; use a RegExp such as `/^\/api$/` for an exact path).
 *
 * Every matching `delay` rule waits before answering; then the first matching rule of
 * another kind decides: `refuse` destroys the socket without an answer, `status`
 * answers that code with a Status body (and `Retry-After` when `retryAfterSeconds`
 * is set), `truncate` sends the headers (with the full Content-Length) and half the
 * real body then destroys the socket, `expire` answers a request that carries a
 * `continue` parameter with `410 Expired`, exactly like an apiserver whose etcd
 * revision was compacted. `times` limits a rule to its first N matching requests.
 * @public
 */
export type FaultRule = {
  match: string | RegExp;
  kind: 'delay' | 'refuse' | 'status' | 'truncate' | 'expire' | 'loop';
  /** `delay`: milliseconds to wait before answering. */
  ms?: number;
  /** `status`: the HTTP status to answer (e.g. 429, 500, 503, 403). */
  status?: number;
  /** `status`: adds a `Retry-After` header (and `details.retryAfterSeconds`). */
  retryAfterSeconds?: number;
  /**
   * `loop`: the continue tokens of a matching list come back every `period` pages
   * (default 1: the same token twice in a row), so the list never ends.
   */
  period?: number;
  /** Apply only to the first N matching requests (default: always). */
  times?: number;
  /** `status`: the Status message (default: what a real apiserver says for that code). */
  message?: string;
};

/**
 * How list items are encoded. `fill` (default): as in the snapshot, with `apiVersion`
 * and `kind` added when missing (what `kubectl get -o json` prints). `keep`: exactly as
 * in the snapshot. `omit`: without `apiVersion` and `kind`, which is what a real
 * apiserver sends for the items of built-in lists.
 * @public
 */
export type ItemTypeMeta = 'fill' | 'keep' | 'omit';

/** @public */
export interface KubeApiTestServerOptions {
  /**
   * Header (serverVersion, apiGroupVersions, serverCertificate...) and resources.
   * Items are served as they are; a resource key whose entry is `{error}` answers
   * that Status (e.g. 403) to its list and get requests.
   */
  snapshot: ClusterSnapshot;
  /** Lazy items overriding `snapshot.resources` for every key where `count(key) > 0`. */
  source?: ResourceSource;
  /** The accepted bearer token (default: random). */
  token?: string;
  /** Status of an unauthenticated `GET /api` (default 401: anonymous auth disabled). */
  anonymous?: 401 | 403 | 200;
  faults?: FaultRule[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** See ItemTypeMeta (default `fill`). */
  itemTypeMeta?: ItemTypeMeta;
  /**
   * Serve aggregated discovery (`apidiscovery.k8s.io/v2`) at `/api` and `/apis` to
   * clients that ask for it, like kube-apiserver 1.30+ (default true). Legacy
   * discovery is always served to clients that ask for plain JSON.
   */
  aggregatedDiscovery?: boolean;
  /**
   * The serving certificate. Defaults: `snapshot.serverCertificate` when its `notAfter`
   * is in the future, else one year from now; subject `CN=kube-apiserver`, issuer (the
   * generated CA) `CN=kubernetes`.
   */
  serverCertificate?: {
    notBefore?: string | Date;
    notAfter?: string | Date;
    subject?: string;
    issuer?: string;
  };
}

/** @public */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** True when the request carried the accepted bearer token. */
  authenticated: boolean;
  /** Status answered; 0 when the socket was refused (`refuse` fault or a closed server). */
  status: number;
  /** The `Accept` header, when sent (e.g. to tell kubectl's Table requests from JSON ones). */
  accept?: string;
  /** The `User-Agent` header, when sent. */
  userAgent?: string;
}

/** @public */
export interface WriteKubeconfigOptions {
  /** Context, cluster and user name (default `kube-api-test-server`). */
  context?: string;
  /** Token to put in the kubeconfig (default: the accepted one; `''` for none). */
  token?: string;
  /** `insecure-skip-tls-verify: true` instead of the CA. */
  insecure?: boolean;
  /** CA to trust instead of the generated one (e.g. another server's, to test TLS failures). */
  caPem?: string;
  /** Default namespace of the context. */
  namespace?: string;
}

/** @public */
export interface KubeApiTestServer {
  /** `https://127.0.0.1:<port>`. */
  url: string;
  /** The CA generated for this run (PEM). */
  caPem: string;
  token: string;
  /** Of the serving certificate, as a TLS client reads it. */
  certificate: { notAfter: string; subject: string; issuer: string };
  /** Every request received, in arrival order (status filled in when answered). */
  requests: RecordedRequest[];
  setFaults(rules: FaultRule[]): void;
  /** Makes every continue token issued so far answer `410 Expired` (like an etcd compaction). */
  expireContinueTokens(): void;
  /** Writes a kubeconfig that kubectl and client libraries accept. */
  writeKubeconfig(path: string, opts?: WriteKubeconfigOptions): void;
  close(): Promise<void>;
}
