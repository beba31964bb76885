import { screen } from '@testing-library/react';
import axe from 'axe-core';
import {
  BUILTIN_CHECKS,
  checkMetadata,
} from '@cluster-readiness/backstage-plugin-common';
import {
  checkoutOnClusters,
  clusterEntity,
  componentEntity,
  gradedDetails,
  gradedSummary,
  groupEntity,
  mockReadinessApi,
  summary,
} from './__testUtils__/fixtures';
import { emptyAggregates, fakeFleetApi } from './__testUtils__/fleetApi';
import { renderWithApis } from './__testUtils__/render';
import { ClusterReadinessCard } from './components/ClusterReadinessCard';
import { ClusterReadinessContent } from './components/ClusterReadinessContent';
import { ClusterReadinessPage } from './components/ClusterReadinessPage';
import { ComponentReadinessContent } from './components/ComponentReadinessContent';
import { GroupReadinessCard } from './components/GroupReadinessCard';

/**
 * axe-core on every page of ours as rendered in jsdom. The browser tests
 * (packages/app/e2e) run it on the real portal too; jsdom cannot compute colours or
 * layout, so colour contrast is left to them.
 */
async function seriousViolations() {
  const results = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map(n => n.target.join(' '))
          .join(', ')}`,
    );
}

const fleet = [
  summary('prod-eu-1', { score: 93, grade: 'A' }),
  gradedSummary('capped'),
  gradedSummary('withheld'),
  summary('staging-1', {
    score: 55,
    grade: 'F',
    stale: true,
    state: 'stale',
    error: 'connection refused',
  }),
  summary('new-1', {
    score: null,
    grade: null,
    coverage: null,
    categories: [],
    counts: null,
    state: 'pending',
  }),
];

const aggregates = emptyAggregates({
  totalClusters: 5,
  averageScore: 80,
  grades: { A: 1, B: 0, C: 1, D: 0, F: 1, none: 2 },
  owners: [
    {
      key: 'group:default/platform-team',
      clusters: 5,
      averageScore: 80,
      grades: { A: 1, B: 0, C: 1, D: 0, F: 1, none: 2 },
      stale: 1,
      unread: 1,
    },
  ],
  systems: [
    {
      key: null,
      clusters: 5,
      averageScore: 80,
      grades: { A: 1, B: 0, C: 1, D: 0, F: 1, none: 2 },
      stale: 1,
      unread: 1,
    },
  ],
  mostFailedChecks: [
    {
      checkId: 'control-plane.etcd-backup',
      title: 'etcd is backed up',
      category: 'control-plane',
      severity: 'critical',
      failing: 2,
      warning: 1,
      waived: 1,
    },
  ],
});

jest.setTimeout(120_000);

describe('accessibility (axe-core, serious and critical)', () => {
  it('the organisation page', async () => {
    await renderWithApis(<ClusterReadinessPage />, {
      api: fakeFleetApi(fleet, aggregates),
    });
    await screen.findByText('Clusters (5)');
    expect(await seriousViolations()).toEqual([]);
  });

  it("a check's page", async () => {
    const api = mockReadinessApi({
      listChecks: jest.fn(async () => ({
        items: BUILTIN_CHECKS.map(checkMetadata),
      })),
      listCheckClusters: jest.fn(async (checkId: string) => ({
        checkId,
        counts: {
          fail: 1,
          warn: 0,
          unknown: 0,
          pass: 1,
          'not-applicable': 0,
          waived: 1,
        },
        items: [
          {
            cluster: summary('prod-eu-1'),
            status: 'fail' as const,
            message: 'no backup',
            waiver: {
              check: checkId,
              reason: 'migrating',
              owner: 'group:default/platform-team',
              expires: '2027-01-31',
              expired: false,
            },
          },
          {
            cluster: summary('prod-us-1'),
            status: 'pass' as const,
            message: 'backed up',
          },
        ],
        totalItems: 2,
      })),
    });
    await renderWithApis(<ClusterReadinessPage />, {
      api,
      routeEntries: ['/checks/control-plane.etcd-backup'],
    });
    await screen.findByText('no backup');
    expect(await seriousViolations()).toEqual([]);
  });

  it('the check catalog', async () => {
    await renderWithApis(<ClusterReadinessPage />, {
      api: fakeFleetApi(fleet),
      routeEntries: ['/checks'],
    });
    await screen.findByText(`Checks (${BUILTIN_CHECKS.length})`);
    expect(await seriousViolations()).toEqual([]);
  });

  it("a cluster's Readiness tab and card", async () => {
    const cluster = gradedDetails('capped');
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'cluster' as const,
        entityRef: 'resource:default/edge-1',
        cluster,
      })),
    });
    await renderWithApis(
      <>
        <ClusterReadinessCard />
        <ClusterReadinessContent />
      </>,
      { api, entity: clusterEntity },
    );
    await screen.findByText(/Readiness of/);
    expect(await seriousViolations()).toEqual([]);
  });

  it("a component's tab", async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => checkoutOnClusters),
    });
    await renderWithApis(<ComponentReadinessContent />, {
      api,
      entity: componentEntity,
    });
    await screen.findByText('Clusters (2)');
    expect(await seriousViolations()).toEqual([]);
  });

  it("a group's card", async () => {
    const api = mockReadinessApi({
      getEntityReadiness: jest.fn(async () => ({
        kind: 'group' as const,
        entityRef: 'group:default/platform-team',
        clusters: fleet,
        rollup: { clusters: 5, averageScore: 80, grades: { A: 1 }, stale: 1 },
      })),
    });
    await renderWithApis(<GroupReadinessCard />, { api, entity: groupEntity });
    await screen.findAllByText('prod-eu-1');
    expect(await seriousViolations()).toEqual([]);
  });
});
