import { ResponseError } from '@backstage/errors';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  BUILTIN_CHECKS,
  ClusterSummary,
} from '@cluster-readiness/backstage-plugin-common';
import { useLocation } from 'react-router-dom';
import {
  ALL_GRADE_STATES,
  GRADE_STATES,
  GradeState,
  gradedSummary,
  mockReadinessApi,
  summary,
} from '../../__testUtils__/fixtures';
import { emptyAggregates, fakeFleetApi } from '../../__testUtils__/fleetApi';
import { gradeExpected, gradeShown } from '../../__testUtils__/grades';
import { renderWithApis } from '../../__testUtils__/render';
import { SEARCH_DEBOUNCE_MS } from '../ClusterFleetOverview/FleetFilterBar';
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
  summary('new-1', {
    score: null,
    grade: null,
    coverage: null,
    categories: [],
    counts: null,
    evaluatedAt: undefined,
    state: 'pending',
  }),
  summary('broken-1', {
    score: null,
    grade: null,
    coverage: null,
    categories: [],
    counts: null,
    evaluatedAt: undefined,
    state: 'error',
    error: 'x509: certificate signed by unknown authority',
  }),
];

const aggregates = emptyAggregates({
  totalClusters: 6,
  averageScore: 77,
  grades: { A: 1, B: 1, C: 0, D: 0, F: 1, none: 3 },
  states: {
    ok: 2,
    stale: 1,
    error: 1,
    'needs-user-credentials': 1,
    pending: 1,
  },
  stale: 1,
  capped: 2,
  owners: [
    {
      key: 'group:default/platform-team',
      clusters: 4,
      averageScore: 89,
      grades: { A: 1, B: 1, C: 0, D: 0, F: 0, none: 2 },
      stale: 0,
      unread: 2,
    },
    {
      key: 'group:default/data-team',
      clusters: 1,
      averageScore: 55,
      grades: { A: 0, B: 0, C: 0, D: 0, F: 1, none: 0 },
      stale: 1,
      unread: 0,
    },
    {
      key: null,
      clusters: 1,
      averageScore: null,
      grades: { A: 0, B: 0, C: 0, D: 0, F: 0, none: 1 },
      stale: 0,
      unread: 1,
    },
  ],
  systems: [
    {
      key: 'system:default/analytics',
      clusters: 1,
      averageScore: 55,
      grades: { A: 0, B: 0, C: 0, D: 0, F: 1, none: 0 },
      stale: 1,
      unread: 0,
    },
  ],
  mostFailedChecks: [
    {
      checkId: 'control-plane.etcd-backup',
      title: 'etcd is backed up',
      category: 'control-plane',
      severity: 'critical',
      failing: 812,
      warning: 3,
      waived: 41,
    },
    {
      checkId: 'nodes.worker-count',
      title: 'Enough worker nodes',
      category: 'nodes',
      severity: 'high',
      failing: 12,
      warning: 0,
      waived: 0,
    },
  ],
});

function LocationProbe() {
  const { search } = useLocation();
  return <output aria-label="location search">{search}</output>;
}

function page(api = fakeFleetApi(fleet, aggregates), routeEntries?: string[]) {
  return renderWithApis(
    <>
      <ClusterReadinessPage />
      <LocationProbe />
    </>,
    { api, routeEntries },
  );
}

const table = () => screen.getByRole('region', { name: 'Clusters' });
const rows = () =>
  within(table())
    .getAllByRole('row')
    .filter(r => r.dataset.testid);
const names = () =>
  rows().map(r => r.dataset.testid!.replace('cluster-row-', ''));
const locationSearch = () =>
  new URLSearchParams(screen.getByLabelText('location search').textContent!);
const lastListRequest = (api: ReturnType<typeof fakeFleetApi>) =>
  api.listClusters.mock.calls[api.listClusters.mock.calls.length - 1][0] ?? {};

// The page clicks through filters on a shared, loaded machine; a hang guard only.
jest.setTimeout(60_000);

