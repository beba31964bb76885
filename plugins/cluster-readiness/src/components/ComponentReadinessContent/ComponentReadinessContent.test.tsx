import { ResponseError } from '@backstage/errors';
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
import { ComponentReadinessContent } from './ComponentReadinessContent';

describe('ComponentReadinessContent', () => {
  it('lists the clusters worst first with category scores and the service’s own findings', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => checkoutOnClusters),
    });
    await renderWithApis(<ComponentReadinessContent />, {
      api,
      entity: componentEntity,
    });

    const table = (await screen.findByText('Clusters (2)')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('prod-us-1')).toBeInTheDocument();
    expect(within(rows[0]).getByText('stale: timeout')).toBeInTheDocument();
    expect(within(rows[1]).getByText('prod-eu-1')).toBeInTheDocument();
    expect(within(rows[1]).getByText('labelled pods')).toBeInTheDocument();
    expect(
      within(rows[1]).getByLabelText('prod-eu-1 score: 91'),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByLabelText('prod-eu-1 Resource limits: 40'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('prod-eu-1').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod-eu-1',
    );

    expect(screen.getByText('Workloads on prod-eu-1')).toBeInTheDocument();
    expect(
      screen.getByText(
        /3 pod\(s\) labelled backstage.io\/kubernetes-id=checkout in payments/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('3 pod(s) run as the default service account.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Pod/payments/checkout-1 .spec.serviceAccountName'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No pods labelled backstage.io/kubernetes-id=checkout were found on this cluster.',
      ),
    ).toBeInTheDocument();
  });

  it('explains how to link a component that runs on no known cluster', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'component' as const,
        entityRef: 'component:default/checkout',
        clusters: [],
      })),
    });
    await renderWithApis(<ComponentReadinessContent />, {
      api,
      entity: componentEntity,
    });
    expect(
      await screen.findByText('No known cluster runs this component'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/annotate the component with it/),
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
    await renderWithApis(<ComponentReadinessContent />, {
      api,
      entity: componentEntity,
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('does not crash on partial cluster entries', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'component' as const,
        entityRef: 'component:default/checkout',
        clusters: [
          {
            cluster: { name: 'bare', score: null, grade: null } as any,
            via: undefined as any,
            workloads: { kubernetesId: 'checkout' } as any,
          },
        ],
      })),
    });
    await renderWithApis(<ComponentReadinessContent />, {
      api,
      entity: componentEntity,
    });
    expect(await screen.findByText('Clusters (1)')).toBeInTheDocument();
    expect(screen.getByText('Workloads on bare')).toBeInTheDocument();
  });

  it('shows each cluster’s distribution and capped or withheld grade, per category too', async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => checkoutOnGradedClusters),
    });
    await renderWithApis(<ComponentReadinessContent />, {
      api,
      entity: componentEntity,
    });
    const table = (await screen.findByText('Clusters (4)')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    const rows = within(table).getAllByRole('row').slice(1);
    const rowOf = (state: GradeState) =>
      rows.find(r => within(r).queryByText(GRADE_STATES[state].name))!;
    expect(ALL_GRADE_STATES.map(state => gradeShown(rowOf(state)))).toEqual(
      ALL_GRADE_STATES.map(state => gradeExpected(state, { categories: true })),
    );
  });
});
