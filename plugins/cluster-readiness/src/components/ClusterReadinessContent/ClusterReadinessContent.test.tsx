import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ClusterDetails } from '@cluster-readiness/backstage-plugin-common';
import {
  clusterEntity,
  details,
  gradedDetails,
  GRADE_STATES,
  GradeState,
  mockReadinessApi,
  result,
  sampleChecks,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { ClusterReadinessContent } from './ClusterReadinessContent';

function apiFor(cluster: ClusterDetails | null) {
  return mockReadinessApi({
    getEntityReadiness: jest.fn(async () => ({
      kind: 'cluster' as const,
      entityRef: 'resource:default/prod-eu-1',
      cluster,
    })),
    getHistory: jest.fn(async () => ({
      items: [
        {
          evaluatedAt: '2025-01-28T10:00:00Z',
          score: 60,
          grade: 'D' as const,
          coverage: 0.9,
          categories: {},
          counts: {} as any,
        },
        {
          evaluatedAt: '2025-01-29T10:00:00Z',
          score: 72,
          grade: 'C' as const,
          coverage: 0.9,
          categories: {},
          counts: {} as any,
        },
        {
          evaluatedAt: '2025-01-30T10:00:00Z',
          score: 78,
          grade: 'C' as const,
          coverage: 0.9,
          categories: {},
          counts: {} as any,
        },
      ],
    })),
    getDrift: jest.fn(async () => ({
      items: [
        {
          evaluatedAt: '2025-01-30T10:00:00Z',
          checkId: 'control-plane.etcd-backup',
          from: 'pass' as const,
          to: 'warn' as const,
        },
        {
          evaluatedAt: '2025-01-29T10:00:00Z',
          checkId: 'nodes.worker-count',
          from: 'fail' as const,
          to: 'pass' as const,
        },
      ],
    })),
  });
}

const cluster = details('prod-eu-1', sampleChecks, {
  evaluatedAt: '2025-01-30T10:00:00Z',
});

// material-table renders slowly in jsdom, more so on a shared machine; a hang guard only
jest.setTimeout(30_000);

describe('ClusterReadinessContent', () => {
  it('shows score, grade, coverage, categories, trend, drift and checks worst first', async () => {
    const api = apiFor(cluster);
    await renderWithApis(<ClusterReadinessContent />, {
      api,
      entity: clusterEntity,
    });

    expect(
      await screen.findByText('Readiness of prod-eu-1'),
    ).toBeInTheDocument();
    expect(api.getEntityReadiness).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'prod-eu-1',
    });
    const overall = screen.getByLabelText('Overall score');
    expect(
      within(overall).getByText(String(cluster.score)),
    ).toBeInTheDocument();
    expect(
      screen.getAllByLabelText(`Grade ${cluster.grade}`).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText(`${Math.round(cluster.coverage! * 100)}%`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Last evaluated 2025-01-30 10:00 UTC/),
    ).toBeInTheDocument();

    for (const title of [
      'Control plane',
      'Worker nodes',
      'Access',
      'Resource limits',
    ]) {
      expect(screen.getByLabelText(`${title} score`)).toBeInTheDocument();
    }

    expect(
      await screen.findByRole('img', {
        name: /Score over time: 60 on 2025-01-28 10:00 UTC to 78/,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        '1 check changed status since the previous evaluation.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Earlier changes')).toBeInTheDocument();

    // the checks table: unwaived fail first, waived results last
    const table = screen
      .getByText('Checks (7 of 7)')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      within(rows[0]).getByText('control-plane.apiserver-replicas'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('Only 1 API server instance runs.'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('Pod/kube-system/kube-apiserver-cp-1'),
    ).toBeInTheDocument();
    expect(
      within(rows[rows.length - 1]).getByText('access.network-policies'),
    ).toBeInTheDocument();
    expect(
      within(rows[rows.length - 1]).getByText('Migrating to Cilium policies'),
    ).toBeInTheDocument();
    expect(
      within(rows[rows.length - 1]).getByText(/until 2099-12-31/),
    ).toBeInTheDocument();
    // an expired waiver no longer applies: the fail ranks with the fails, marked expired
    expect(
      within(rows[1]).getByText('access.tls-verification'),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByLabelText('waiver expired'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'missing permission: list apiservices.apiregistration.k8s.io',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('Kubernetes docs')[0].closest('a'),
    ).toHaveAttribute('href', sampleChecks[0].remediation);
  });

  it('filters the checks by category and status', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor(cluster),
      entity: clusterEntity,
    });
    await screen.findByText('Checks (7 of 7)');

    await userEvent.selectOptions(
      screen.getByLabelText('Category filter'),
      'control-plane',
    );
    expect(screen.getByText('Checks (2 of 7)')).toBeInTheDocument();
    expect(screen.queryByText('nodes.worker-count')).not.toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByLabelText('Status filter'),
      'warn',
    );
    expect(screen.getByText('Checks (1 of 7)')).toBeInTheDocument();
    expect(screen.getByText('control-plane.etcd-backup')).toBeInTheDocument();
    expect(
      screen.queryByText('control-plane.apiserver-replicas'),
    ).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Category filter'), '');
    await userEvent.selectOptions(
      screen.getByLabelText('Status filter'),
      'waived',
    );
    expect(screen.getByText('Checks (1 of 7)')).toBeInTheDocument();
    expect(screen.getByText('access.network-policies')).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByLabelText('Status filter'),
      'not-applicable',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Category filter'),
      'access',
    );
    expect(
      screen.getByText('No check matches these filters.'),
    ).toBeInTheDocument();
  });

  it('refreshes when permitted and reloads the report', async () => {
    const api = apiFor(cluster);
    api.refreshCluster = jest.fn(async (_name: string) => cluster);
    await renderWithApis(<ClusterReadinessContent />, {
      api,
      entity: clusterEntity,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /Refresh/ }),
    );
    await waitFor(() =>
      expect(api.refreshCluster).toHaveBeenCalledWith('prod-eu-1'),
    );
    await waitFor(() =>
      expect(api.getEntityReadiness).toHaveBeenCalledTimes(2),
    );
  });

  it('hides the refresh button without the refresh permission', async () => {
    // usePermission caches answers per permission and resource across renders
    // (stale-while-revalidate), so this test asks about an entity of its own
    const locked = {
      ...clusterEntity,
      metadata: { ...clusterEntity.metadata, name: 'locked-1' },
    };
    const onAuthorize = jest.fn();
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor({ ...cluster, name: 'locked-1' }),
      entity: locked,
      permitted: false,
      onAuthorize,
    });
    expect(
      await screen.findByText('Readiness of locked-1'),
    ).toBeInTheDocument();
    await waitFor(
      () =>
        expect(onAuthorize).toHaveBeenCalledWith({
          permission: expect.objectContaining({
            name: 'cluster-readiness.cluster.refresh',
          }),
          resourceRef: 'resource:default/locked-1',
        }),
      { timeout: 15_000 },
    );
    expect(
      screen.queryByRole('button', { name: /Refresh/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a stale report with the refresh error', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor({
        ...cluster,
        stale: true,
        state: 'stale',
        error: 'dial tcp: connection refused',
      }),
      entity: clusterEntity,
    });
    expect(
      await screen.findByText(/stale: dial tcp: connection refused/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Stale: the last refresh .* failed; showing the last good report/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Checks (7 of 7)')).toBeInTheDocument();
  });

  it('explains a cluster that needs user credentials and has no report', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor({
        ...cluster,
        report: undefined,
        score: null,
        grade: null,
        coverage: null,
        counts: null,
        evaluatedAt: undefined,
        state: 'needs-user-credentials',
        error: 'auth provider oidc needs a user token',
      }),
      entity: clusterEntity,
    });
    expect(
      await screen.findByText(
        /This cluster needs a signed-in user's credentials/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No score')).toBeInTheDocument();
    expect(
      screen.getByText('Not evaluated yet', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText('No report yet')).toBeInTheDocument();
  });

  it('shows an error state for a cluster that failed without a report', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor({
        ...cluster,
        report: undefined,
        state: 'error',
        error: 'x509: certificate signed by unknown authority',
      }),
      entity: clusterEntity,
    });
    expect(
      await screen.findByText(/The cluster could not be evaluated/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/x509: certificate signed by unknown authority/)
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows the error panel when the backend answers 500', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => {
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
    await renderWithApis(<ClusterReadinessContent />, {
      api,
      entity: clusterEntity,
    });
    expect(
      await screen.findByText(
        /Request failed with 500 Internal Server Error: database is down/,
      ),
    ).toBeInTheDocument();
  });

  it('shows an empty state when the backend has no report for the cluster', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor(null),
      entity: clusterEntity,
    });
    expect(
      await screen.findByText('No readiness report for this cluster'),
    ).toBeInTheDocument();
  });

  it('does not crash on a partial report', async () => {
    const partial = {
      ...cluster,
      categories: undefined,
      counts: undefined,
      report: {
        cluster: { name: 'prod-eu-1' },
        checks: [
          result('nodes.worker-count', { status: 'fail' }),
          { id: 'custom.thing', status: 'weird' },
          {
            id: 'nodes.conditions',
            status: 'warn',
            severity: 'high',
            category: 'nodes',
            evidence: null,
            waiver: {},
          },
          null,
        ],
      },
    } as unknown as ClusterDetails;
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor(partial),
      entity: clusterEntity,
    });
    expect(await screen.findByText('Checks (3 of 3)')).toBeInTheDocument();
    // categories are scored from the results when the report leaves them out
    expect(
      within(screen.getByLabelText('Worker nodes score')).getByText('0'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No results in this category.').length).toBe(3);
    expect(screen.getAllByText('custom.thing').length).toBeGreaterThan(0);
  });

  it('shows a critical-fail cap and the distribution', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor(gradedDetails('critical')),
      entity: clusterEntity,
    });
    const notice = await screen.findByLabelText('Grade cap');
    expect(notice).toHaveTextContent(
      'D · capped by a failing critical check. A critical check fails, so the grade is at most D (the score alone gives A).',
    );
    expect(
      screen.getByLabelText('Grade D, capped by a failing critical check'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Distribution kubeadm')).toBeInTheDocument();
  });

  it.each<GradeState>(['capped', 'withheld'])(
    'shows a %s grade with its cap, per category too, and the distribution',
    async state => {
      const spec = GRADE_STATES[state];
      await renderWithApis(<ClusterReadinessContent />, {
        api: apiFor(gradedDetails(state)),
        entity: clusterEntity,
      });
      await screen.findByText(`Readiness of ${spec.name}`);
      expect(screen.getAllByLabelText(spec.chip).length).toBeGreaterThan(0);
      const notice = screen.getByLabelText('Grade cap');
      expect(notice).toHaveTextContent(`${spec.label}.`);
      expect(
        screen.getByLabelText(`Distribution ${spec.distribution!.name}`),
      ).toBeInTheDocument();
      const category = spec.category!;
      const card = screen.getByLabelText(
        `${{ nodes: 'Worker nodes', access: 'Access' }[category.id]} score`,
      );
      const [grade, note] = category.label.split(' · ');
      expect(card).toHaveTextContent(grade);
      expect(card).toHaveTextContent(note);
    },
  );

  it('says a withheld grade is no grade, and why, as a warning', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor(gradedDetails('withheld')),
      entity: clusterEntity,
    });
    const notice = await screen.findByLabelText('Grade cap');
    expect(notice).toHaveTextContent(
      "no grade · coverage 31 %. No grade: only 31 % of the checks' weight could be observed, below the 50 % a grade needs (the score alone gives B).",
    );
    expect(notice.className).toMatch(/Warning/);
    // the score is still reported
    expect(screen.getByLabelText('Overall score')).toHaveTextContent('85');
  });

  it('shows a report made before checks v2 without a cap or a distribution', async () => {
    await renderWithApis(<ClusterReadinessContent />, {
      api: apiFor(gradedDetails('old')),
      entity: clusterEntity,
    });
    await screen.findByText('Readiness of legacy-1');
    expect(screen.getAllByLabelText('Grade B').length).toBeGreaterThan(0);
    expect(screen.queryByLabelText('Grade cap')).not.toBeInTheDocument();
    expect(screen.queryByText(/capped/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Distribution /)).not.toBeInTheDocument();
  });
});
