import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  BUILTIN_CHECKS,
  CheckClusterResult,
  checkMetadata,
} from '@cluster-readiness/backstage-plugin-common';
import { mockReadinessApi, summary } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { ClusterReadinessPage } from '../ClusterReadinessPage';
import { CHECK_PAGE_SIZE } from './CheckPage';
import { checkIdOf } from './ChecksRoute';

const check = BUILTIN_CHECKS.find(c => c.id === 'control-plane.etcd-backup')!;

function resultOf(
  name: string,
  overrides: Partial<CheckClusterResult> = {},
): CheckClusterResult {
  return {
    cluster: summary(name),
    status: 'fail',
    message: `${name}: no etcd backup`,
    ...overrides,
  };
}

const results: CheckClusterResult[] = [
  resultOf('prod-eu-1'),
  resultOf('staging-1', {
    status: 'warn',
    message: 'backup older than a day',
    cluster: summary('staging-1', { owner: 'group:default/data-team' }),
  }),
  resultOf('lab-1', {
    waiver: {
      check: check.id,
      cluster: 'lab-1',
      reason: 'lab cluster, rebuilt nightly',
      owner: 'group:default/platform-team',
      expires: '2027-01-31',
      expired: false,
    },
  }),
  ...Array.from({ length: 60 }, (_, i) =>
    resultOf(`pass-${String(i).padStart(2, '0')}`, {
      status: 'pass',
      message: 'backed up',
    }),
  ),
];

function checkApi() {
  return mockReadinessApi({
    listChecks: jest.fn(async () => ({
      items: BUILTIN_CHECKS.map(checkMetadata),
    })),
    listCheckClusters: jest.fn(
      async (checkId: string, { status, limit = 100, cursor } = {}) => {
        const matching = results.filter(
          r => !status?.length || status.includes(r.status),
        );
        const start = cursor ? Number(cursor) : 0;
        return {
          checkId,
          counts: {
            fail: 1,
            warn: 1,
            unknown: 0,
            pass: 60,
            'not-applicable': 0,
            waived: 1,
          },
          items: matching.slice(start, start + limit),
          totalItems: matching.length,
          nextCursor:
            start + limit < matching.length ? String(start + limit) : undefined,
        };
      },
    ),
  });
}

const openCheck = (api = checkApi(), id = check.id) =>
  renderWithApis(<ClusterReadinessPage />, {
    api,
    routeEntries: [`/checks/${encodeURIComponent(id)}`],
  });

const rowNames = () =>
  screen
    .getAllByTestId(/^result-/)
    .map(r => r.dataset.testid!.replace('result-', ''));

jest.setTimeout(60_000);

describe('CheckPage', () => {
  it("shows the check's rule, severity, category, remediation and status counts", async () => {
    await openCheck();
    expect(
      await screen.findByRole('heading', { name: check.title }),
    ).toBeInTheDocument();
    const about = await screen.findByRole('region', {
      name: 'About this check',
    });
    expect(about).toHaveTextContent(check.rule);
    expect(about).toHaveTextContent(check.severity);
    expect(about).toHaveTextContent('Control plane');
    expect(
      within(about).getByRole('link', { name: /How to fix it/ }),
    ).toHaveAttribute('href', check.remediation);
    const counts = await screen.findByRole('group', { name: 'Status counts' });
    expect(counts).toHaveTextContent('Fail: 1');
    expect(counts).toHaveTextContent('Pass: 60');
    expect(counts).toHaveTextContent('Waived: 1');
    expect(screen.getByRole('link', { name: '← All checks' })).toHaveAttribute(
      'href',
      '/cluster-readiness/checks',
    );
  });

  it("lists every cluster's result a page at a time, with the waiver that covers it", async () => {
    const api = checkApi();
    await openCheck(api);
    await waitFor(() => expect(rowNames()).toHaveLength(CHECK_PAGE_SIZE));
    expect(api.listCheckClusters).toHaveBeenCalledWith(check.id, {
      status: undefined,
      limit: CHECK_PAGE_SIZE,
      cursor: undefined,
    });
    expect(rowNames().slice(0, 3)).toEqual(['prod-eu-1', 'staging-1', 'lab-1']);
    const lab = screen.getByTestId('result-lab-1');
    expect(lab).toHaveTextContent('Waived: lab cluster, rebuilt nightly');
    expect(lab).toHaveTextContent(
      'by group:default/platform-team · expires 2027-01-31 00:00 UTC',
    );
    expect(screen.getByTestId('result-staging-1')).toHaveTextContent(
      'backup older than a day',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(rowNames()).toHaveLength(13));
    expect(api.listCheckClusters).toHaveBeenLastCalledWith(check.id, {
      status: undefined,
      limit: CHECK_PAGE_SIZE,
      cursor: String(CHECK_PAGE_SIZE),
    });
    expect(screen.getByText('51–63 of 63')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() => expect(rowNames()[0]).toBe('prod-eu-1'));
  });

  it('filters the results by status on the server, from the first page', async () => {
    const api = checkApi();
    await openCheck(api);
    await waitFor(() => expect(rowNames()).toHaveLength(CHECK_PAGE_SIZE));
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(rowNames()).toHaveLength(13));
    await userEvent.click(screen.getByRole('button', { name: 'Status fail' }));
    await userEvent.click(screen.getByRole('button', { name: 'Status warn' }));
    await waitFor(() =>
      expect(rowNames()).toEqual(['prod-eu-1', 'staging-1', 'lab-1']),
    );
    expect(api.listCheckClusters).toHaveBeenLastCalledWith(check.id, {
      status: ['fail', 'warn'],
      limit: CHECK_PAGE_SIZE,
      cursor: undefined,
    });
  });

  it('says so when the backend does not know the check', async () => {
    await openCheck(checkApi(), 'custom.gone');
    expect(
      await screen.findByText(
        'The backend does not list a check “custom.gone”.',
      ),
    ).toBeInTheDocument();
  });

  it('reads the check id from the location', () => {
    expect(checkIdOf('/cluster-readiness/checks/nodes.worker-count')).toBe(
      'nodes.worker-count',
    );
    expect(checkIdOf('/cluster-readiness/checks/a%2Fb/')).toBe('a/b');
    expect(checkIdOf('/cluster-readiness/checks')).toBeUndefined();
    expect(checkIdOf('/cluster-readiness/checks/')).toBeUndefined();
    expect(checkIdOf('/cluster-readiness/clusters')).toBeUndefined();
  });
});
