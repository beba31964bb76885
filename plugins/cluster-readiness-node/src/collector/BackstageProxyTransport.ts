import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import type {
  ClusterRequestOptions,
  ClusterResponse,
  ClusterTarget,
  ClusterTransport,
} from './ClusterTransport';
import {
  ClusterAuthenticationError,
  ClusterCollectionError,
  ClusterNeedsUserCredentialsError,
  ClusterTlsError,
  ClusterUnreachableError,
  displayServer,
  redactCredentials,
} from './errors';

/**
 * Header the Backstage kubernetes proxy selects the cluster with: the value of
 * `HEADER_KUBERNETES_CLUSTER` of `@backstage/plugin-kubernetes-backend`, which
 * `@backstage/plugin-kubernetes-common` does not export (the backend plugin's tests
 * check that the two agree).
 * @public
 */
export const BACKSTAGE_KUBERNETES_CLUSTER_HEADER =
  'Backstage-Kubernetes-Cluster';

/**
 * Auth providers of the Backstage kubernetes backend whose credential is the end
 * user's own token, sent by the frontend in `Backstage-Kubernetes-Authorization-*`
 * headers. A backend collecting on its own cannot use such clusters.
 * @public
 */
export const USER_CREDENTIAL_AUTH_PROVIDERS: readonly string[] = [
  'google',
  'oidc',
  'aks',
];

/**
 * Options of `BackstageProxyTransport`.
 * @public
 */
export interface BackstageProxyTransportOptions {
  /** Name of the cluster in the kubernetes plugin's configuration. */
  clusterName: string;
  discovery: DiscoveryService;
  auth: AuthService;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * The cluster's `authProvider` when known (from the kubernetes plugin's cluster
   * list): with `google`, `oidc` or `aks` a 401 means the cluster needs a user's token.
   */
  authProvider?: string;
  /** Recorded in the snapshot when known. */
  server?: string;
  /** Recorded in the snapshot when known (`access.tls-verification`). */
  skipTLSVerify?: boolean;
}

/**
 * What the Backstage kubernetes proxy answered, to classify.
 * @public
 */
export interface ProxyAnswer {
  clusterName: string;
  status: number;
  body: Buffer | string;
  authProvider?: string;
}

const USER_TOKEN_MESSAGES = [
  /token not found under/i,
  /requires a configured oidcTokenProvider/i,
  /Must specify a token provider/i,
];

