import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import {
  ALL_GRADE_STATES,
  GRADE_STATES,
  GradeState,
  gradedSummary,
  groupEntity,
  mockReadinessApi,
  summary,
} from '../../__testUtils__/fixtures';
import { gradeExpected, gradeShown } from '../../__testUtils__/grades';
import { renderWithApis } from '../../__testUtils__/render';
import { GroupReadinessCard } from './GroupReadinessCard';

describe('GroupReadinessCard', () => {
  it('rolls up the team’s clusters and lists them worst first', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'group' as const,
        entityRef: 'group:default/platform-team',
        clusters: [
          summary('prod-eu-1', { score: 92, grade: 'A' }),
          summary('staging-1', {
            score: 58,
            grade: 'F',
            stale: true,
            error: 'timeout',
          }),
          summary('prod-us-1', { score: 91, grade: 'A' }),
        ],
        rollup: {
          clusters: 3,
          averageScore: 80,
          grades: { A: 2, F: 1 },
          stale: 1,
        },
      })),
    });
    await renderWithApis(<GroupReadinessCard />, { api, entity: groupEntity });

    expect(
      await screen.findByLabelText('Average score: 80'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, el) => el?.tagName === 'P' && el.textContent === '1 stale',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        (_, el) => el?.tagName === 'P' && el.textContent === '3 clusters',
      ),
    ).toBeInTheDocument();
    const distribution = screen.getByLabelText('Grade distribution');
    expect(distribution).toHaveTextContent('A2B0C0D0F1—0 no grade');
    const items = within(
      screen.getByRole('list', { name: 'Team clusters' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringContaining('staging-1stale: timeout'),
      expect.stringContaining('prod-us-1'),
      expect.stringContaining('prod-eu-1'),
    ]);
  });

  it('shows an empty state for a team without clusters', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'group' as const,
        entityRef: 'group:default/platform-team',
        clusters: [],
        rollup: { clusters: 0, averageScore: null, grades: {}, stale: 0 },
      })),
    });
    await renderWithApis(<GroupReadinessCard />, { api, entity: groupEntity });
    expect(
      await screen.findByText('This team owns no evaluated clusters'),
    ).toBeInTheDocument();
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
    await renderWithApis(<GroupReadinessCard />, { api, entity: groupEntity });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('counts clusters without a grade and capped ones, and shows each cluster’s cap and distribution', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'group' as const,
        entityRef: 'group:default/platform-team',
        clusters: [
          ...ALL_GRADE_STATES.map(state => gradedSummary(state)),
          summary('new-1', {
            score: null,
            grade: null,
            coverage: null,
            state: 'pending',
          }),
        ],
        // the backend's rollup counts grades only
        rollup: {
          clusters: 5,
          averageScore: 91,
          grades: { B: 1, C: 1, D: 1 },
          stale: 0,
        },
      })),
    });
    await renderWithApis(<GroupReadinessCard />, { api, entity: groupEntity });

    const distribution = await screen.findByLabelText('Grade distribution');
    expect(distribution).toHaveTextContent('A0B1C1D1F0—2 no grade2 capped');
    expect(
      within(distribution).getByLabelText('Clusters without a grade'),
    ).toHaveTextContent('2 no grade');
    expect(
      within(distribution).getByLabelText('Clusters with a capped grade'),
    ).toHaveTextContent('2 capped');
    const items = within(
      screen.getByRole('list', { name: 'Team clusters' }),
    ).getAllByRole('listitem');
    const itemOf = (state: GradeState) =>
      items.find(i => i.textContent?.includes(GRADE_STATES[state].name))!;
    expect(ALL_GRADE_STATES.map(state => gradeShown(itemOf(state)))).toEqual(
      ALL_GRADE_STATES.map(state => gradeExpected(state)),
    );
  });
});
