import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  RESOURCE_TYPES,
  type ClusterSnapshot,
  type KubeObject,
  type ResourceError,
} from '@cluster-readiness/backstage-plugin-common';
import {
  apiResource,
  apiResourceDiscovery,
  compareGroups,
  groupVersionOf,
  SECRETS_TYPE,
  EMPTY_CORE_TYPES,
  toServedType,
  type ServedType,
} from './discovery';
import { renderKubeconfig, writeKubeconfigFile } from './kubeconfig';
import { SelectorError } from './selectors';
import {
  defaultMessageForCode,
  qualifiedResource,
  reasonForCode,
  statusBody,
  type StatusDetails,
} from './status';
import { ServedResource, type ItemStore, type View } from './store';
import { columnsFor, tableRow, type IncludeObject } from './table';
import { generateTls } from './tls';
import type {
  FaultRule,
  ItemTypeMeta,
  KubeApiTestServer,
  KubeApiTestServerOptions,
  RecordedRequest,
  WriteKubeconfigOptions,
} from './types';

/** What a handler answers: a status, and a body given whole or as chunks. */
interface Reply {
  status: number;
  body: string | (() => Iterable<string>);
  contentType?: string;
  headers?: Record<string, string>;
}

interface MediaType {
  type: string;
  params: Record<string, string>;
}

type Target =
  | { kind: 'root' | 'version' | 'health' | 'api' | 'apis' | 'notFound' }
  | { kind: 'group'; group: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | {
      kind: 'resource';
      resource: ServedResource;
      namespace?: string;
      name?: string;
    };

const JSON_TYPE = 'application/json';
const CONTINUE_VERSION = 'meta.k8s.io/v1';

/** Messages of k8s.io/apiserver/pkg/storage/etcd3 for a compacted continue token. */
const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';
const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const UNAUTHORIZED = JSON.stringify(statusBody(401, 'Unauthorized'));

const EMPTY_STORE: ItemStore = {
  count: 0,
  get: () => {
    throw new Error('no items');
  },
};

function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header
    .split(',')
    .map(part => {
      const [type, ...params] = part.split(';').map(s => s.trim());
      return {
        type: type.toLowerCase(),
        params: Object.fromEntries(
          params
            .map(p => p.split('=').map(s => s.trim()))
            .filter(kv => kv.length === 2) as Array<[string, string]>,
        ),
      };
    })
    .filter(m => m.type);
}

const isJsonLike = (m: MediaType) =>
  m.type === JSON_TYPE || m.type === '*/*' || m.type === 'application/*';

function matchesRule(rule: FaultRule, path: string): boolean {
  if (typeof rule.match === 'string') return path.includes(rule.match);
  rule.match.lastIndex = 0;
  return rule.match.test(path);
}

function json(status: number, body: unknown, contentType = JSON_TYPE): Reply {
  return { status, body: JSON.stringify(body), contentType };
}

function statusReply(
  code: number,
  message: string,
  options: Parameters<typeof statusBody>[2] = {},
): Reply {
  return json(code, statusBody(code, message, options));
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(
    JSON.stringify({ v: CONTINUE_VERSION, rv, start }),
  ).toString('base64url');
}

function decodeContinue(token: string): { rv: number; start: string } {
  let parsed: any;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (e) {
    throw new SelectorError(
      `continue key is not valid: ${(e as Error).message}`,
    );
  }
  if (parsed?.v !== CONTINUE_VERSION) {
    throw new SelectorError(
      'continue key is not valid: server does not recognize this encoded version',
    );
  }
  if (typeof parsed.rv !== 'number' || parsed.rv === 0) {
    throw new SelectorError(
      `continue key is not valid: incorrect encoded start resourceVersion (version ${CONTINUE_VERSION})`,
    );
  }
  if (typeof parsed.start !== 'string' || !parsed.start) {
    throw new SelectorError(
      `continue key is not valid: encoded start key empty (version ${CONTINUE_VERSION})`,
    );
  }
  return { rv: parsed.rv, start: parsed.start };
}

