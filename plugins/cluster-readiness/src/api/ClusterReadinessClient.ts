import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CheckClusterList,
  CheckMetadata,
  ClusterDetails,
  ClusterList,
  ClusterSummary,
  DriftEntry,
  EntityReadiness,
  FleetAggregates,
  FleetFilter,
  HistoryEntry,
} from '@cluster-readiness/backstage-plugin-common';
import type {
  ClusterReadinessApi,
  ListCheckClustersRequest,
  ListClustersRequest,
  ReadinessExport,
  ReadinessExportFormat,
} from './ClusterReadinessApi';

/**
 * Talks to the Cluster Readiness backend through the discovery and fetch APIs, so
 * requests carry the signed-in user's Backstage token.
 * @public
 */
export class ClusterReadinessClient implements ClusterReadinessApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listClusters(request: ListClustersRequest = {}): Promise<ClusterList> {
    const { owner, sort, order, cursor, offset, limit, ...filter } = request;
    const query = filterQuery({
      ...filter,
      owner: owner === undefined ? undefined : ([] as string[]).concat(owner),
    });
    if (sort) query.set('sort', sort);
    if (order) query.set('order', order);
    if (cursor) query.set('cursor', cursor);
    if (offset !== undefined) query.set('offset', String(offset));
    if (limit !== undefined) query.set('limit', String(limit));
    return this.get(`/clusters${queryString(query)}`);
  }

  async getFleet(
    filter: FleetFilter = {},
    options: { checks?: number } = {},
  ): Promise<FleetAggregates> {
    const query = filterQuery(filter);
    if (options.checks !== undefined)
      query.set('checks', String(options.checks));
    return this.get(`/fleet${queryString(query)}`);
  }

  async listCheckClusters(
    checkId: string,
    request: ListCheckClustersRequest = {},
  ): Promise<CheckClusterList> {
    const query = new URLSearchParams();
    for (const status of request.status ?? []) query.append('status', status);
    for (const [key, value] of filterQuery(request.filter ?? {})) {
      query.append(key, value);
    }
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    if (request.cursor) query.set('cursor', request.cursor);
    return this.get(
      `/checks/${encodeURIComponent(checkId)}/clusters${queryString(query)}`,
    );
  }

  async getCluster(name: string): Promise<ClusterDetails> {
    return this.get(`/clusters/${encodeURIComponent(name)}`);
  }

  async getHistory(
    name: string,
    options: { limit?: number } = {},
  ): Promise<{ items: HistoryEntry[] }> {
    return this.get(
      `/clusters/${encodeURIComponent(name)}/history${limitQuery(options)}`,
    );
  }

  async getDrift(
    name: string,
    options: { limit?: number } = {},
  ): Promise<{ items: DriftEntry[] }> {
    return this.get(
      `/clusters/${encodeURIComponent(name)}/drift${limitQuery(options)}`,
    );
  }

  async refreshCluster(name: string): Promise<ClusterSummary> {
    const response = await this.request(
      `/clusters/${encodeURIComponent(name)}/refresh`,
      { method: 'POST' },
    );
    return response.json();
  }

  async getEntityReadiness(
    entityRef: CompoundEntityRef,
  ): Promise<EntityReadiness> {
    const { kind, namespace, name } = entityRef;
    const path = [kind, namespace || 'default', name]
      .map(encodeURIComponent)
      .join('/');
    return this.get(`/entities/${path}`);
  }

  async listChecks(): Promise<{ items: CheckMetadata[] }> {
    return this.get('/checks');
  }

  async exportReadiness(
    format: ReadinessExportFormat,
  ): Promise<ReadinessExport> {
    const response = await this.request(`/export?format=${format}`);
    const blob = await response.blob();
    const filename =
      filenameFrom(response.headers.get('content-disposition')) ??
      `cluster-readiness-${new Date().toISOString().slice(0, 10)}.${format}`;
    return { blob, filename };
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.request(path);
    return (await response.json()) as T;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('cluster-readiness');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** The fleet filter as query parameters: list fields repeat their parameter. */
function filterQuery(filter: FleetFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const owner of filter.owner ?? []) query.append('owner', owner);
  for (const system of filter.system ?? []) query.append('system', system);
  for (const grade of filter.grade ?? []) query.append('grade', grade);
  for (const state of filter.state ?? []) query.append('state', state);
  if (filter.stale !== undefined) query.set('stale', String(filter.stale));
  if (filter.q) query.set('q', filter.q);
  return query;
}

function queryString(query: URLSearchParams): string {
  const text = query.toString();
  return text ? `?${text}` : '';
}

function limitQuery(options: { limit?: number }): string {
  return options.limit === undefined ? '' : `?limit=${options.limit}`;
}

/** The file name of `attachment; filename="x.csv"`, when the header is readable (same origin or exposed by CORS). */
function filenameFrom(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1];
}
