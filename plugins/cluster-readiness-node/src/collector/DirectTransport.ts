import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import type { KubeConfig } from '@kubernetes/client-node';
import type {
  ClusterRequestOptions,
  ClusterResponse,
  ClusterTarget,
  ClusterTransport,
  ServerCertificate,
} from './ClusterTransport';
import { displayServer, KubeconfigError, redactCredentials } from './errors';

/**
 * Connection settings of a `DirectTransport`.
 * @public
 */
export interface DirectTransportOptions {
  /** Cluster name recorded in the snapshot. */
  name: string;
  /** API server URL, e.g. `https://10.0.0.1:6443` (a path prefix is kept). */
  server: string;
  /** Certificate authorities to trust (PEM); default: the system's. */
  ca?: string | Buffer;
  /** Client certificate and key (PEM). */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Do not verify the server's certificate (`insecure-skip-tls-verify`). */
  skipTLSVerify?: boolean;
  /** Server name for SNI and verification (`tls-server-name`). */
  tlsServerName?: string;
  /** A bearer token. */
  token?: string;
  /**
   * Credentials computed per request (exec plugins and auth providers refresh their
   * tokens); merged over `token`.
   */
  headers?: () => Promise<Record<string, string>>;
  /** Most connections open at once (default 4: the collector's concurrency). */
  maxSockets?: number;
}

/**
 * Options of `DirectTransport.fromKubeconfig`.
 * @public
 */
export interface FromKubeconfigOptions {
  /** Default: the first path of `KUBECONFIG`, else `~/.kube/config`. */
  kubeconfigPath?: string;
  /** Default: the kubeconfig's current context. */
  context?: string;
  /** Cluster name recorded in the snapshot; default: the kubeconfig cluster's name. */
  name?: string;
  /** Most connections open at once (default 4). */
  maxSockets?: number;
}

/** The kubeconfig file `fromKubeconfig` reads when given no path. @public */
export function defaultKubeconfigPath(
  env: NodeJS.ProcessEnv = process.env,
): string {
  const first = (env.KUBECONFIG ?? '').split(delimiter).find(p => p.trim());
  return first ?? join(homedir(), '.kube', 'config');
}

