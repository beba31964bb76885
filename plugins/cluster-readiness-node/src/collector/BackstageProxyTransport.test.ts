import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  BackstageProxyTransport,
  classifyProxyError,
} from './BackstageProxyTransport';
import { collectSnapshot } from './collectSnapshot';
import {
  ClusterAuthenticationError,
  ClusterNeedsUserCredentialsError,
  ClusterTlsError,
  ClusterUnreachableError,
} from './errors';

const discovery: DiscoveryService = {
  getBaseUrl: async id => `http://backstage.internal:7007/api/${id}`,
  getExternalBaseUrl: async id => `https://backstage.example.com/api/${id}`,
};

const ownCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:cluster-readiness' },
};

const auth = {
  getOwnServiceCredentials: jest.fn(async () => ownCredentials),
  getPluginRequestToken: jest.fn(async () => ({ token: 'service-token-123' })),
} as unknown as AuthService;

/** The error body of Backstage's error middleware. */
function backstageError(status: number, name: string, message: string) {
  return new Response(
    JSON.stringify({
      error: { name, message },
      request: { method: 'GET', url: '/proxy/version' },
      response: { statusCode: status },
    }),
    { status, headers: { 'content-type': 'application/json' } },
  );
}

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('BackstageProxyTransport', () => {
  it('sends GET to <kubernetes>/proxy<path> with the cluster header and the service token', async () => {
    const fetchMock = jest.fn(async (_url: string, _init?: RequestInit) =>
      json(200, { major: '1', minor: '34' }, { 'X-Thing': 'a' }),
    );
    const transport = new BackstageProxyTransport({
      clusterName: 'prod-eu-1',
      discovery,
      auth,
      fetch: fetchMock as unknown as typeof fetch,
      server: 'https://user:pw@api.prod:6443/',
      skipTLSVerify: false,
    });
    const response = await transport.get('/api/v1/pods', {
      query: { limit: '500', continue: 'a b' },
      signal: new AbortController().signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-thing']).toBe('a');
    expect(JSON.parse(response.body.toString())).toEqual({
      major: '1',
      minor: '34',
    });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(
      'http://backstage.internal:7007/api/kubernetes/proxy/api/v1/pods?limit=500&continue=a+b',
    );
    expect(init?.method).toBe('GET');
    expect(init?.headers).toEqual({
      Accept: 'application/json',
      Authorization: 'Bearer service-token-123',
      'Backstage-Kubernetes-Cluster': 'prod-eu-1',
    });
    expect(auth.getPluginRequestToken).toHaveBeenCalledWith({
      onBehalfOf: ownCredentials,
      targetPluginId: 'kubernetes',
    });
    expect(transport.target).toEqual({
      name: 'prod-eu-1',
      server: 'https://api.prod:6443',
      skipTLSVerify: false,
    });
    expect(transport.supportsUnauthenticated).toBe(false);
  });

  it('says that unauthenticated requests are not supported', async () => {
    const transport = new BackstageProxyTransport({
      clusterName: 'c',
      discovery,
      auth,
      fetch: jest.fn() as unknown as typeof fetch,
    });
    await expect(
      transport.get('/api', {
        signal: new AbortController().signal,
        authenticated: false,
      }),
    ).rejects.toThrow(/not supported through the Backstage kubernetes proxy/);
  });

  it('reports a cluster whose auth provider needs a user token as ClusterNeedsUserCredentialsError, not a failure', async () => {
    const transport = new BackstageProxyTransport({
      clusterName: 'gke-prod',
      discovery,
      auth,
      fetch: (async () =>
        backstageError(
          500,
          'Error',
          'Google token not found under auth.google in request body',
        )) as unknown as typeof fetch,
    });
    const error = await collectSnapshot(transport).catch(e => e);
    expect(error).toBeInstanceOf(ClusterNeedsUserCredentialsError);
    expect(error.cluster).toBe('gke-prod');
    expect(error.message).toMatch(
      /^cluster 'gke-prod': its auth provider needs a signed-in user's token/,
    );
    expect(error.message).not.toContain('service-token-123');
  });

  it('collects through the proxy without the anonymous probe or certificate', async () => {
    const paths: string[] = [];
    const transport = new BackstageProxyTransport({
      clusterName: 'c',
      discovery,
      auth,
      fetch: (async (url: string) => {
        const path = new URL(url).pathname.replace('/api/kubernetes/proxy', '');
        paths.push(path);
        if (path === '/version')
          return json(200, { major: '1', minor: '33', gitVersion: 'v1.33.1' });
        if (path === '/api')
          return json(200, { kind: 'APIVersions', versions: ['v1'] });
        if (path === '/apis')
          return json(200, { kind: 'APIGroupList', groups: [] });
        if (path === '/api/v1/nodes')
          return json(200, {
            kind: 'NodeList',
            metadata: {},
            items: [{ metadata: { name: 'n1' } }],
          });
        return json(404, {
          kind: 'Status',
          code: 404,
          reason: 'NotFound',
          message: 'not found',
        });
      }) as unknown as typeof fetch,
    });
    const snapshot = await collectSnapshot(transport, {
      collectedAt: () => new Date('2026-01-01T00:00:00Z'),
      trim: false,
    });
    expect(snapshot.collectedAt).toBe('2026-01-01T00:00:00Z');
    expect(snapshot.serverVersion).toEqual({
      major: '1',
      minor: '33',
      gitVersion: 'v1.33.1',
    });
    expect(snapshot.anonymousProbe).toBeUndefined();
    expect(snapshot.serverCertificate).toBeUndefined();
    expect(snapshot.resources.nodes).toEqual({
      items: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }],
    });
    // Not served by discovery: a 404 entry for each non-optional group, optional ones left out.
    expect(snapshot.resources['deployments.apps'].error?.code).toBe(404);
    expect(snapshot.resources['nodepools.karpenter.sh']).toBeUndefined();
    expect(paths.some(p => p.includes('/secrets'))).toBe(false);
  });
});

