import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { summary } from '../__testUtils__/fixtures';
import { ClusterReadinessClient } from './ClusterReadinessClient';

const baseUrl = 'http://backstage.test/api/cluster-readiness';

describe('ClusterReadinessClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const fetchApi = { fetch: (input: any, init?: any) => fetch(input, init) };
  const client = new ClusterReadinessClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi,
  });

  it('lists clusters with every filter in the query', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/clusters`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({
          items: [summary('prod-eu-1')],
          totalItems: 1,
        });
      }),
    );

    const list = await client.listClusters({
      owner: 'group:default/platform-team',
      grade: ['A', 'B'],
      stale: true,
      offset: 100,
      limit: 50,
    });

    expect(list.totalItems).toBe(1);
    expect(list.items[0].name).toBe('prod-eu-1');
    expect(seen?.searchParams.get('owner')).toBe('group:default/platform-team');
    expect(seen?.searchParams.getAll('grade')).toEqual(['A', 'B']);
    expect(seen?.searchParams.get('stale')).toBe('true');
    expect(seen?.searchParams.get('offset')).toBe('100');
    expect(seen?.searchParams.get('limit')).toBe('50');
  });

  it('sends the fleet filter, sort and cursor with list fields repeated', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/clusters`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({
          items: [summary('prod-eu-1')],
          totalItems: 30,
          nextCursor: 'next/page=',
        });
      }),
    );

    const list = await client.listClusters({
      owner: ['group:default/platform-team', 'group:default/data & ml'],
      system: ['system:default/payments', 'system:default/a,b'],
      grade: ['F', 'none'],
      state: ['pending', 'needs-user-credentials'],
      stale: false,
      q: 'prod eu/1',
      sort: 'score',
      order: 'desc',
      cursor: 'abc+/=',
      limit: 25,
    });

    expect(list.nextCursor).toBe('next/page=');
    expect(seen?.searchParams.getAll('owner')).toEqual([
      'group:default/platform-team',
      'group:default/data & ml',
    ]);
    expect(seen?.searchParams.getAll('system')).toEqual([
      'system:default/payments',
      'system:default/a,b',
    ]);
    expect(seen?.searchParams.getAll('grade')).toEqual(['F', 'none']);
    expect(seen?.searchParams.getAll('state')).toEqual([
      'pending',
      'needs-user-credentials',
    ]);
    expect(seen?.searchParams.get('stale')).toBe('false');
    expect(seen?.searchParams.get('q')).toBe('prod eu/1');
    expect(seen?.searchParams.get('sort')).toBe('score');
    expect(seen?.searchParams.get('order')).toBe('desc');
    expect(seen?.searchParams.get('cursor')).toBe('abc+/=');
    expect(seen?.searchParams.get('limit')).toBe('25');
    // encoded, not split on the reserved characters
    expect(seen?.search).toContain('owner=group%3Adefault%2Fdata+%26+ml');
    expect(seen?.search).toContain('cursor=abc%2B%2F%3D');
    expect(seen?.searchParams.has('offset')).toBe(false);
  });

  it('reads the fleet aggregates with the filter and the number of checks', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/fleet`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ totalClusters: 3 });
      }),
    );
    const fleet = await client.getFleet(
      {
        owner: ['group:default/a', 'group:default/b'],
        grade: ['none'],
        q: 'x',
      },
      { checks: 10 },
    );
    expect(fleet.totalClusters).toBe(3);
    expect(seen?.searchParams.getAll('owner')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(seen?.searchParams.getAll('grade')).toEqual(['none']);
    expect(seen?.searchParams.get('q')).toBe('x');
    expect(seen?.searchParams.get('checks')).toBe('10');

    await client.getFleet();
    expect(seen?.search).toBe('');
  });

  it("lists one check's clusters by status, filter and cursor", async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/checks/:id/clusters`, ({ request, params }) => {
        seen = new URL(request.url);
        return HttpResponse.json({
          checkId: params.id,
          counts: {},
          items: [],
          totalItems: 0,
        });
      }),
    );
    const list = await client.listCheckClusters('custom/odd id', {
      status: ['fail', 'warn'],
      filter: { system: ['system:default/payments'], stale: true },
      limit: 50,
      cursor: 'c1',
    });
    expect(list.checkId).toBe('custom/odd id');
    expect(seen?.pathname).toBe(
      '/api/cluster-readiness/checks/custom%2Fodd%20id/clusters',
    );
    expect(seen?.searchParams.getAll('status')).toEqual(['fail', 'warn']);
    expect(seen?.searchParams.getAll('system')).toEqual([
      'system:default/payments',
    ]);
    expect(seen?.searchParams.get('stale')).toBe('true');
    expect(seen?.searchParams.get('limit')).toBe('50');
    expect(seen?.searchParams.get('cursor')).toBe('c1');
  });

  it('sends no query string without filters', async () => {
    let search: string | undefined;
    server.use(
      http.get(`${baseUrl}/clusters`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ items: [], totalItems: 0 });
      }),
    );
    await client.listClusters();
    expect(search).toBe('');
  });

  it('encodes cluster names in paths', async () => {
    server.use(
      http.get(`${baseUrl}/clusters/:name`, ({ params }) =>
        HttpResponse.json({ ...summary(String(params.name)) }),
      ),
      http.get(`${baseUrl}/clusters/:name/history`, ({ request }) =>
        HttpResponse.json({
          items: [{ limit: new URL(request.url).searchParams.get('limit') }],
        }),
      ),
      http.get(`${baseUrl}/clusters/:name/drift`, () =>
        HttpResponse.json({
          items: [
            {
              evaluatedAt: '2025-01-30T10:00:00Z',
              checkId: 'nodes.worker-count',
              from: 'pass',
              to: 'fail',
            },
          ],
        }),
      ),
    );

    expect((await client.getCluster('a b')).name).toBe('a b');
    expect((await client.getHistory('a b', { limit: 30 })).items).toEqual([
      { limit: '30' },
    ]);
    expect((await client.getDrift('prod')).items[0].to).toBe('fail');
  });

  it('posts a refresh and surfaces a 403 as a ResponseError', async () => {
    server.use(
      http.post(`${baseUrl}/clusters/prod-eu-1/refresh`, () =>
        HttpResponse.json(summary('prod-eu-1', { score: 99 })),
      ),
      http.post(`${baseUrl}/clusters/locked/refresh`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: "Not allowed to refresh cluster 'locked'",
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );

    expect((await client.refreshCluster('prod-eu-1')).score).toBe(99);
    const error = await client.refreshCluster('locked').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe("Not allowed to refresh cluster 'locked'");
  });

  it('reads entity readiness by kind, namespace and name', async () => {
    let path: string | undefined;
    server.use(
      http.get(`${baseUrl}/entities/:kind/:namespace/:name`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({
          kind: 'cluster',
          entityRef: 'resource:default/prod-eu-1',
          cluster: null,
        });
      }),
    );
    const readiness = await client.getEntityReadiness({
      kind: 'Resource',
      namespace: 'default',
      name: 'prod-eu-1',
    });
    expect(readiness.kind).toBe('cluster');
    expect(path).toBe(
      '/api/cluster-readiness/entities/Resource/default/prod-eu-1',
    );
  });

  it('lists checks', async () => {
    server.use(
      http.get(`${baseUrl}/checks`, () =>
        HttpResponse.json({ items: [{ id: 'nodes.worker-count' }] }),
      ),
    );
    expect((await client.listChecks()).items[0].id).toBe('nodes.worker-count');
  });

  it('downloads an export with the server file name', async () => {
    server.use(
      http.get(`${baseUrl}/export`, ({ request }) => {
        const format = new URL(request.url).searchParams.get('format');
        return new HttpResponse(`cluster,score\nprod-eu-1,85\n`, {
          headers: {
            'content-type': 'text/csv',
            'content-disposition': `attachment; filename="cluster-readiness-2025-01-31.${format}"`,
          },
        });
      }),
    );
    const file = await client.exportReadiness('csv');
    expect(file.filename).toBe('cluster-readiness-2025-01-31.csv');
    expect(await file.blob.text()).toContain('prod-eu-1,85');
  });

  it('names the export itself when the header is not readable', async () => {
    server.use(
      http.get(`${baseUrl}/export`, () => HttpResponse.json({ clusters: [] })),
    );
    const file = await client.exportReadiness('sarif');
    expect(file.filename).toMatch(
      /^cluster-readiness-\d{4}-\d{2}-\d{2}\.sarif$/,
    );
  });

  it('throws a ResponseError carrying the server message on 500', async () => {
    server.use(
      http.get(`${baseUrl}/clusters`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'database is down' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    const error = await client.listClusters().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
    expect(error.cause.message).toBe('database is down');
  });
});
