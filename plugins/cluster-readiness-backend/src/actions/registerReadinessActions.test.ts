import { mockCredentials } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startReadinessBackend } from '../__testUtils__/demoBackend';

jest.setTimeout(60_000);

/** MCP tool names are namespaced by plugin id. */
const tool = (name: string) => `cluster-readiness.${name}`;

type Started = Awaited<ReturnType<typeof startReadinessBackend>>;

async function startWithMcp() {
  const backend = await startReadinessBackend({
    features: [
      mcpActionsPlugin,
      actionsRegistryServiceFactory,
      actionsServiceFactory,
    ],
    config: { backend: { actions: { pluginSources: ['cluster-readiness'] } } },
  });
  // Evaluate both demo clusters first, as the schedule would.
  for (const name of ['prod-eu-1', 'staging-1']) {
    const res = await request(backend.server)
      .post(`/api/cluster-readiness/clusters/${name}/refresh`)
      .set('authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
  }
  return backend;
}

/** An MCP client as an agent would use, signed in as `user`. */
async function connect(backend: Started, user: string) {
  const { port } = backend.server.address() as AddressInfo;
  const client = new Client({ name: 'readiness-test-agent', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(
    new URL(`http://localhost:${port}/api/mcp-actions/v1`),
    {
      requestInit: {
        headers: { authorization: mockCredentials.user.header(user) },
      },
    },
  );
  await client.connect(transport);
  return client;
}

function structured(result: Awaited<ReturnType<Client['callTool']>>) {
  const content = result.content as Array<{ type: string; text: string }>;
  return JSON.parse(content[0].text);
}

describe('Cluster Readiness actions over MCP', () => {
  let backend: Started;
  const clients: Client[] = [];
  beforeAll(async () => {
    backend = await startWithMcp();
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await backend.stop();
  });
  const agent = async (user: string) => {
    const client = await connect(backend, user);
    clients.push(client);
    return client;
  };

  it('lists the five tools with truthful attributes', async () => {
    const client = await agent('user:default/alice');
    const { tools } = await client.listTools();
    const ours = Object.fromEntries(
      tools.filter(t => /readiness/.test(t.name)).map(t => [t.name, t]),
    );
    expect(Object.keys(ours).sort()).toEqual(
      [
        'explain-readiness-check',
        'get-cluster-readiness',
        'get-entity-readiness',
        'list-cluster-readiness',
        'refresh-cluster-readiness',
      ].map(tool),
    );
    expect(ours[tool('list-cluster-readiness')].annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
    expect(ours[tool('refresh-cluster-readiness')].annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(
      ours[tool('list-cluster-readiness')].inputSchema.properties,
    ).toHaveProperty('grade');
  });

  it('lists clusters and filters by owner, grade and category', async () => {
    const client = await agent('user:default/alice');
    const all = structured(
      await client.callTool({
        name: tool('list-cluster-readiness'),
        arguments: {},
      }),
    );
    expect(all.clusters.map((c: any) => c.name)).toEqual([
      'prod-eu-1',
      'staging-1',
    ]);
    const prod = all.clusters[0];
    expect(prod).toMatchObject({
      owner: 'group:default/platform-team',
      state: 'ok',
    });
    expect(typeof prod.score).toBe('number');

    const owned = structured(
      await client.callTool({
        name: tool('list-cluster-readiness'),
        arguments: { owner: 'group:default/data-team' },
      }),
    );
    expect(owned.clusters.map((c: any) => c.name)).toEqual(['staging-1']);

    const byGrade = structured(
      await client.callTool({
        name: tool('list-cluster-readiness'),
        arguments: { grade: [prod.grade] },
      }),
    );
    expect(byGrade.clusters.map((c: any) => c.name)).toContain('prod-eu-1');
    expect(byGrade.clusters.every((c: any) => c.grade === prod.grade)).toBe(
      true,
    );

    const access = prod.categories.find((c: any) => c.id === 'access');
    const byCategory = structured(
      await client.callTool({
        name: tool('list-cluster-readiness'),
        arguments: { category: 'access' },
      }),
    );
    expect(byCategory.clusters[0]).toMatchObject({
      name: 'prod-eu-1',
      score: access.score,
      grade: access.grade,
    });
  });

  it('gives one cluster with its failing checks, and explains a check with the clusters failing it', async () => {
    const client = await agent('user:default/alice');
    const staging = structured(
      await client.callTool({
        name: tool('get-cluster-readiness'),
        arguments: { cluster: 'staging-1' },
      }),
    );
    expect(staging.cluster.name).toBe('staging-1');
    expect(staging.failingChecks.length).toBeGreaterThan(0);
    const worst = staging.failingChecks[0];
    expect(['fail', 'warn']).toContain(worst.status);
    expect(worst.remediation).toMatch(/^https:\/\//);

    const explained = structured(
      await client.callTool({
        name: tool('explain-readiness-check'),
        arguments: { check: worst.id },
      }),
    );
    expect(explained.rule.length).toBeGreaterThan(0);
    expect(explained.clusters.map((c: any) => c.name)).toContain('staging-1');

    const unknown = await client.callTool({
      name: tool('explain-readiness-check'),
      arguments: { check: 'no.such-check' },
    });
    expect(unknown.isError).toBe(true);
  });

  it('rolls up a group', async () => {
    const client = await agent('user:default/alice');
    const group = structured(
      await client.callTool({
        name: tool('get-entity-readiness'),
        arguments: { entityRef: 'group:default/platform-team' },
      }),
    );
    expect(group).toMatchObject({ kind: 'group', rollup: { clusters: 1 } });
    expect(group.clusters.map((c: any) => c.cluster.name)).toEqual([
      'prod-eu-1',
    ]);
  });

  it("gives a component's clusters with its own workload findings", async () => {
    const client = await agent('user:default/alice');
    const component = structured(
      await client.callTool({
        name: tool('get-entity-readiness'),
        arguments: { entityRef: 'component:default/checkout' },
      }),
    );
    expect(component.kind).toBe('component');
    const prod = component.clusters.find(
      (c: any) => c.cluster.name === 'prod-eu-1',
    );
    expect(prod.via).toEqual(['pods']);
    expect(prod.workloadFindings.length).toBeGreaterThan(0);
    expect(prod.workloadFindings[0].id).toMatch(/^workload\./);
  });

  it('shows nothing to a caller the policy denies, and refuses their reads and refreshes', async () => {
    const client = await agent('user:default/mallory');
    const list = structured(
      await client.callTool({
        name: tool('list-cluster-readiness'),
        arguments: {},
      }),
    );
    expect(list).toEqual({ clusters: [], totalItems: 0 });
    const one = await client.callTool({
      name: tool('get-cluster-readiness'),
      arguments: { cluster: 'staging-1' },
    });
    expect(one.isError).toBe(true);
    expect(JSON.stringify(one.content)).toMatch(
      /Not allowed to read cluster 'staging-1'/,
    );
    const explained = structured(
      await client.callTool({
        name: tool('explain-readiness-check'),
        arguments: { check: 'nodes.worker-count' },
      }),
    );
    expect(explained.clusters).toEqual([]);
  });

  it('refreshes a cluster only with the refresh permission', async () => {
    const reader = await agent('user:default/reader');
    const denied = await reader.callTool({
      name: tool('refresh-cluster-readiness'),
      arguments: { cluster: 'prod-eu-1' },
    });
    expect(denied.isError).toBe(true);
    expect(JSON.stringify(denied.content)).toMatch(
      /Not allowed to refresh cluster 'prod-eu-1'/,
    );

    const alice = await agent('user:default/alice');
    const refreshed = structured(
      await alice.callTool({
        name: tool('refresh-cluster-readiness'),
        arguments: { cluster: 'prod-eu-1' },
      }),
    );
    expect(refreshed.cluster).toMatchObject({ name: 'prod-eu-1', state: 'ok' });
  });
});
