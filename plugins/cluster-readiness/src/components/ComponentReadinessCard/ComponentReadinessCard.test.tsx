import { screen, within } from '@testing-library/react';
import {
  ALL_GRADE_STATES,
  checkoutOnClusters,
  checkoutOnGradedClusters,
  componentEntity,
  GRADE_STATES,
  GradeState,
  mockReadinessApi,
} from '../../__testUtils__/fixtures';
import { gradeExpected, gradeShown } from '../../__testUtils__/grades';
import { renderWithApis } from '../../__testUtils__/render';
import { ComponentReadinessCard } from './ComponentReadinessCard';

describe('ComponentReadinessCard', () => {
  it('lists clusters with grades and own findings, linking to the tab', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => checkoutOnClusters),
    });
    await renderWithApis(<ComponentReadinessCard />, {
      api,
      entity: componentEntity,
    });

    const items = within(
      await screen.findByRole('list', { name: 'Clusters' }),
    ).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('prod-us-1');
    expect(items[0]).toHaveTextContent('No own workloads found');
    expect(items[1]).toHaveTextContent('prod-eu-1');
    expect(items[1]).toHaveTextContent('Own workloads: 1 failing, 0 warning');
    expect(within(items[1]).getByLabelText('Grade A')).toBeInTheDocument();
    expect(
      screen.getByText('View cluster readiness').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/cluster-readiness',
    );
  });

  it('shows an empty state without clusters', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'component' as const,
        entityRef: 'component:default/checkout',
        clusters: [],
      })),
    });
    await renderWithApis(<ComponentReadinessCard />, {
      api,
      entity: componentEntity,
    });
    expect(
      await screen.findByText('No known cluster runs this component'),
    ).toBeInTheDocument();
  });

  it('shows each cluster’s distribution and capped or withheld grade', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => checkoutOnGradedClusters),
    });
    await renderWithApis(<ComponentReadinessCard />, {
      api,
      entity: componentEntity,
    });
    const items = within(
      await screen.findByRole('list', { name: 'Clusters' }),
    ).getAllByRole('listitem');
    const itemOf = (state: GradeState) =>
      items.find(i => i.textContent?.includes(GRADE_STATES[state].name))!;
    expect(ALL_GRADE_STATES.map(state => gradeShown(itemOf(state)))).toEqual(
      ALL_GRADE_STATES.map(state => gradeExpected(state)),
    );
  });
});
