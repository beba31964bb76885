import { screen, within } from '@testing-library/react';
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
import { gradeExpected, gradeShown } from '../../__testUtils__/grades';
import { renderWithApis } from '../../__testUtils__/render';
import { ClusterReadinessCard } from './ClusterReadinessCard';
import { ResponseError } from '@backstage/errors';

describe('ClusterReadinessCard', () => {
  it('shows score, grade and the three worst unwaived findings, linking to the tab', async () => {
    const cluster = details('prod-eu-1', [
      ...sampleChecks,
      result('nodes.conditions', {
        status: 'fail',
        message: 'Node w-2 is NotReady.',
      }),
    ]);
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'cluster' as const,
        entityRef: 'resource:default/prod-eu-1',
        cluster,
      })),
    });
    await renderWithApis(<ClusterReadinessCard />, {
      api,
      entity: clusterEntity,
    });

    const list = await screen.findByRole('list', { name: 'Worst findings' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringContaining('Only 1 API server instance runs.'),
      // both high severity: categories in CATEGORIES order
      expect.stringContaining('Node w-2 is NotReady.'),
      expect.stringContaining('TLS verification is skipped.'),
    ]);
    expect(
      screen.getByLabelText(`Score: ${cluster.score}`),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(`Grade ${cluster.grade}`)).toBeInTheDocument();
    expect(screen.getByText('View readiness').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod-eu-1/readiness',
    );
  });

  it('says so when nothing fails', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'cluster' as const,
        entityRef: 'resource:default/prod-eu-1',
        cluster: details('prod-eu-1', [result('nodes.worker-count')]),
      })),
    });
    await renderWithApis(<ClusterReadinessCard />, {
      api,
      entity: clusterEntity,
    });
    expect(
      await screen.findByText('No failing or warning checks.'),
    ).toBeInTheDocument();
  });

  it('shows empty and error states', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'cluster' as const,
        entityRef: 'resource:default/prod-eu-1',
        cluster: null,
      })),
    });
    await renderWithApis(<ClusterReadinessCard />, {
      api,
      entity: clusterEntity,
    });
    expect(await screen.findByText('No readiness report')).toBeInTheDocument();
  });

  it('shows the error panel on 500', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => {
        throw await ResponseError.fromResponse(
          new Response('{}', {
            status: 500,
            statusText: 'Internal Server Error',
          }) as any,
        );
      }),
    });
    await renderWithApis(<ClusterReadinessCard />, {
      api,
      entity: clusterEntity,
    });
    expect(
      await screen.findByText(/Request failed with 500 Internal Server Error/),
    ).toBeInTheDocument();
  });

  it.each<GradeState>(['capped', 'withheld', 'critical', 'old'])(
    'shows a %s grade as such, with the distribution when known',
    async state => {
      const spec = GRADE_STATES[state];
      const api = mockReadinessApi({
        getEntityReadiness: jest.fn(async () => ({
          kind: 'cluster' as const,
          entityRef: `resource:default/${spec.name}`,
          cluster: gradedDetails(state),
        })),
      });
      await renderWithApis(<ClusterReadinessCard />, {
        api,
        entity: clusterEntity,
      });
      const card = (await screen.findByLabelText(spec.chip)).closest(
        'div[class*="MuiCard"]',
      ) as HTMLElement;
      expect(gradeShown(card)).toEqual(gradeExpected(state));
    },
  );
});
