import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CheckMetadata,
  ClusterDetails,
  ClusterList,
  ClusterSummary,
  DriftEntry,
  EntityReadiness,
  HistoryEntry,
} from '@cluster-readiness/backstage-plugin-common';
import type {
  ClusterReadinessApi,
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
    const query = new URLSearchParams();
    if (request.owner) query.set('owner', request.owner);
    for (const grade of request.grade ?? []) query.append('grade', grade);
    if (request.stale !== undefined) query.set('stale', String(request.stale));
    if (request.offset !== undefined)
      query.set('offset', String(request.offset));
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    return this.get(`/clusters${queryString(query)}`);
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