describe('ClusterReadinessPage', () => {
  it('reads one page of clusters and the aggregates, never the whole fleet or any report', async () => {
    const api = fakeFleetApi(fleet, aggregates);
    await page(api);
    expect(await screen.findByText('Clusters (6)')).toBeInTheDocument();

    expect(api.listClusters).toHaveBeenCalledTimes(1);
    expect(api.listClusters).toHaveBeenCalledWith({
      sort: 'score',
      order: 'asc',
      limit: 25,
      cursor: undefined,
    });
    expect(api.getFleet).toHaveBeenCalledTimes(1);
    expect(api.getFleet).toHaveBeenCalledWith({}, { checks: 10 });
    expect(api.getCluster).not.toHaveBeenCalled();

    const summaryBox = screen.getByRole('region', { name: 'Fleet summary' });
    expect(summaryBox).toHaveTextContent('6 cluster(s) in view');
    expect(
      within(summaryBox).getByLabelText('Average score: 77'),
    ).toBeInTheDocument();
    const grades = within(summaryBox).getByRole('group', {
      name: 'Grade distribution',
    });
    expect(grades).toHaveTextContent('A×1');
    expect(grades).toHaveTextContent('F×1');
    expect(grades).toHaveTextContent('no grade ×3');
    expect(
      within(summaryBox).getByRole('group', {
        name: 'Clusters with a capped grade',
      }),
    ).toHaveTextContent('2 capped');
    expect(
      within(summaryBox).getByRole('group', { name: 'Clusters not read' }),
    ).toHaveTextContent('3 not read');

    const byOwner = screen.getByRole('region', { name: 'By owner' });
    expect(within(byOwner).getByText('(no owner)')).toBeInTheDocument();
    expect(within(byOwner).getByText('platform-team')).toBeInTheDocument();
    expect(
      within(byOwner).getByLabelText(
        'group:default/platform-team without a grade',
      ),
    ).toHaveTextContent('2');
    expect(
      within(byOwner).getByLabelText('group:default/platform-team unread'),
    ).toHaveTextContent('2');
    const bySystem = screen.getByRole('region', { name: 'By system' });
    expect(within(bySystem).getByText('analytics')).toBeInTheDocument();

    const failed = screen.getByRole('region', { name: 'Most-failed checks' });
    expect(failed).toHaveTextContent('Over all 6 cluster(s) in view');
    expect(
      within(failed).getByLabelText('control-plane.etcd-backup failing'),
    ).toHaveTextContent('812');
    expect(
      within(failed).getByLabelText('control-plane.etcd-backup waived'),
    ).toHaveTextContent('41');
    expect(
      within(failed).getByRole('link', { name: 'etcd is backed up' }),
    ).toHaveAttribute(
      'href',
      '/cluster-readiness/checks/control-plane.etcd-backup',
    );
  });

  it('shows clusters without a report on one compact row with their reason, in the order the backend sorted them', async () => {
    await page();
    await screen.findByText('Clusters (6)');
    // the backend's order (unscored last here), not moved to the top
    expect(names()).toEqual([
      'staging-1',
      'prod-us-1',
      'prod-eu-1',
      'broken-1',
      'dev-1',
      'new-1',
    ]);
    const row = (name: string) => screen.getByTestId(`cluster-row-${name}`);
    for (const [name, reason] of [
      ['new-1', 'Pending: not read yet'],
      ['broken-1', 'Failed to read: x509: certificate signed by unknown'],
      ['dev-1', 'Needs user credentials'],
    ]) {
      // cluster, owner, system and one cell with the reason
      const cells = within(row(name)).getAllByRole('cell');
      expect(cells).toHaveLength(4);
      expect(cells[0]).toHaveTextContent(name);
      expect(cells[3]).toHaveAttribute('colspan');
      expect(row(name)).toHaveTextContent(reason);
    }
    const staging = row('staging-1');
    expect(
      within(staging).getByText('stale: connection refused'),
    ).toBeInTheDocument();
    // the score cell's background is the colour of its grade band
    expect(within(staging).getByText('55')).toHaveStyle({
      backgroundColor: '#ef5350',
    });
  });

  it('shows the first rows of long rollups, and all of them on request', async () => {
    const owners = Array.from({ length: 45 }, (_, i) => ({
      key: `group:default/team-${String(i).padStart(2, '0')}`,
      clusters: 2,
      averageScore: 80,
      grades: { A: 0, B: 2, C: 0, D: 0, F: 0, none: 0 },
      stale: 0,
      unread: 0,
    }));
    await page(fakeFleetApi(fleet, { ...aggregates, owners }));
    await screen.findByText('Clusters (6)');
    const byOwner = screen.getByRole('region', { name: 'By owner' });
    const bodyRows = () => within(byOwner).getAllByRole('row').length - 1;
    expect(bodyRows()).toBe(20);
    await userEvent.click(
      within(byOwner).getByRole('button', { name: 'Show all 45' }),
    );
    expect(bodyRows()).toBe(45);
    expect(within(byOwner).getByText('team-44')).toBeInTheDocument();
  });

  it('pages with the cursor, forward and back', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      summary(`c${String(i).padStart(2, '0')}`, { score: i }),
    );
    const api = fakeFleetApi(many);
    await page(api);
    await screen.findByText('Clusters (60)');
    expect(rows()).toHaveLength(25);
    expect(names()[0]).toBe('c00');
    expect(table()).toHaveTextContent('1–25 of 60');
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(names()[0]).toBe('c25'));
    expect(lastListRequest(api)).toMatchObject({ cursor: '25', limit: 25 });
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(names()[0]).toBe('c50'));
    expect(rows()).toHaveLength(10);
    expect(table()).toHaveTextContent('51–60 of 60');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() => expect(names()[0]).toBe('c25'));
    expect(lastListRequest(api)).toMatchObject({ cursor: '25' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() => expect(names()[0]).toBe('c00'));
    expect(lastListRequest(api).cursor).toBeUndefined();
    // the aggregates do not depend on the page
    expect(api.getFleet).toHaveBeenCalledTimes(1);
  });

  it('filters by grade (with "no grade"), state and freshness on the server, in the URL, from the first page', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      summary(`c${String(i).padStart(2, '0')}`, { score: 90 }),
    );
    const api = fakeFleetApi([...many, ...fleet], aggregates);
    await page(api);
    await screen.findByText('Clusters (36)');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastListRequest(api).cursor).toBe('25'));

    await userEvent.click(screen.getByRole('button', { name: 'Grade F' }));
    await userEvent.click(screen.getByRole('button', { name: 'No grade' }));
    await waitFor(() =>
      expect(lastListRequest(api)).toEqual({
        grade: ['F', 'none'],
        sort: 'score',
        order: 'asc',
        limit: 25,
        cursor: undefined,
      }),
    );
    expect(api.getFleet).toHaveBeenLastCalledWith(
      { grade: ['F', 'none'] },
      { checks: 10 },
    );
    // the fleet's size comes from the unfiltered aggregates
    expect(await screen.findByText('Clusters (4 of 6)')).toBeInTheDocument();
    expect(api.getFleet).toHaveBeenCalledWith({}, { checks: 1 });
    expect(names()).toEqual(['staging-1', 'broken-1', 'dev-1', 'new-1']);
    expect(locationSearch().getAll('grade')).toEqual(['F', 'none']);

    await userEvent.click(
      screen.getByRole('button', { name: 'State pending' }),
    );
    await waitFor(() => expect(names()).toEqual(['new-1']));
    expect(lastListRequest(api).state).toEqual(['pending']);

    await userEvent.click(
      screen.getByRole('button', { name: 'State pending' }),
    );
    await userEvent.selectOptions(screen.getByLabelText('Freshness'), 'true');
    await waitFor(() => expect(names()).toEqual(['staging-1']));
    expect(lastListRequest(api)).toMatchObject({
      grade: ['F', 'none'],
      stale: true,
    });
    expect(lastListRequest(api).state).toBeUndefined();
    expect(locationSearch().get('stale')).toBe('true');
  });

  it('opens the view a shared link describes', async () => {
    const api = fakeFleetApi(fleet, aggregates);
    await page(api, [
      '/?owner=group%3Adefault%2Fplatform-team&system=system%3Adefault%2Fpayments&grade=none&state=pending&q=new&sort=name&order=desc&pageSize=50',
    ]);
    await waitFor(() => expect(names()).toEqual(['new-1']));
    expect(api.listClusters).toHaveBeenCalledTimes(1);
    expect(api.listClusters).toHaveBeenCalledWith({
      owner: ['group:default/platform-team'],
      system: ['system:default/payments'],
      grade: ['none'],
      state: ['pending'],
      q: 'new',
      sort: 'name',
      order: 'desc',
      limit: 50,
      cursor: undefined,
    });
    expect(screen.getByRole('button', { name: 'No grade' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Grade F' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    expect(screen.getByLabelText('Search')).toHaveValue('new');
    const filters = screen.getByRole('region', { name: 'Filters' });
    // the selected owner and system as chips of their filters
    expect(
      within(filters).getByRole('button', { name: 'platform-team' }),
    ).toBeInTheDocument();
    expect(
      within(filters).getByRole('button', { name: 'payments' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Rows per page')).toHaveValue('50');
  });

  it('filters by owner from the owners the fleet has', async () => {
    const api = fakeFleetApi(fleet, aggregates);
    await page(api);
    await screen.findByText('Clusters (6)');
    await userEvent.click(screen.getByLabelText('Owner'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'data-team' }),
    );
    await waitFor(() => expect(names()).toEqual(['staging-1']));
    expect(lastListRequest(api).owner).toEqual(['group:default/data-team']);
    expect(locationSearch().getAll('owner')).toEqual([
      'group:default/data-team',
    ]);
  });

  it('sorts on the server by the column clicked, ascending then descending', async () => {
    const api = fakeFleetApi(fleet, aggregates);
    await page(api);
    await screen.findByText('Clusters (6)');
    await userEvent.click(
      within(table()).getByRole('button', { name: 'Cluster' }),
    );
    await waitFor(() =>
      expect(lastListRequest(api)).toMatchObject({
        sort: 'name',
        order: 'asc',
      }),
    );
    await waitFor(() => expect(names()[0]).toBe('broken-1'));
    await userEvent.click(
      within(table()).getByRole('button', { name: 'Cluster' }),
    );
    await waitFor(() => expect(names()[0]).toBe('staging-1'));
    expect(lastListRequest(api)).toMatchObject({ sort: 'name', order: 'desc' });
    expect(locationSearch().get('sort')).toBe('name');
    expect(locationSearch().get('order')).toBe('desc');
    // sorting does not change the aggregates
    expect(api.getFleet).toHaveBeenCalledTimes(1);
  });

  describe('the text search', () => {
    afterEach(() => jest.useRealTimers());

    it('asks the backend once typing pauses, not per keystroke', async () => {
      jest.useFakeTimers();
      const api = fakeFleetApi(fleet, aggregates);
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      await page(api);
      await screen.findByText('Clusters (6)');
      await user.type(screen.getByLabelText('Search'), 'prod');
      act(() => {
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
      });
      expect(api.listClusters).toHaveBeenCalledTimes(1);
      act(() => {
        jest.advanceTimersByTime(1);
      });
      await waitFor(() => expect(api.listClusters).toHaveBeenCalledTimes(2));
      expect(lastListRequest(api).q).toBe('prod');
      await waitFor(() => expect(names()).toEqual(['prod-us-1', 'prod-eu-1']));
      expect(locationSearch().get('q')).toBe('prod');
    });
  });

  it('downloads exports through the API', async () => {
    const api = fakeFleetApi(fleet, aggregates);
    const createObjectURL = jest.fn(() => 'blob:export');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await page(api);
    await screen.findByText('Clusters (6)');

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
    const api = fakeFleetApi(fleet, aggregates);
    api.getFleet.mockImplementation(async () => {
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
    });
    await page(api);
    expect(
      await screen.findByText(
        /Request failed with 500 Internal Server Error: database is down/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('shows an empty state without clusters', async () => {
    await page(fakeFleetApi([]));
    expect(await screen.findByText('No clusters yet')).toBeInTheDocument();
  });

  it('shows each cluster’s distribution and capped or withheld grade, per category too', async () => {
    const graded = ALL_GRADE_STATES.map(state => gradedSummary(state));
    await page(fakeFleetApi(graded));
    await screen.findByText(`Clusters (${graded.length})`);
    const rowOf = (state: GradeState) =>
      screen.getByTestId(`cluster-row-${GRADE_STATES[state].name}`);
    // a report made before checks v2 (legacy-1) shows no cap, no distribution
    expect(ALL_GRADE_STATES.map(state => gradeShown(rowOf(state)))).toEqual(
      ALL_GRADE_STATES.map(state => gradeExpected(state, { categories: true })),
    );
  });

  it('keeps the check catalog under "Checks", each check linking to its page', async () => {
    const api = fakeFleetApi(fleet, aggregates);
    await page(api);
    await screen.findByText('Clusters (6)');
    await userEvent.click(screen.getByRole('tab', { name: 'Checks' }));
    expect(
      await screen.findByText(`Checks (${BUILTIN_CHECKS.length})`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: BUILTIN_CHECKS[0].title }),
    ).toHaveAttribute(
      'href',
      `/cluster-readiness/checks/${BUILTIN_CHECKS[0].id}`,
    );
  });

  it('falls back to the built-in checks when the backend list fails', async () => {
    const api = mockReadinessApi({
      listChecks: jest.fn(async () => {
        throw new Error('offline');
      }),
    });
    await renderWithApis(<ClusterReadinessPage />, {
      api,
      routeEntries: ['/checks'],
    });
    expect(
      await screen.findByText(`Checks (${BUILTIN_CHECKS.length})`),
    ).toBeInTheDocument();
    expect(screen.getByText(/Showing the built-in checks/)).toBeInTheDocument();
  });

  it('explains on the Checks tab how grades are capped, in the shared words', async () => {
    await renderWithApis(<ClusterReadinessPage />, {
      api: fakeFleetApi(fleet),
      routeEntries: ['/checks'],
    });
    const rules = await screen.findByRole('region', {
      name: 'How grades are made',
    });
    expect(rules).toHaveTextContent('C · capped by coverage 59 %');
    expect(rules).toHaveTextContent('no grade · coverage 31 %');
    expect(rules).toHaveTextContent('below 50 % no grade');
  });
});
