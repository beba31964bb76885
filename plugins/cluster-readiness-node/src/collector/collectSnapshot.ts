import { STATUS_CODES } from 'node:http';
import {
  ClusterSnapshot,
  KubeObject,
  RESOURCE_TYPES,
  ResourceError,
  ResourceList,
  ResourceType,
  SNAPSHOT_API_VERSION,
  checkItem,
  describeItemProblem,
  trimObject,
} from '@cluster-readiness/backstage-plugin-common';
import type { ClusterResponse, ClusterTransport } from './ClusterTransport';
import {
  ClusterAuthenticationError,
  ClusterCollectionError,
  ClusterTimeoutError,
  ClusterTlsError,
  ClusterUnreachableError,
  describeNetworkError,
  isTlsError,
  networkErrorCode,
  redactCredentials,
} from './errors';

/**
 * Progress of one resource: after each page (`done: false`) and once at the end.
 * @public
 */
export interface CollectProgressEvent {
  /** Resource key, e.g. `pods`. */
  key: string;
  /** Items read so far. */
  items: number;
  done: boolean;
  /** Set when the resource could not be read (the snapshot holds this error). */
  error?: ResourceError;
}

/**
 * Options of `collectSnapshot`.
 * @public
 */
export interface CollectSnapshotOptions {
  /** Most requests in flight at once (default 4). */
  concurrency?: number;
  /** `limit` of each list page (default 500). */
  pageSize?: number;
  /** Time for one request, in ms (default 15,000). */
  requestTimeoutMs?: number;
  /**
   * Time for the whole collection, in ms (default 120,000). Lists not read by then
   * are recorded as errors (504 Timeout).
   */
  deadlineMs?: number;
  /** Retries of a request answered 429 or 5xx or whose connection was reset (default 3). */
  retries?: number;
  /** First backoff delay, in ms, doubled at each retry, with jitter (default 250). */
  backoffMs?: number;
  /** Keep only the fields the checks read (`trimObject`); default true. */
  trim?: boolean;
  /** Called after each page of each resource, and when a resource is done. */
  onProgress?: (event: CollectProgressEvent) => void;
  /** The snapshot's reference time; default `new Date()`, the only wall-clock read. */
  collectedAt?: () => Date;
  /** Recorded as `cluster.controlPlane`. */
  controlPlane?: 'managed' | 'self-hosted';
  /** What to read; default `RESOURCE_TYPES` (every resource the checks read). */
  resourceTypes?: readonly ResourceType[];
  /** Cancels the collection; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Detects a continue token that comes back (the same one twice, or a cycle) in O(1)
 * memory, whatever the number of pages: Brent's algorithm keeps one earlier token and
 * moves it to the current one at each power of two, so a cycle of length λ starting
 * after μ pages is found within about 2·max(μ, λ) + λ pages.
 */
class ContinueLoopDetector {
  #saved: string | undefined;
  #last: string | undefined;
  #power = 1;
  #steps = 0;
  /** Pages seen so far. */
  pages = 0;
  /** The loop found: the same token twice in a row, or a longer cycle. */
  kind: 'twice in a row' | 'a cycle' = 'a cycle';

  /** Whether `token` closes a loop. */
  repeats(token: string): boolean {
    this.pages++;
    if (token === this.#last) {
      this.kind = 'twice in a row';
      return true;
    }
    this.#last = token;
    if (token === this.#saved) return true;
    if (++this.#steps === this.#power) {
      this.#saved = token;
      this.#power *= 2;
      this.#steps = 0;
    }
    return false;
  }
}

/** Why a request produced no answer. */
class RequestFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'deadline' | 'network' | 'tls',
    readonly error: unknown,
    readonly attempts: number,
  ) {
    super(kind);
  }
}