function versionInfo(snapshot: ClusterSnapshot): Record<string, unknown> {
  const sv: Record<string, unknown> = (snapshot.serverVersion as any) ?? {
    major: '1',
    minor: '34',
    gitVersion: 'v1.34.2',
  };
  const minor = parseInt(String(sv.minor), 10) || 0;
  return {
    major: sv.major,
    minor: sv.minor,
    gitVersion: `v${sv.major}.${minor}.0`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
    ...sv,
  };
}

function asDate(value: string | Date | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Starts an HTTPS server that answers like a kube-apiserver serving the snapshot.
 * TEST SUPPORT ONLY.
 * @public
 */
export async function startKubeApiTestServer(
  options: KubeApiTestServerOptions,
): Promise<KubeApiTestServer> {
  const snapshot = options.snapshot;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const anonymous = options.anonymous ?? 401;
  const itemTypeMeta: ItemTypeMeta = options.itemTypeMeta ?? 'fill';
  const aggregatedDiscovery = options.aggregatedDiscovery ?? true;

  // ---- the serving certificate
  const snapCert = snapshot.serverCertificate;
  const snapNotAfter = asDate(snapCert?.notAfter);
  const tls = generateTls({
    host,
    notBefore: asDate(options.serverCertificate?.notBefore),
    notAfter:
      asDate(options.serverCertificate?.notAfter) ??
      (snapNotAfter && snapNotAfter.getTime() > Date.now()
        ? snapNotAfter
        : undefined),
    subject: options.serverCertificate?.subject ?? snapCert?.subject,
    issuer: options.serverCertificate?.issuer ?? snapCert?.issuer,
  });

  // ---- what is served
  const resources = new Map<string, ServedResource>(); // `${gv}/${plural}`
  for (const type of [...RESOURCE_TYPES, SECRETS_TYPE, ...EMPTY_CORE_TYPES]) {
    const entry = snapshot.resources[type.key];
    const count = options.source?.count(type.key) ?? 0;
    let items: ItemStore = EMPTY_STORE;
    let error: ResourceError | undefined;
    if (count > 0) {
      const source = options.source!;
      items = { count, get: i => source.item(type.key, i) as KubeObject };
    } else if (entry?.error) {
      error = entry.error;
    } else if (entry?.items) {
      const list = entry.items;
      items = { count: list.length, get: i => list[i] };
    } else if (type.optional) {
      continue; // a CRD the cluster does not have
    }
    if (type.optional && error?.code === 404) continue;
    const served = toServedType(type);
    resources.set(
      `${groupVersionOf(type.group, type.version)}/${type.plural}`,
      new ServedResource(served, items, error),
    );
  }

  // group -> versions (preferred first)
  const groupVersions = new Map<string, string[]>();
  const addGroupVersion = (
    group: string,
    version: string,
    preferred: boolean,
  ) => {
    const versions = groupVersions.get(group) ?? [];
    if (!versions.includes(version)) {
      if (preferred) versions.unshift(version);
      else versions.push(version);
    }
    groupVersions.set(group, versions);
  };
  for (const r of resources.values()) {
    if (r.type.group) addGroupVersion(r.type.group, r.type.version, true);
  }
  for (const gv of snapshot.apiGroupVersions ?? []) {
    const slash = gv.indexOf('/');
    if (slash > 0)
      addGroupVersion(gv.slice(0, slash), gv.slice(slash + 1), false);
  }
  const sortedGroups = [...groupVersions.keys()].sort(compareGroups);
  const typesIn = (group: string, version: string): ServedType[] =>
    [...resources.values()]
      .map(r => r.type)
      .filter(t => t.group === group && t.version === version)
      .sort((a, b) => a.plural.localeCompare(b.plural));

  // ---- mutable state
  let resourceVersion = 100000 + Math.floor(Math.random() * 100000);
  let faults: Array<{ rule: FaultRule; remaining: number }> = [];
  const setFaults = (rules: FaultRule[]) => {
    faults = rules.map(rule => ({ rule, remaining: rule.times ?? Infinity }));
  };
  setFaults(options.faults ?? []);
  const requests: RecordedRequest[] = [];
  /** Set (synchronously, around one `route` call) by a `loop` fault. */
  let listLoop: number | undefined;
  const sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;
  let port = 0;

  // ---- discovery documents
  const apiVersions = () => ({
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: `${host}:${port}` },
    ],
  });
  const apiGroup = (group: string) => {
    const versions = groupVersions.get(group)!.map(version => ({
      groupVersion: `${group}/${version}`,
      version,
    }));
    return { name: group, versions, preferredVersion: versions[0] };
  };
  const apiGroupList = () => ({
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: sortedGroups.map(apiGroup),
  });
  const apiResourceList = (group: string, version: string) => ({
    kind: 'APIResourceList',
    ...(group ? { apiVersion: 'v1' } : {}),
    groupVersion: groupVersionOf(group, version),
    resources: typesIn(group, version).map(apiResource),
  });
  const aggregatedList = (groups: string[], discoveryVersion: string) => ({
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${discoveryVersion}`,
    metadata: {},
    items: groups.map(group => ({
      metadata: group
        ? { name: group, creationTimestamp: null }
        : { creationTimestamp: null },
      versions: (group ? groupVersions.get(group)! : ['v1']).map(version => ({
        version,
        resources: typesIn(group, version).map(apiResourceDiscovery),
        freshness: 'Current',
      })),
    })),
  });
  const notAcceptable = () =>
    statusReply(
      406,
      'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  const discovery = (
    accept: MediaType[],
    legacy: () => object,
    groups: string[],
  ): Reply => {
    for (const m of accept.length
      ? accept
      : [{ type: JSON_TYPE, params: {} }]) {
      if (
        aggregatedDiscovery &&
        m.type === JSON_TYPE &&
        m.params.as === 'APIGroupDiscoveryList' &&
        m.params.g === 'apidiscovery.k8s.io' &&
        (m.params.v === 'v2' || m.params.v === 'v2beta1')
      ) {
        return json(
          200,
          aggregatedList(groups, m.params.v),
          `${JSON_TYPE};g=apidiscovery.k8s.io;v=${m.params.v};as=APIGroupDiscoveryList`,
        );
      }
      if (isJsonLike(m) && !m.params.as) return json(200, legacy());
    }
    return notAcceptable();
  };
  const rootPaths = () => ({
    paths: [
      '/api',
      '/api/v1',
      '/apis',
      ...sortedGroups.flatMap(g => [
        `/apis/${g}`,
        ...groupVersions.get(g)!.map(v => `/apis/${g}/${v}`),
      ]),
      '/healthz',
      '/livez',
      '/readyz',
      '/version',
    ].sort(),
  });

  // ---- helpers for resources
  const notFound = () =>
    statusReply(404, defaultMessageForCode(404), { details: {} });
  const badRequest = (message: string) => statusReply(400, message);
  const detailsOf = (type: ServedType, name?: string): StatusDetails => ({
    name,
    group: type.group,
    kind: type.plural,
  });
  const resourceErrorReply = (r: ServedResource): Reply =>
    statusReply(r.error!.code, r.error!.message, {
      reason: r.error!.reason || reasonForCode(r.error!.code),
      details: detailsOf(r.type),
    });
  const withTypeMeta = (type: ServedType, item: KubeObject): KubeObject =>
    item.apiVersion && item.kind
      ? item
      : {
          kind: type.kind,
          apiVersion: groupVersionOf(type.group, type.version),
          ...item,
        };
  const serializeItem = (type: ServedType, item: KubeObject): string => {
    if (itemTypeMeta === 'keep') return JSON.stringify(item);
    if (itemTypeMeta === 'omit') {
      if (item.apiVersion === undefined && item.kind === undefined) {
        return JSON.stringify(item);
      }
      const { apiVersion: _a, kind: _k, ...rest } = item;
      return JSON.stringify(rest);
    }
    return JSON.stringify(withTypeMeta(type, item));
  };

  const negotiate = (accept: MediaType[]): { table?: string } | undefined => {
    if (!accept.length) return {};
    for (const m of accept) {
      if (!isJsonLike(m)) continue;
      if (
        m.params.as === 'Table' &&
        m.params.g === 'meta.k8s.io' &&
        (m.params.v === 'v1' || m.params.v === 'v1beta1')
      ) {
        return { table: m.params.v };
      }
      if (!m.params.as) return {};
    }
    return undefined;
  };

  function forbiddenAnonymous(
    target: Target,
    path: string,
    query: Record<string, string>,
  ): Reply {
    const user = 'User "system:anonymous"';
    if (target.kind !== 'resource') {
      return statusReply(403, `forbidden: ${user} cannot get path "${path}"`, {
        details: {},
      });
    }
    const { type } = target.resource;
    let verb = query.watch ? 'watch' : 'list';
    if (target.name) verb = 'get';
    const scope =
      target.namespace !== undefined
        ? `in the namespace "${target.namespace}"`
        : 'at the cluster scope';
    return statusReply(
      403,
      `${qualifiedResource(type.plural, type.group)}${
        target.name ? ` "${target.name}"` : ''
      } is forbidden: ${user} cannot ${verb} resource "${
        type.plural
      }" in API group "${type.group}" ${scope}`,
      { details: detailsOf(type, target.name) },
    );
  }

  function parseTarget(path: string): Target {
    if (path === '/') return { kind: 'root' };
    let segments: string[];
    try {
      segments = path.slice(1).split('/').map(decodeURIComponent);
    } catch {
      return { kind: 'notFound' };
    }
    if (segments.length > 1 && segments[segments.length - 1] === '') {
      segments.pop();
    }
    const [first] = segments;
    if (segments.length === 1) {
      if (first === 'version') return { kind: 'version' };
      if (first === 'healthz' || first === 'livez' || first === 'readyz') {
        return { kind: 'health' };
      }
      if (first === 'api') return { kind: 'api' };
      if (first === 'apis') return { kind: 'apis' };
      return { kind: 'notFound' };
    }
    let group: string;
    let version: string;
    let rest: string[];
    if (first === 'api') {
      if (segments[1] !== 'v1') return { kind: 'notFound' };
      group = '';
      version = 'v1';
      rest = segments.slice(2);
    } else if (first === 'apis') {
      group = segments[1];
      if (!groupVersions.has(group)) return { kind: 'notFound' };
      if (segments.length === 2) return { kind: 'group', group };
      version = segments[2];
      if (!groupVersions.get(group)!.includes(version)) {
        return { kind: 'notFound' };
      }
      rest = segments.slice(3);
    } else {
      return { kind: 'notFound' };
    }
    if (rest.length === 0) return { kind: 'groupVersion', group, version };
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const resource = resources.get(
      `${groupVersionOf(group, version)}/${rest[0]}`,
    );
    if (!resource || rest.length > 2) return { kind: 'notFound' };
    if (namespace !== undefined && !resource.type.namespaced) {
      return { kind: 'notFound' };
    }
    const name = rest[1];
    if (
      name !== undefined &&
      resource.type.namespaced &&
      namespace === undefined
    ) {
      return { kind: 'notFound' };
    }
    return { kind: 'resource', resource, namespace, name };
  }

  function listReply(
    resource: ServedResource,
    namespace: string | undefined,
    query: Record<string, string>,
    table: string | undefined,
  ): Reply {
    if (resource.error) return resourceErrorReply(resource);
    const { type, items } = resource;
    if (query.watch === 'true' || query.watch === '1') {
      return statusReply(
        405,
        'watch is not supported by kube-api-test-server',
        {
          details: detailsOf(type),
        },
      );
    }
    let limit: number | undefined;
    if (query.limit !== undefined && query.limit !== '') {
      if (!/^-?\d+$/.test(query.limit)) {
        return badRequest(
          `limit: Invalid value: "${query.limit}": must be an integer`,
        );
      }
      const n = parseInt(query.limit, 10);
      limit = n > 0 ? n : undefined;
    }
    const labelSelector = query.labelSelector || undefined;
    const fieldSelector = query.fieldSelector || undefined;
    const listId = `${type.key}|${namespace ?? ''}|${labelSelector ?? ''}|${
      fieldSelector ?? ''
    }`;

    let offset = 0;
    if (query.continue) {
      if (query.resourceVersion && query.resourceVersion !== '0') {
        return badRequest(
          'specifying resource version is not allowed when using continue',
        );
      }
      let decoded: { rv: number; start: string };
      try {
        decoded = decodeContinue(query.continue);
      } catch (e) {
        return badRequest((e as Error).message);
      }
      const hash = decoded.start.lastIndexOf('#');
      const startOffset = Number(decoded.start.slice(hash + 1));
      if (
        hash < 0 ||
        decoded.start.slice(0, hash) !== listId ||
        !Number.isInteger(startOffset) ||
        startOffset < 0 ||
        decoded.rv > resourceVersion
      ) {
        return badRequest(
          'continue key is not valid: it does not belong to this list',
        );
      }
      if (decoded.rv !== -1 && decoded.rv < resourceVersion) {
        return statusReply(410, INCONSISTENT_CONTINUE, {
          continueToken: encodeContinue(-1, decoded.start),
        });
      }
      offset = startOffset;
    }

    let view: View;
    try {
      view = resource.view(namespace, labelSelector, fieldSelector);
    } catch (e) {
      if (e instanceof SelectorError) return badRequest(e.message);
      throw e;
    }
    const start = Math.min(offset, view.length);
    const end = limit ? Math.min(start + limit, view.length) : view.length;
    const metadata: Record<string, unknown> = {
      resourceVersion: String(resourceVersion),
    };
    if (end < view.length) {
      let next = end;
      if (listLoop !== undefined && limit) {
        // `loop` fault: continued pages cycle over the `listLoop` pages after the first.
        const page = Math.floor(end / limit) - 1;
        next = limit * (1 + (page % listLoop));
      }
      metadata.continue = encodeContinue(resourceVersion, `${listId}#${next}`);
      if (!labelSelector && !fieldSelector) {
        metadata.remainingItemCount = view.length - end;
      }
    }

    const gv = groupVersionOf(type.group, type.version);
    const now = Date.now();
    const includeObject: IncludeObject =
      query.includeObject === 'None' || query.includeObject === 'Object'
        ? query.includeObject
        : 'Metadata';
    const head = table
      ? `{"kind":"Table","apiVersion":"meta.k8s.io/${table}","metadata":${JSON.stringify(
          metadata,
        )},"columnDefinitions":${JSON.stringify(
          columnsFor(type.kind),
        )},"rows":[`
      : `{"kind":"${
          type.kind
        }List","apiVersion":"${gv}","metadata":${JSON.stringify(
          metadata,
        )},"items":[`;
    const encode = (item: KubeObject) =>
      table
        ? JSON.stringify(
            tableRow(
              type.kind,
              item,
              () => withTypeMeta(type, item),
              includeObject,
              now,
            ),
          )
        : serializeItem(type, item);

    return {
      status: 200,
      contentType: table
        ? `${JSON_TYPE};as=Table;v=${table};g=meta.k8s.io`
        : JSON_TYPE,
      body: function* chunks() {
        yield head;
        const batch: string[] = [];
        let first = true;
        for (let p = start; p < end; p++) {
          batch.push(encode(items.get(view.at(p))));
          if (batch.length === 200 || p === end - 1) {
            yield (first ? '' : ',') + batch.join(',');
            first = false;
            batch.length = 0;
          }
        }
        yield ']}';
      },
    };
  }

  function getReply(
    resource: ServedResource,
    namespace: string | undefined,
    name: string,
    query: Record<string, string>,
    table: string | undefined,
  ): Reply {
    if (resource.error) return resourceErrorReply(resource);
    const { type } = resource;
    const item = resource.find(namespace, name);
    if (!item) {
      return statusReply(
        404,
        `${qualifiedResource(type.plural, type.group)} "${name}" not found`,
        { details: detailsOf(type, name) },
      );
    }
    const object = withTypeMeta(type, item);
    if (!table) return json(200, object);
    const includeObject: IncludeObject =
      query.includeObject === 'None' || query.includeObject === 'Object'
        ? query.includeObject
        : 'Metadata';
    return json(
      200,
      {
        kind: 'Table',
        apiVersion: `meta.k8s.io/${table}`,
        metadata: {
          resourceVersion: (item.metadata as any)?.resourceVersion ?? '',
        },
        columnDefinitions: columnsFor(type.kind),
        rows: [
          tableRow(type.kind, item, () => object, includeObject, Date.now()),
        ],
      },
      `${JSON_TYPE};as=Table;v=${table};g=meta.k8s.io`,
    );
  }

  function route(
    req: IncomingMessage,
    path: string,
    query: Record<string, string>,
    auth: 'valid' | 'invalid' | 'none',
  ): Reply {
    if (auth === 'invalid') return { status: 401, body: UNAUTHORIZED };
    const target = parseTarget(path);
    const accept = parseAccept(req.headers.accept);
    const isGet = req.method === 'GET';
    if (auth === 'none') {
      if (anonymous === 401) return { status: 401, body: UNAUTHORIZED };
      const publicInfo =
        isGet &&
        (target.kind === 'version' ||
          target.kind === 'health' ||
          (target.kind === 'api' && anonymous === 200));
      if (!publicInfo) return forbiddenAnonymous(target, path, query);
    }
    if (!isGet) {
      if (target.kind === 'resource') {
        const { type } = target.resource;
        const verb =
          {
            POST: 'create',
            PUT: 'update',
            PATCH: 'patch',
            DELETE: target.name ? 'delete' : 'deletecollection',
          }[req.method ?? ''] ?? (req.method ?? '').toLowerCase();
        return statusReply(
          405,
          `${verb} is not supported on resources of kind "${qualifiedResource(
            type.plural,
            type.group,
          )}"`,
          { details: detailsOf(type) },
        );
      }
      return statusReply(405, defaultMessageForCode(405), { details: {} });
    }
    switch (target.kind) {
      case 'root':
        return json(200, rootPaths());
      case 'version':
        return json(200, versionInfo(snapshot));
      case 'health':
        return {
          status: 200,
          body: 'ok',
          contentType: 'text/plain; charset=utf-8',
        };
      case 'api':
        return discovery(accept, apiVersions, ['']);
      case 'apis':
        return discovery(accept, apiGroupList, sortedGroups);
      case 'group':
        return json(200, {
          kind: 'APIGroup',
          apiVersion: 'v1',
          ...apiGroup(target.group),
        });
      case 'groupVersion':
        return json(200, apiResourceList(target.group, target.version));
      case 'resource': {
        const negotiated = negotiate(accept);
        if (!negotiated) return notAcceptable();
        return target.name === undefined
          ? listReply(
              target.resource,
              target.namespace,
              query,
              negotiated.table,
            )
          : getReply(
              target.resource,
              target.namespace,
              target.name,
              query,
              negotiated.table,
            );
      }
      default:
        return notFound();
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const entry = {
        timer: setTimeout(() => {
          sleepers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      sleepers.add(entry);
    });
  }

  async function send(res: ServerResponse, reply: Reply, truncate: boolean) {
    const headers: Record<string, string | number> = {
      'Audit-Id': randomUUID(),
      'Cache-Control': 'no-cache, private',
      'Content-Type': reply.contentType ?? JSON_TYPE,
      ...reply.headers,
    };
    if (truncate) {
      const full = Buffer.from(
        typeof reply.body === 'string'
          ? reply.body
          : [...reply.body()].join(''),
      );
      res.writeHead(reply.status, {
        ...headers,
        'Content-Length': full.length,
      });
      await new Promise<void>(resolve =>
        res.write(full.subarray(0, Math.floor(full.length / 2)), () =>
          resolve(),
        ),
      );
      res.socket?.destroy();
      return;
    }
    if (typeof reply.body === 'string') {
      const body = Buffer.from(reply.body);
      res.writeHead(reply.status, {
        ...headers,
        'Content-Length': body.length,
      });
      res.end(body);
      return;
    }
    res.writeHead(reply.status, headers);
    for (const chunk of reply.body()) {
      if (res.destroyed || closed) return;
      if (!res.write(chunk)) {
        await new Promise<void>(resolve => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const path = url.pathname;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const header = req.headers.authorization;
    const bearer = header?.match(/^bearer\s+(.*)$/i)?.[1]?.trim();
    let auth: 'valid' | 'invalid' | 'none' = 'invalid';
    if (header === undefined || bearer === '') auth = 'none';
    else if (bearer === token) auth = 'valid';
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query,
      authenticated: auth === 'valid',
      status: 0,
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      ...(req.headers['user-agent']
        ? { userAgent: req.headers['user-agent'] }
        : {}),
    };
    requests.push(record);

    // faults: every matching delay, then the first other matching rule
    let delay = 0;
    let decisive: FaultRule | undefined;
    for (const fault of faults) {
      if (fault.remaining <= 0 || !matchesRule(fault.rule, path)) continue;
      if (fault.rule.kind === 'expire' && !query.continue) continue;
      if (fault.rule.kind === 'delay') {
        delay += fault.rule.ms ?? 0;
        fault.remaining--;
      } else if (!decisive) {
        decisive = fault.rule;
        fault.remaining--;
      }
    }
    if (delay > 0) await sleep(delay);
    if (closed || req.socket.destroyed) return;

    let reply: Reply;
    if (decisive?.kind === 'refuse') {
      req.socket.destroy();
      return;
    } else if (decisive?.kind === 'status') {
      const code = decisive.status ?? 500;
      reply = statusReply(
        code,
        decisive.message ?? defaultMessageForCode(code),
        {
          details:
            decisive.retryAfterSeconds !== undefined
              ? { retryAfterSeconds: decisive.retryAfterSeconds }
              : {},
        },
      );
      if (decisive.retryAfterSeconds !== undefined) {
        reply.headers = { 'Retry-After': String(decisive.retryAfterSeconds) };
      }
    } else if (decisive?.kind === 'expire') {
      let start: string | undefined;
      try {
        start = decodeContinue(query.continue).start;
      } catch {
        start = undefined;
      }
      reply = start
        ? statusReply(410, INCONSISTENT_CONTINUE, {
            continueToken: encodeContinue(-1, start),
          })
        : statusReply(410, CONTINUE_EXPIRED);
    } else {
      listLoop =
        decisive?.kind === 'loop'
          ? Math.max(1, Math.floor(decisive.period ?? 1))
          : undefined;
      try {
        reply = route(req, path, query, auth);
      } catch (e) {
        reply = statusReply(
          500,
          `Internal error occurred: ${(e as Error).message}`,
        );
      } finally {
        listLoop = undefined;
      }
    }
    record.status = reply.status;
    await send(res, reply, decisive?.kind === 'truncate');
  }

  const server: Server = createServer(
    { key: tls.keyPem, cert: tls.certPem },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500).end();
        } else {
          res.destroy();
        }
      });
    },
  );
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    caPem: tls.caPem,
    token,
    certificate: tls.info,
    requests,
    setFaults,
    expireContinueTokens() {
      resourceVersion++;
    },
    writeKubeconfig(path: string, opts: WriteKubeconfigOptions = {}) {
      writeKubeconfigFile(
        path,
        renderKubeconfig({
          server: url,
          name: opts.context ?? 'kube-api-test-server',
          token: opts.token ?? token,
          caPem: opts.caPem ?? tls.caPem,
          insecure: opts.insecure,
          namespace: opts.namespace,
        }),
      );
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const s of sleepers) {
        clearTimeout(s.timer);
        s.resolve();
      }
      sleepers.clear();
      return new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