function parseJson(body: Buffer | string): any {
  try {
    return JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function needsUserToken(clusterName: string, authProvider?: string) {
  return new ClusterNeedsUserCredentialsError(
    clusterName,
    `its auth provider${
      authProvider ? ` '${authProvider}'` : ''
    } needs a signed-in user's token (Backstage-Kubernetes-Authorization), which a backend collecting on its own does not have; collect it on behalf of a user, or configure it with a service-account auth provider`,
    'NeedsUserCredentials',
  );
}

/**
 * Tells, from an answer of the Backstage kubernetes proxy, whether the whole cluster
 * cannot be read through it, and why:
 *
 * - the cluster's auth provider needs an end user's token (the proxy fails with
 *   `Google token not found under auth.google in request body`,
 *   `Auth token not found under oidc.<provider> in request body`; or, for `aks`,
 *   the API server answers 401 to the anonymous request):
 *   `ClusterNeedsUserCredentialsError`;
 * - the proxy does not know the cluster (404 `Cluster 'x' not found`):
 *   `ClusterUnreachableError`;
 * - the proxy refused the backend itself (its own 401, or 403 for the
 *   `kubernetes.proxy` permission): `ClusterAuthenticationError`;
 * - the proxy could not reach the API server
 *   (500 `Cluster 'x' request error; caused by …`): `ClusterTlsError` or
 *   `ClusterUnreachableError`.
 *
 * Answers of the API server itself (a Kubernetes `Status`) and everything else give
 * `undefined`: the collector handles them like any answer.
 * @public
 */
export function classifyProxyError(
  answer: ProxyAnswer,
): ClusterCollectionError | undefined {
  const { clusterName, status, authProvider } = answer;
  if (status < 400) return undefined;
  const body = parseJson(answer.body);
  const isKubernetesStatus = body?.kind === 'Status';
  const backstageError =
    !isKubernetesStatus && body && typeof body.error === 'object' && body.error
      ? (body.error as { name?: string; message?: string })
      : undefined;

  if (backstageError) {
    const message = redactCredentials(String(backstageError.message ?? ''));
    if (USER_TOKEN_MESSAGES.some(re => re.test(message))) {
      return needsUserToken(clusterName, authProvider);
    }
    if (
      status === 404 &&
      /Cluster '.*' not found|No Clusters configured/i.test(message)
    ) {
      return new ClusterUnreachableError(
        clusterName,
        'not configured in the Backstage kubernetes plugin (kubernetes.clusterLocatorMethods)',
        404,
      );
    }
    if (status === 401) {
      return new ClusterAuthenticationError(
        clusterName,
        `the Backstage kubernetes proxy rejected the backend's service token (401 ${
          message || 'Unauthorized'
        })`,
        401,
      );
    }
    if (status === 403 && backstageError.name === 'NotAllowedError') {
      return new ClusterAuthenticationError(
        clusterName,
        `the Backstage kubernetes proxy denied the permission ${kubernetesProxyPermission.name} (403)`,
        403,
      );
    }
    if (/request error/i.test(message)) {
      const cause = message.replace(/^.*?caused by\s*/i, '');
      if (
        /certificate|self[- ]signed|\bSSL\b|\bTLS\b|CERT_|unable to verify/i.test(
          cause,
        )
      ) {
        return new ClusterTlsError(
          clusterName,
          `the Backstage kubernetes proxy failed the TLS handshake with the API server: ${cause}`,
          status,
        );
      }
      return new ClusterUnreachableError(
        clusterName,
        `the Backstage kubernetes proxy cannot reach the API server: ${cause}`,
        status,
      );
    }
    return undefined;
  }

  if (
    status === 401 &&
    authProvider &&
    USER_CREDENTIAL_AUTH_PROVIDERS.includes(authProvider)
  ) {
    return needsUserToken(clusterName, authProvider);
  }
  return undefined;
}

/**
 * Reads a cluster through the Backstage kubernetes backend's proxy
 * (`<kubernetes base URL>/proxy/<path>`), with the backend's own service token and
 * the `Backstage-Kubernetes-Cluster` header, so a cluster is configured once, in
 * `kubernetes.clusterLocatorMethods`. Only `GET` is sent. Unauthenticated requests
 * and the server certificate are not available through the proxy.
 *
 * Answers that mean the whole cluster cannot be read through the proxy reject with
 * the error of `classifyProxyError` (e.g. `ClusterNeedsUserCredentialsError`).
 * @public
 */
export class BackstageProxyTransport implements ClusterTransport {
  readonly target: ClusterTarget;
  readonly supportsUnauthenticated = false;
  readonly #options: BackstageProxyTransportOptions;
  readonly #fetch: typeof fetch;

  constructor(options: BackstageProxyTransportOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
    this.target = {
      name: options.clusterName,
      server: displayServer(options.server),
      skipTLSVerify: options.skipTLSVerify,
    };
  }

  async get(
    path: string,
    options: ClusterRequestOptions,
  ): Promise<ClusterResponse> {
    if (options.authenticated === false) {
      throw new Error(
        'unauthenticated requests are not supported through the Backstage kubernetes proxy',
      );
    }
    const { discovery, auth, clusterName } = this.#options;
    const base = await discovery.getBaseUrl('kubernetes');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    const query = new URLSearchParams(options.query ?? {}).toString();
    const response = await this.#fetch(
      `${base}/proxy${path}${query ? `?${query}` : ''}`,
      {
        method: 'GET',
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
          [BACKSTAGE_KUBERNETES_CLUSTER_HEADER]: clusterName,
        },
        signal: options.signal,
      },
    );
    const body = Buffer.from(await response.arrayBuffer());
    const failure = classifyProxyError({
      clusterName,
      status: response.status,
      body,
      authProvider: this.#options.authProvider,
    });
    if (failure) throw failure;
    const headers: Record<string, string | undefined> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return { status: response.status, headers, body };
  }
}