class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  constructor(size: number) {
    this.#free = size;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>(resolve => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const RETRY_AFTER_CAP_MS = 60_000;
const BACKOFF_CAP_MS = 10_000;

function groupVersion(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

function listPath(type: ResourceType, name?: string): string {
  const prefix = type.group
    ? `/apis/${type.group}/${type.version}`
    : `/api/${type.version}`;
  const ns =
    type.namespaced && type.namespace
      ? `/namespaces/${encodeURIComponent(type.namespace)}`
      : '';
  const object = name ? `/${encodeURIComponent(name)}` : '';
  return `${prefix}${ns}/${type.plural}${object}`;
}

function parseJson(body: Buffer): any {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** The `{ code, reason, message }` of a non-2xx answer, from its Status body when any. */
function statusError(response: ClusterResponse, path: string): ResourceError {
  const body = parseJson(response.body);
  const status = body?.kind === 'Status' ? body : undefined;
  const code =
    typeof status?.code === 'number' && Number.isInteger(status.code)
      ? status.code
      : response.status;
  const reason =
    typeof status?.reason === 'string' && status.reason
      ? status.reason
      : (STATUS_CODES[response.status] ?? 'Error').replace(/[^A-Za-z]/g, '');
  const message =
    typeof status?.message === 'string' && status.message
      ? status.message
      : `GET ${path} answered ${response.status} ${
          STATUS_CODES[response.status] ?? ''
        }`.trim();
  return { code, reason, message: redactCredentials(message) };
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

class Collector {
  readonly #transport: ClusterTransport;
  readonly #concurrency: number;
  readonly #pageSize: number;
  readonly #requestTimeoutMs: number;
  readonly #deadlineMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #trim: boolean;
  readonly #options: CollectSnapshotOptions;
  readonly #semaphore: Semaphore;
  /** Aborted at the deadline, on a whole-cluster failure, or by the caller's signal. */
  readonly #stop = new AbortController();
  readonly #deadlineTimer: ReturnType<typeof setTimeout>;
  readonly #onExternalAbort = () => this.#stop.abort();

  constructor(transport: ClusterTransport, options: CollectSnapshotOptions) {
    this.#transport = transport;
    this.#options = options;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.#pageSize = Math.max(1, Math.floor(options.pageSize ?? 500));
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.#deadlineMs = options.deadlineMs ?? 120_000;
    this.#retries = Math.max(0, Math.floor(options.retries ?? 3));
    this.#backoffMs = options.backoffMs ?? 250;
    this.#trim = options.trim ?? true;
    this.#semaphore = new Semaphore(this.#concurrency);
    this.#deadlineTimer = setTimeout(() => {
      this.#stop.abort();
    }, this.#deadlineMs);
    options.signal?.addEventListener('abort', this.#onExternalAbort);
    if (options.signal?.aborted) this.#stop.abort();
  }

  dispose(): void {
    clearTimeout(this.#deadlineTimer);
    this.#options.signal?.removeEventListener('abort', this.#onExternalAbort);
  }

  get #cluster(): string {
    return this.#transport.target.name;
  }

  get #server(): string {
    return this.#transport.target.server ?? 'the API server';
  }

  #checkCancelled(): void {
    if (this.#options.signal?.aborted) throw this.#options.signal.reason;
  }

  async #sleep(ms: number): Promise<boolean> {
    if (this.#stop.signal.aborted) return false;
    return new Promise(resolve => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      timer = setTimeout(() => {
        this.#stop.signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      this.#stop.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #backoff(attempt: number, response?: ClusterResponse): number {
    const retryAfter = response?.headers['retry-after'];
    if (retryAfter !== undefined && /^\s*\d+\s*$/.test(retryAfter)) {
      return Math.min(Number(retryAfter) * 1000, RETRY_AFTER_CAP_MS);
    }
    const base = Math.min(BACKOFF_CAP_MS, this.#backoffMs * 2 ** attempt);
    return base / 2 + Math.random() * (base / 2);
  }

  /**
   * One GET with retries. Resolves with the final answer (which may be an error
   * status); rejects with `RequestFailure` when there is none, or with a
   * `ClusterCollectionError` from the transport.
   */
  async #request(
    path: string,
    query?: Record<string, string>,
    authenticated?: boolean,
  ): Promise<ClusterResponse> {
    for (let attempt = 0; ; attempt++) {
      if (this.#stop.signal.aborted) {
        throw new RequestFailure('deadline', undefined, attempt);
      }
      await this.#semaphore.acquire();
      const timeout = new AbortController();
      const timer = setTimeout(
        () => timeout.abort(new Error('request timeout')),
        this.#requestTimeoutMs,
      );
      let response: ClusterResponse | undefined;
      try {
        response = await this.#transport.get(path, {
          query,
          signal: AbortSignal.any([timeout.signal, this.#stop.signal]),
          ...(authenticated === false ? { authenticated: false } : {}),
        });
      } catch (e) {
        if (e instanceof ClusterCollectionError) throw e;
        if (timeout.signal.aborted)
          throw new RequestFailure('timeout', e, attempt + 1);
        if (this.#stop.signal.aborted)
          throw new RequestFailure('deadline', e, attempt + 1);
        if (isTlsError(e)) throw new RequestFailure('tls', e, attempt + 1);
        const code = networkErrorCode(e);
        if (
          !code ||
          !RETRYABLE_NETWORK_CODES.has(code) ||
          attempt >= this.#retries
        ) {
          throw new RequestFailure('network', e, attempt + 1);
        }
        // A reset connection: retried below.
      } finally {
        clearTimeout(timer);
        this.#semaphore.release();
      }
      if (response) {
        const retryable =
          response.status === 429 ||
          (response.status >= 500 && response.status !== 501);
        if (!retryable || attempt >= this.#retries) return response;
      }
      if (!(await this.#sleep(this.#backoff(attempt, response)))) {
        throw new RequestFailure('deadline', undefined, attempt + 1);
      }
    }
  }

  #failureError(failure: unknown, path: string): ResourceError {
    if (!(failure instanceof RequestFailure)) throw failure;
    switch (failure.kind) {
      case 'timeout':
        return {
          code: 504,
          reason: 'Timeout',
          message: `no answer to GET ${path} within ${seconds(
            this.#requestTimeoutMs,
          )} (request timeout)`,
        };
      case 'deadline':
        return {
          code: 504,
          reason: 'Timeout',
          message: `the collection deadline of ${seconds(
            this.#deadlineMs,
          )} passed before GET ${path} was answered`,
        };
      default:
        return {
          code: 503,
          reason: 'ServiceUnavailable',
          message: `GET ${path}: ${describeNetworkError(failure.error)}${
            failure.attempts > 1 ? ` (${failure.attempts} attempts)` : ''
          }`,
        };
    }
  }

  /** `GET /version`, where every failure is a failure of the whole cluster. */
  async #version(): Promise<ClusterSnapshot['serverVersion']> {
    let response: ClusterResponse;
    try {
      response = await this.#request('/version');
    } catch (e) {
      this.#checkCancelled();
      if (!(e instanceof RequestFailure)) throw e;
      const where = this.#server;
      switch (e.kind) {
        case 'timeout':
          throw new ClusterTimeoutError(
            this.#cluster,
            `${where} did not answer GET /version within ${seconds(
              this.#requestTimeoutMs,
            )}`,
            'Timeout',
          );
        case 'deadline':
          throw new ClusterTimeoutError(
            this.#cluster,
            `${where} did not answer GET /version before the collection deadline of ${seconds(
              this.#deadlineMs,
            )}`,
            'Timeout',
          );
        case 'tls':
          throw new ClusterTlsError(
            this.#cluster,
            `TLS handshake with ${where} failed: ${describeNetworkError(
              e.error,
            ).replace(/^TLS handshake failed: /, '')}`,
            networkErrorCode(e.error),
          );
        default:
          throw new ClusterUnreachableError(
            this.#cluster,
            `cannot reach ${where}: ${describeNetworkError(e.error)}`,
            networkErrorCode(e.error),
          );
      }
    }
    if (response.status === 401) {
      throw new ClusterAuthenticationError(
        this.#cluster,
        `${this.#server} rejected the credentials (401 Unauthorized)`,
        401,
      );
    }
    if (response.status === 403) {
      // Allowed to everyone by default (system:public-info-viewer); a cluster that
      // denies it still lets us try the lists, which say what is missing.
      return undefined;
    }
    if (!isOk(response.status)) {
      const err = statusError(response, '/version');
      throw new ClusterUnreachableError(
        this.#cluster,
        `${this.#server} answered GET /version with ${response.status} ${
          err.reason
        }: ${err.message}`,
        response.status,
      );
    }
    const body = parseJson(response.body);
    if (typeof body?.major !== 'string' || typeof body?.minor !== 'string') {
      throw new ClusterUnreachableError(
        this.#cluster,
        `${
          this.#server
        } does not look like a Kubernetes API server (GET /version is not a version)`,
        'NotKubernetes',
      );
    }
    // The whole version info (gitVersion, platform, emulation version…), as served.
    const version: NonNullable<ClusterSnapshot['serverVersion']> &
      Record<string, unknown> = {
      ...body,
      major: body.major,
      minor: body.minor,
    };
    if (typeof version.gitVersion !== 'string') delete version.gitVersion;
    return version;
  }

  /** Served group/versions, or undefined when discovery could not be read. */
  async #discovery(): Promise<string[] | undefined> {
    try {
      const [core, groups] = await Promise.all([
        this.#request('/api'),
        this.#request('/apis'),
      ]);
      if (!isOk(core.status) || !isOk(groups.status)) return undefined;
      const coreBody = parseJson(core.body);
      const groupsBody = parseJson(groups.body);
      if (
        !Array.isArray(coreBody?.versions) ||
        !Array.isArray(groupsBody?.groups)
      ) {
        return undefined;
      }
      const out: string[] = coreBody.versions.filter(
        (v: unknown) => typeof v === 'string',
      );
      for (const group of groupsBody.groups) {
        for (const v of group?.versions ?? []) {
          if (typeof v?.groupVersion === 'string') out.push(v.groupVersion);
        }
      }
      return out;
    } catch (e) {
      if (e instanceof RequestFailure) return undefined;
      throw e;
    }
  }

  async #anonymousProbe(): Promise<{ status: number } | undefined> {
    if (!this.#transport.supportsUnauthenticated) return undefined;
    try {
      const response = await this.#request('/api', undefined, false);
      return { status: response.status };
    } catch (e) {
      if (e instanceof RequestFailure) return undefined;
      throw e;
    }
  }

  async #certificate(): Promise<ClusterSnapshot['serverCertificate']> {
    if (!this.#transport.serverCertificate) return undefined;
    try {
      return await this.#transport.serverCertificate();
    } catch {
      return undefined;
    }
  }

  /** Whether an optional resource is served, from its group's APIResourceList. */
  async #optionalServed(
    type: ResourceType,
    served?: Set<string>,
  ): Promise<boolean> {
    const gv = groupVersion(type);
    if (served && !served.has(gv)) return false;
    try {
      const response = await this.#request(
        type.group ? `/apis/${gv}` : `/api/${gv}`,
      );
      if (response.status === 404) return false;
      if (!isOk(response.status)) return true; // try the list; it says what is wrong
      const body = parseJson(response.body);
      if (!Array.isArray(body?.resources)) return true;
      return body.resources.some(
        (r: { name?: string }) => r?.name === type.plural,
      );
    } catch (e) {
      if (e instanceof RequestFailure) return true;
      throw e;
    }
  }

  #progress(event: CollectProgressEvent): void {
    try {
      this.#options.onProgress?.(event);
    } catch {
      // A progress display must not stop the collection.
    }
  }

  #prepare(type: ResourceType, item: KubeObject): KubeObject {
    if (!item.apiVersion) item.apiVersion = groupVersion(type);
    if (!item.kind) item.kind = type.kind;
    return this.#trim ? trimObject(type.key, item) : item;
  }

  /** An object whose fields have the wrong JSON types, as the resource's error. */
  #invalid(
    type: ResourceType,
    item: unknown,
    index: number,
  ): ResourceError | undefined {
    const problem = checkItem(type.key, item, `${type.key} item ${index}`);
    return problem
      ? {
          code: 502,
          reason: 'InvalidResponse',
          message: `the API server sent an unusable object: ${describeItemProblem(
            problem,
          )}`,
        }
      : undefined;
  }

  /** Reads one resource; undefined when an optional resource is not served. */
  async #collect(
    type: ResourceType,
    served?: Set<string>,
  ): Promise<ResourceList | undefined> {
    const gv = groupVersion(type);
    if (type.optional) {
      if (!(await this.#optionalServed(type, served))) return undefined;
    } else if (served && !served.has(gv)) {
      return {
        error: {
          code: 404,
          reason: 'NotFound',
          message: `the API server does not serve ${gv} (discovery), so ${type.key} cannot be listed`,
        },
      };
    }
    const path = listPath(type);
    try {
      if (type.names) {
        const items: KubeObject[] = [];
        for (const name of type.names) {
          const objectPath = listPath(type, name);
          const response = await this.#request(objectPath);
          if (response.status === 404) continue;
          if (!isOk(response.status))
            return { error: statusError(response, objectPath) };
          const body = parseJson(response.body);
          if (!body || typeof body !== 'object') {
            return {
              error: {
                code: 502,
                reason: 'InvalidResponse',
                message: `GET ${objectPath}: the answer is not JSON`,
              },
            };
          }
          const invalid = this.#invalid(type, body, items.length);
          if (invalid) return { error: invalid };
          items.push(this.#prepare(type, body));
        }
        return { items };
      }
      for (let restart = 0; ; restart++) {
        const items: KubeObject[] = [];
        let cont: string | undefined;
        let expired = false;
        const loop = new ContinueLoopDetector();
        do {
          const query: Record<string, string> = {
            limit: String(this.#pageSize),
          };
          if (cont) query.continue = cont;
          const response = await this.#request(path, query);
          if (response.status === 410 && restart === 0) {
            expired = true;
            break;
          }
          if (response.status === 404 && type.optional) return undefined;
          if (!isOk(response.status))
            return { error: statusError(response, path) };
          const body = parseJson(response.body);
          if (!body || !Array.isArray(body.items)) {
            return {
              error: {
                code: 502,
                reason: 'InvalidResponse',
                message: `GET ${path}: the answer is not a list`,
              },
            };
          }
          for (const item of body.items) {
            if (!item || typeof item !== 'object') continue;
            const invalid = this.#invalid(type, item, items.length);
            if (invalid) return { error: invalid };
            items.push(this.#prepare(type, item));
          }
          const next = body.metadata?.continue;
          cont = typeof next === 'string' && next ? next : undefined;
          if (cont && loop.repeats(cont)) {
            return {
              error: {
                code: 502,
                reason: 'InvalidResponse',
                message: `GET ${path}: the API server repeated a continue token (${loop.kind}, after ${loop.pages} pages), so the list would never end; it was abandoned`,
              },
            };
          }
          if (cont)
            this.#progress({ key: type.key, items: items.length, done: false });
        } while (cont);
        if (!expired) return { items };
      }
    } catch (e) {
      return { error: this.#failureError(e, path) };
    }
  }

  async run(): Promise<ClusterSnapshot> {
    const collectedAt = (this.#options.collectedAt ?? (() => new Date()))();
    this.#checkCancelled();
    const target = this.#transport.target;
    const serverVersion = await this.#version();
    const [apiGroupVersions, serverCertificate, anonymousProbe] =
      await Promise.all([
        this.#discovery(),
        this.#certificate(),
        this.#anonymousProbe(),
      ]);
    this.#checkCancelled();
    const served = apiGroupVersions ? new Set(apiGroupVersions) : undefined;
    const types = this.#options.resourceTypes ?? RESOURCE_TYPES;
    const results = new Map<string, ResourceList>();

    // A small pool: at most `concurrency` lists at once (the semaphore also bounds
    // the requests of discovery and retries).
    let next = 0;
    let fatal: unknown;
    const worker = async () => {
      while (next < types.length && fatal === undefined) {
        const type = types[next++];
        try {
          const result = await this.#collect(type, served);
          if (result) {
            results.set(type.key, result);
            this.#progress({
              key: type.key,
              items: result.items?.length ?? 0,
              done: true,
              ...(result.error ? { error: result.error } : {}),
            });
          }
        } catch (e) {
          fatal ??= e;
          this.#stop.abort();
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.#concurrency, types.length) }, worker),
    );
    if (fatal !== undefined) {
      this.#checkCancelled();
      throw fatal;
    }
    this.#checkCancelled();

    const resources: Record<string, ResourceList> = {};
    for (const type of types) {
      const result = results.get(type.key);
      if (result) resources[type.key] = result;
    }
    const cluster: ClusterSnapshot['cluster'] = { name: target.name };
    if (target.server !== undefined) cluster.server = target.server;
    if (target.skipTLSVerify !== undefined)
      cluster.skipTLSVerify = target.skipTLSVerify;
    if (this.#options.controlPlane)
      cluster.controlPlane = this.#options.controlPlane;
    const snapshot: ClusterSnapshot = {
      apiVersion: SNAPSHOT_API_VERSION,
      kind: 'ClusterSnapshot',
      collectedAt: collectedAt.toISOString().replace(/\.000Z$/, 'Z'),
      cluster,
      resources,
    };
    if (serverVersion) snapshot.serverVersion = serverVersion;
    if (serverCertificate) snapshot.serverCertificate = serverCertificate;
    if (anonymousProbe) snapshot.anonymousProbe = anonymousProbe;
    if (apiGroupVersions) snapshot.apiGroupVersions = apiGroupVersions;
    // Keep the header first, resources last, whatever the order above.
    return { ...snapshot, resources };
  }
}

/**
 * Reads every resource the checks need from a live cluster into a ClusterSnapshot:
 * `GET /version`, discovery (`/api`, `/apis`, and the resource list of a group only
 * to know whether an optional custom resource exists), then each list, page by page
 * (`limit`/`continue`), at most `concurrency` requests at once.
 *
 * - A resource that cannot be read (403, 404, 5xx after retries, timeout) becomes an
 *   `{ error: { code, reason, message } }` entry; the rest goes on. A timeout is
 *   recorded as code 504, reason `Timeout`; a connection that keeps failing as 503
 *   `ServiceUnavailable`; an answer that is not JSON as 502 `InvalidResponse`.
 * - An optional custom resource (Karpenter, Velero) that the cluster does not serve is
 *   left out; a missing non-optional one is a 404 entry.
 * - A list whose `continue` token expired (410) is restarted once from the start; one
 *   whose token comes back (twice in a row, or a cycle) is abandoned as a 502 error
 *   naming the cause, detected in constant memory.
 * - An object with wrong field types (`checkItem`) makes its resource a 502 error
 *   naming the object and field.
 * - 429 and 5xx answers and reset connections are retried with exponential backoff
 *   and jitter, honouring `Retry-After` (seconds).
 * - When `GET /version` fails the whole collection fails with one typed error:
 *   `ClusterUnreachableError`, `ClusterAuthenticationError` (401), `ClusterTlsError`
 *   or `ClusterTimeoutError`; its message names the cluster and the cause in one
 *   line, never a credential.
 *
 * Items get the `apiVersion` and `kind` that lists leave out, and are trimmed a page
 * at a time (unless `trim: false`), so a raw list is never held whole.
 * @public
 */
export async function collectSnapshot(
  transport: ClusterTransport,
  options: CollectSnapshotOptions = {},
): Promise<ClusterSnapshot> {
  const collector = new Collector(transport, options);
  try {
    return await collector.run();
  } finally {
    collector.dispose();
  }
}
