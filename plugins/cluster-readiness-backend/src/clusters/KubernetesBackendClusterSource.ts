import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ClusterDescriptor, ClusterSource } from './ClusterSource';

/**
 * The clusters of @backstage/plugin-kubernetes-backend (`GET /api/kubernetes/clusters`),
 * which reads them through its own locators (config, catalog, gke,
 * localKubectlProxy). A name returned twice is refused: a catalog cluster must not
 * shadow a configured one.
 * @public
 */
export class KubernetesBackendClusterSource implements ClusterSource {
  readonly id = 'kubernetes';

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async listClusters(): Promise<ClusterDescriptor[]> {
    const baseUrl = await this.discovery.getBaseUrl('kubernetes');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    const response = await this.fetchFn(`${baseUrl}/clusters`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as {
      items?: Array<{ name?: string; authProvider?: string }>;
    };
    const counts = new Map<string, number>();
    for (const item of body.items ?? []) {
      if (item.name) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
    }
    const out: ClusterDescriptor[] = [];
    for (const [name, count] of counts) {
      const item = body.items!.find(i => i.name === name)!;
      if (count > 1) {
        this.logger.warn(
          `Cluster name '${name}' is returned ${count} times by the Kubernetes plugin; refusing to read it until the name is unique`,
        );
        out.push({
          name,
          problem: `the Kubernetes plugin knows ${count} clusters named '${name}'; give them unique names`,
        });
      } else {
        out.push({ name, kubernetes: { authProvider: item.authProvider } });
      }
    }
    return out;
  }
}