describe('classifyProxyError', () => {
  const classify = (status: number, body: unknown, authProvider?: string) =>
    classifyProxyError({
      clusterName: 'c1',
      status,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      authProvider,
    });
  const bs = (name: string, message: string) => ({
    error: { name, message },
    response: { statusCode: 500 },
  });

  it('recognises the auth providers that need the end user token', () => {
    expect(
      classify(
        500,
        bs('Error', 'Google token not found under auth.google in request body'),
      ),
    ).toBeInstanceOf(ClusterNeedsUserCredentialsError);
    expect(
      classify(
        500,
        bs('Error', 'Auth token not found under oidc.okta in request body'),
      ),
    ).toBeInstanceOf(ClusterNeedsUserCredentialsError);
    expect(
      classify(
        500,
        bs(
          'Error',
          'oidc authProvider requires a configured oidcTokenProvider',
        ),
      ),
    ).toBeInstanceOf(ClusterNeedsUserCredentialsError);
    // aks without a user token: the proxy sends the request anonymously, the API server says 401.
    const aks = classify(
      401,
      { kind: 'Status', code: 401, reason: 'Unauthorized' },
      'aks',
    );
    expect(aks).toBeInstanceOf(ClusterNeedsUserCredentialsError);
    expect(aks?.message).toContain("auth provider 'aks'");
  });

  it('classifies the proxy’s own failures', () => {
    expect(
      classify(404, bs('NotFoundError', "Cluster 'c1' not found")),
    ).toBeInstanceOf(ClusterUnreachableError);
    expect(classify(403, bs('NotAllowedError', 'Unauthorized'))).toBeInstanceOf(
      ClusterAuthenticationError,
    );
    expect(
      classify(401, bs('AuthenticationError', 'Illegal token')),
    ).toBeInstanceOf(ClusterAuthenticationError);
    const refused = classify(
      500,
      bs(
        'Error',
        "Cluster 'c1' request error; caused by Error: connect ECONNREFUSED 10.0.0.1:6443",
      ),
    );
    expect(refused).toBeInstanceOf(ClusterUnreachableError);
    expect(refused?.message).toBe(
      "cluster 'c1': the Backstage kubernetes proxy cannot reach the API server: Error: connect ECONNREFUSED 10.0.0.1:6443",
    );
    expect(
      classify(
        500,
        bs(
          'Error',
          "Cluster 'c1' request error; caused by Error: self-signed certificate in certificate chain",
        ),
      ),
    ).toBeInstanceOf(ClusterTlsError);
  });

  it('leaves answers of the API server to the collector', () => {
    expect(
      classify(403, {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message: 'pods is forbidden',
      }),
    ).toBeUndefined();
    expect(
      classify(
        401,
        { kind: 'Status', code: 401, reason: 'Unauthorized' },
        'serviceAccount',
      ),
    ).toBeUndefined();
    expect(
      classify(500, bs('Error', 'An internal error occurred logId=abc')),
    ).toBeUndefined();
    expect(classify(503, 'upstream unavailable')).toBeUndefined();
    expect(classify(200, { major: '1' })).toBeUndefined();
  });
});
