import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  BUILTIN_CHECKS,
  checkMetadata,
  ClusterSummary,
} from '@cluster-readiness/backstage-plugin-common';
import {
  details,
  mockReadinessApi,
  result,
  summary,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { ClusterReadinessPage } from './ClusterReadinessPage';

const fleet: ClusterSummary[] = [
  summary('prod-eu-1', {
    score: 93,
    grade: 'A',
    owner: 'group:default/platform-team',
    system: 'system:default/payments',
  }),
  summary('prod-us-1', {
    score: 84,
    grade: 'B',
    owner: 'group:default/platform-team',
    system: 'system:default/payments',
  }),
  summary('staging-1', {
    score: 55,
    grade: 'F',
    owner: 'group:default/data-team',
    system: 'system:default/analytics',
    stale: true,
    state: 'stale',
    error: 'connection refused',
    categories: [{ id: 'access', score: 20, grade: 'F' }],
  }),
  summary('dev-1', {
    score: null,
    grade: null,
    coverage: null,
    owner: undefined,
    system: undefined,
    entityRef: undefined,
    categories: undefined as any,
    counts: null,
    evaluatedAt: undefined,
    state: 'needs-user-credentials',
  }),
];

const reports: Record<string, ReturnType<typeof details>> = {
  'prod-eu-1': details('prod-eu-1', [
    result('nodes.worker-count'),
    result('control-plane.etcd-backup', { status: 'warn' }),
  ]),
  'prod-us-1': details('prod-us-1', [
    result('control-plane.etcd-backup', { status: 'fail' }),
    result('access.network-policies', { status: 'warn' }),
  ]),
  'staging-1': details('staging-1', [
    result('control-plane.etcd-backup', { status: 'fail' }),
    result('nodes.worker-count', { status: 'fail' }),
  ]),
};

function fleetApi(clusters = fleet) {
  return mockReadinessApi({
    listClusters: jest.fn(async ({ offset = 0, limit = 100 } = {}) => ({
      items: clusters.slice(offset, offset + limit),
      totalItems: clusters.length,
    })),
    getCluster: jest.fn(
      async (name: string) => reports[name] ?? details(name, []),
    ),
    listChecks: jest.fn(async () => ({
      items: BUILTIN_CHECKS.map(checkMetadata),
    })),
    exportReadiness: jest.fn(async format => ({
      blob: new Blob([`export ${format}`]),
      filename: `cluster-readiness-2025-01-31.${format}`,
    })),
  });
}

function heatmap() {
  return screen
    .getByText(/^Clusters \(/)
    .closest('div[class*="MuiPaper"]') as HTMLElement;
}

function clusterRows() {
  return Array.from(heatmap().querySelectorAll('tbody tr')) as HTMLElement[];
}

function clusterNames() {
  return clusterRows().map(
    row => within(row).getAllByRole('cell')[0].textContent,
  );
}

// material-table renders slowly in jsdom; these tests click through many filters
jest.setTimeout(120_000);

describe('ClusterReadinessPage', () => {
  it('shows every cluster as a heat map, worst first, with rollups', async () => {
    const api = fleetApi();
    await renderWithApis(<ClusterReadinessPage />, { api });

    expect(await screen.findByText('Clusters (4)')).toBeInTheDocument();
    // unscored first (nothing is known about them), then lowest score first
    expect(clusterNames()).toEqual([
      'dev-1',
      'staging-1',
      'prod-us-1',
      'prod-eu-1',
    ]);
    const staging = clusterRows()[1];
    expect(
      within(staging).getByText('stale: connection refused'),
    ).toBeInTheDocument();
    // the score cell's background is the colour of its grade band
    expect(within(staging).getByText('55')).toHaveStyle({
      backgroundColor: '#ef5350',
    });
    expect(
      within(heatmap()).getByText('needs user credentials'),
    ).toBeInTheDocument();

    const summaryBox = screen.getByLabelText('Fleet summary');
    expect(summaryBox).toHaveTextContent('4 cluster(s) in view');
    expect(
      within(summaryBox).getByLabelText('Average score: 77'),
    ).toBeInTheDocument();
    expect(summaryBox).toHaveTextContent('1 stale');

    const byOwner = screen
      .getByText('By owner')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(within(byOwner).getByText('(no owner)')).toBeInTheDocument();
    expect(within(byOwner).getByText('platform-team')).toBeInTheDocument();
    const bySystem = screen
      .getByText('By system')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(within(bySystem).getByText('analytics')).toBeInTheDocument();
  });

  it('filters by owner, grade, category and staleness', async () => {
    await renderWithApis(<ClusterReadinessPage />, { api: fleetApi() });
    await screen.findByText('Clusters (4)');

    await userEvent.selectOptions(
      screen.getByLabelText('Owner filter'),
      'group:default/platform-team',
    );
    expect(screen.getByText('Clusters (2 of 4)')).toBeInTheDocument();
    expect(clusterNames()).toEqual(['prod-us-1', 'prod-eu-1']);

    await userEvent.click(screen.getByRole('button', { name: 'Grade A' }));
    expect(clusterNames()).toEqual(['prod-eu-1']);

    await userEvent.selectOptions(screen.getByLabelText('Owner filter'), '*');
    await userEvent.click(screen.getByRole('button', { name: 'Grade A' }));
    await userEvent.click(screen.getByRole('button', { name: 'Grade F' }));
    // overall F: staging-1 only
    expect(clusterNames()).toEqual(['staging-1']);
    // F in resource limits: every fixture but staging-1 (which has no such category)
    await userEvent.selectOptions(
      screen.getByLabelText('Category filter'),
      'resource-limits',
    );
    expect(clusterNames()).toEqual(['prod-us-1', 'prod-eu-1']);

    await userEvent.selectOptions(
      screen.getByLabelText('Category filter'),
      '*',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Grade F' }));
    await userEvent.selectOptions(
      screen.getByLabelText('Stale filter'),
      'true',
    );
    expect(clusterNames()).toEqual(['staging-1']);
    await userEvent.selectOptions(
      screen.getByLabelText('Stale filter'),
      'false',
    );
    expect(screen.getByText('Clusters (3 of 4)')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Owner filter'), '');
    expect(clusterNames()).toEqual(['dev-1']);
  });

  it('ranks the most-failed checks from the reports of the clusters in view', async () => {
    const api = fleetApi();
    await renderWithApis(<ClusterReadinessPage />, { api });

    const card = await screen.findByRole('region', {
      name: 'Most-failed checks',
    });
    await waitFor(() =>
      expect(within(card).getAllByRole('row').length).toBeGreaterThan(1),
    );
    expect(card).toHaveTextContent(
      'From the reports of 3 of 3 evaluated cluster(s) in view',
    );
    const rows = within(card).getAllByRole('row').slice(1);
    expect(
      within(rows[0]).getByText('control-plane.etcd-backup'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByLabelText('control-plane.etcd-backup failing'),
    ).toHaveTextContent('2');
    expect(
      within(rows[0]).getByLabelText('control-plane.etcd-backup warning'),
    ).toHaveTextContent('1');
    expect(within(rows[1]).getByText('nodes.worker-count')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('access.network-policies'),
    ).toBeInTheDocument();
    // dev-1 has never been evaluated: no report to read
    expect(api.getCluster).toHaveBeenCalledTimes(3);

    // narrowing the view reuses the reports already read
    await userEvent.selectOptions(
      screen.getByLabelText('Owner filter'),
      'group:default/data-team',
    );
    await waitFor(() =>
      expect(card).toHaveTextContent('From the reports of 1 of 1'),
    );
    expect(api.getCluster).toHaveBeenCalledTimes(3);
  });

  it('reads at most 50 reports until asked to analyse all', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      summary(`c${String(i).padStart(2, '0')}`, { score: 100 - i }),
    );
    const api = fleetApi(many);
    await renderWithApis(<ClusterReadinessPage />, { api });

    const card = await screen.findByRole('region', {
      name: 'Most-failed checks',
    });
    await waitFor(() =>
      expect(card).toHaveTextContent(
        'No check fails or warns on the analysed clusters.',
      ),
    );
    expect(card).toHaveTextContent(
      'From the reports of 50 of 60 evaluated cluster(s) in view, lowest-scoring first',
    );
    expect(api.getCluster).toHaveBeenCalledTimes(50);
    // the lowest-scoring were read
    expect(api.getCluster).toHaveBeenCalledWith('c59');
    expect(api.getCluster).not.toHaveBeenCalledWith('c00');

    await userEvent.click(
      within(card).getByRole('button', { name: 'Analyse all 60' }),
    );
    await waitFor(() =>
      expect(card).toHaveTextContent('From the reports of 60 of 60'),
    );
    await waitFor(() =>
      expect(card).toHaveTextContent('No check fails or warns'),
    );
    expect(api.getCluster).toHaveBeenCalledTimes(60);
  });

  it('pages the heat map', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      summary(`c${i}`, { score: i }),
    );
    await renderWithApis(<ClusterReadinessPage />, { api: fleetApi(many) });
    await screen.findByText('Clusters (60)');
    expect(clusterRows()).toHaveLength(25);
    expect(clusterNames()[0]).toBe('c0');
    await userEvent.click(
      within(heatmap()).getByRole('button', { name: 'Next Page' }),
    );
    expect(clusterNames()[0]).toBe('c25');
  });

  it('downloads exports through the API', async () => {
    const api = fleetApi();
    const createObjectURL = jest.fn(() => 'blob:export');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderWithApis(<ClusterReadinessPage />, { api });
    await screen.findByText('Clusters (4)');

    for (const [label, format] of [
      ['CSV', 'csv'],
      ['JSON', 'json'],
      ['SARIF', 'sarif'],
    ]) {
      await userEvent.click(screen.getByRole('button', { name: label }));
      await waitFor(() =>
        expect(api.exportReadiness).toHaveBeenLastCalledWith(format),
      );
    }
    await waitFor(() => expect(click).toHaveBeenCalledTimes(3));
    expect(createObjectURL).toHaveBeenCalledTimes(3);
    click.mockRestore();
  });

  it('shows the error panel when the backend answers 500', async () => {
    const api = mockReadinessApi({
      listClusters: jest.fn(async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'Error', message: 'database is down' },
              response: { statusCode: 500 },
            }),
            {
              status: 500,
              statusText: 'Internal Server Error',
              headers: { 'content-type': 'application/json' },
            },
          ) as any,
        );
      }),
    });
    await renderWithApis(<ClusterReadinessPage />, { api });
    expect(
      await screen.findByText(
        /Request failed with 500 Internal Server Error: database is down/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('shows an empty state without clusters', async () => {
    await renderWithApis(<ClusterReadinessPage />, { api: fleetApi([]) });
    expect(await screen.findByText('No clusters yet')).toBeInTheDocument();
  });

  it('keeps the check catalog under "Checks"', async () => {
    const api = fleetApi();
    await renderWithApis(<ClusterReadinessPage />, { api });
    await screen.findByText('Clusters (4)');
    await userEvent.click(screen.getByRole('tab', { name: 'Checks' }));
    expect(
      await screen.findByText(`Checks (${BUILTIN_CHECKS.length})`),
    ).toBeInTheDocument();
    expect(screen.getByText(BUILTIN_CHECKS[0].title)).toBeInTheDocument();
  });

  it('falls back to the built-in checks when the backend list fails', async () => {
    const api = fleetApi();
    api.listChecks.mockRejectedValue(new Error('offline'));
    await renderWithApis(<ClusterReadinessPage />, {
      api,
      routeEntries: ['/checks'],
    });
    expect(
      await screen.findByText(`Checks (${BUILTIN_CHECKS.length})`),
    ).toBeInTheDocument();
    expect(screen.getByText(/Showing the built-in checks/)).toBeInTheDocument();
  });
});