function formatName(name: unknown): string | undefined {
  if (!name || typeof name !== 'object') return undefined;
  const parts = Object.entries(name as Record<string, string | string[]>).map(
    ([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`,
  );
  return parts.length ? parts.join(', ') : undefined;
}

/** @internal */
export function toServerCertificate(
  cert: PeerCertificate | undefined,
): ServerCertificate | undefined {
  if (!cert || !cert.valid_to) return undefined;
  const validTo =
    (cert as PeerCertificate & { validToDate?: Date }).validToDate ??
    new Date(cert.valid_to);
  if (Number.isNaN(validTo.getTime())) return undefined;
  return {
    notAfter: validTo.toISOString().replace(/\.000Z$/, 'Z'),
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
  };
}

type KubeConfigModule = typeof import('@kubernetes/client-node');

function loadClientNode(): KubeConfigModule {
  // Loaded on first use: it is large, and reading snapshot files does not need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@kubernetes/client-node');
}

/**
 * Reads a cluster directly with node `https` and the credentials of a kubeconfig or
 * of explicit options: a keep-alive agent with at most `maxSockets` connections,
 * requests aborted by the caller's signal. Only `GET` is sent.
 *
 * Call `close()` when done so that idle connections do not keep the process alive.
 * @public
 */
export class DirectTransport implements ClusterTransport {
  readonly target: ClusterTarget;
  readonly supportsUnauthenticated = true;
  readonly #base: URL;
  readonly #agent: http.Agent;
  readonly #anonymousAgent: http.Agent;
  readonly #options: DirectTransportOptions;
  readonly #tlsOptions: tls.ConnectionOptions;
  #certificate: ServerCertificate | undefined;

  /**
   * Reads a kubeconfig with `@kubernetes/client-node`'s `KubeConfig`: tokens, token
   * files, client certificates and keys (data or files), CA (data or file),
   * `insecure-skip-tls-verify`, `tls-server-name`, exec plugins and auth providers.
   * Throws `KubeconfigError` (one line naming the file) when it cannot.
   */
  static async fromKubeconfig(
    options: FromKubeconfigOptions = {},
  ): Promise<DirectTransport> {
    const file = options.kubeconfigPath ?? defaultKubeconfigPath();
    if (!existsSync(file)) {
      throw new KubeconfigError(`kubeconfig ${file}: no such file`);
    }
    const { KubeConfig: KubeConfigClass } = loadClientNode();
    const kc: KubeConfig = new KubeConfigClass();
    try {
      // Like kubectl, an invalid entry elsewhere in the file does not stop the
      // context in use from working.
      kc.loadFromFile(file, { onInvalidEntry: 'filter' });
    } catch (e) {
      const message = redactCredentials(
        String((e as Error).message ?? e).split('\n')[0],
      );
      throw new KubeconfigError(`kubeconfig ${file}: ${message}`);
    }
    if (options.context) {
      if (!kc.getContextObject(options.context)) {
        const known = kc.getContexts().map(c => c.name);
        throw new KubeconfigError(
          `kubeconfig ${file}: no context '${options.context}'${
            known.length ? ` (contexts: ${known.join(', ')})` : ''
          }`,
        );
      }
      kc.setCurrentContext(options.context);
    }
    const contextName = kc.getCurrentContext();
    if (!contextName || !kc.getContextObject(contextName)) {
      throw new KubeconfigError(
        `kubeconfig ${file}: no current context; pass --context`,
      );
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster || !cluster.server) {
      throw new KubeconfigError(
        `kubeconfig ${file}: context '${contextName}' has no cluster with a server`,
      );
    }
    const user = kc.getCurrentUser();

    const resolve = async () => {
      const opts: https.RequestOptions = { headers: {} };
      await kc.applyToHTTPSOptions(opts);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(opts.headers ?? {})) {
        if (typeof v === 'string' || typeof v === 'number')
          headers[k] = String(v);
      }
      if (opts.auth && !headers.Authorization) {
        headers.Authorization = `Basic ${Buffer.from(opts.auth).toString(
          'base64',
        )}`;
      }
      return { opts, headers };
    };
    let first: Awaited<ReturnType<typeof resolve>>;
    try {
      first = await resolve();
    } catch (e) {
      const message = redactCredentials(
        String((e as Error).message ?? e).split('\n')[0],
      );
      throw new KubeconfigError(
        `kubeconfig ${file}: context '${contextName}': cannot get credentials: ${message}`,
      );
    }
    // Exec plugins and auth providers hand out tokens that expire: ask again per
    // request (they cache until expiry). Static credentials are computed once.
    const refresh = !!(user?.exec || user?.authProvider);
    const headers = refresh
      ? async () => (await resolve()).headers
      : async () => first.headers;
    const { opts } = first;
    return new DirectTransport({
      name: options.name ?? cluster.name ?? contextName,
      server: cluster.server,
      ca: opts.ca as Buffer | undefined,
      cert: opts.cert as Buffer | undefined,
      key: opts.key as Buffer | undefined,
      skipTLSVerify: !!cluster.skipTLSVerify,
      tlsServerName: cluster.tlsServerName,
      headers,
      maxSockets: options.maxSockets,
    });
  }

  constructor(options: DirectTransportOptions) {
    this.#options = options;
    let base: URL;
    try {
      base = new URL(options.server);
    } catch {
      throw new KubeconfigError(
        `cluster '${options.name}': server is not a URL: ${redactCredentials(
          options.server,
        )}`,
      );
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new KubeconfigError(
        `cluster '${options.name}': server must be https:// (got ${base.protocol})`,
      );
    }
    this.#base = base;
    this.target = {
      name: options.name,
      server: displayServer(options.server),
      skipTLSVerify: !!options.skipTLSVerify,
    };
    this.#tlsOptions = {
      ca: options.ca,
      rejectUnauthorized: !options.skipTLSVerify,
      servername: options.tlsServerName,
    };
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? 4,
    };
    const makeAgent = (tlsOptions: https.AgentOptions): http.Agent =>
      base.protocol === 'https:'
        ? new https.Agent({ ...agentOptions, ...tlsOptions })
        : new http.Agent(agentOptions);
    this.#agent = makeAgent({
      ...this.#tlsOptions,
      cert: options.cert,
      key: options.key,
    });
    // The anonymous probe must not present the client certificate either.
    this.#anonymousAgent = makeAgent({ ...this.#tlsOptions, maxSockets: 1 });
  }

  async get(
    path: string,
    options: ClusterRequestOptions,
  ): Promise<ClusterResponse> {
    const url = new URL(this.#base.toString());
    url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
    for (const [k, v] of Object.entries(options.query ?? {})) {
      url.searchParams.set(k, v);
    }
    const anonymous = options.authenticated === false;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (!anonymous) {
      if (this.#options.token) {
        headers.Authorization = `Bearer ${this.#options.token}`;
      }
      Object.assign(headers, (await this.#options.headers?.()) ?? {});
    }
    options.signal.throwIfAborted();
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<ClusterResponse>((resolvePromise, reject) => {
      const req = request(
        url,
        {
          method: 'GET',
          agent: anonymous ? this.#anonymousAgent : this.#agent,
          headers,
          signal: options.signal,
        },
        res => {
          const socket = res.socket as TLSSocket | null;
          if (
            !this.#certificate &&
            typeof socket?.getPeerCertificate === 'function'
          ) {
            this.#certificate = toServerCertificate(
              socket.getPeerCertificate(),
            );
          }
          const chunks: Buffer[] = [];
          let ended = false;
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            ended = true;
            if (!res.complete) {
              reject(truncated());
              return;
            }
            const out: Record<string, string | undefined> = {};
            for (const [k, v] of Object.entries(res.headers)) {
              out[k] = Array.isArray(v) ? v.join(', ') : v;
            }
            resolvePromise({
              status: res.statusCode ?? 0,
              headers: out,
              body: Buffer.concat(chunks),
            });
          });
          res.on('error', err => reject(err));
          res.on('close', () => {
            if (!ended) reject(truncated());
          });
        },
      );
      req.on('error', err => reject(err));
      req.end();
    });
  }

  /**
   * The serving certificate seen on the first connection, or read with a handshake
   * of its own when no request was sent yet.
   */
  async serverCertificate(): Promise<ServerCertificate | undefined> {
    if (this.#certificate || this.#base.protocol !== 'https:') {
      return this.#certificate;
    }
    return new Promise(resolvePromise => {
      const socket = tls.connect({
        host: this.#base.hostname.replace(/^\[|\]$/g, ''),
        port: Number(this.#base.port || 443),
        servername: this.#options.tlsServerName ?? this.#base.hostname,
        ...this.#tlsOptions,
        cert: this.#options.cert,
        key: this.#options.key,
        timeout: 10_000,
      });
      const done = (cert?: ServerCertificate) => {
        socket.destroy();
        resolvePromise(cert);
      };
      socket.once('secureConnect', () => {
        this.#certificate = toServerCertificate(socket.getPeerCertificate());
        done(this.#certificate);
      });
      socket.once('error', () => done(undefined));
      socket.once('timeout', () => done(undefined));
    });
  }

  /** Closes idle connections. */
  close(): void {
    this.#agent.destroy();
    this.#anonymousAgent.destroy();
  }
}

function truncated(): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(
    'connection closed before the whole answer arrived',
  );
  err.code = 'ECONNRESET';
  return err;
}
