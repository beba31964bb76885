import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  BUILTIN_CHECKS,
  checkMetadata,
} from '@cluster-readiness/backstage-plugin-common';
import plugin from './alpha';
import { clusterReadinessApiRef } from './api';
import { mockReadinessApi } from './__testUtils__/fixtures';

const check = BUILTIN_CHECKS.find(c => c.id === 'control-plane.etcd-backup')!;

jest.setTimeout(60_000);

describe('cluster-readiness alpha plugin routing', () => {
  it("opens a check's page under the Checks tab", async () => {
    const api = mockReadinessApi({
      listChecks: jest.fn(async () => ({
        items: BUILTIN_CHECKS.map(checkMetadata),
      })),
      listCheckClusters: jest.fn(async (checkId: string) => ({
        checkId,
        counts: {
          fail: 0,
          warn: 0,
          unknown: 0,
          pass: 0,
          'not-applicable': 0,
          waived: 0,
        },
        items: [],
        totalItems: 0,
      })),
    });
    renderTestApp({
      features: [plugin],
      apis: [[clusterReadinessApiRef, api]],
      initialRouteEntries: [`/cluster-readiness/checks/${check.id}`],
    });
    expect(
      await screen.findByRole('heading', { name: check.title }),
    ).toBeInTheDocument();
    expect(api.listCheckClusters).toHaveBeenCalledWith(
      check.id,
      expect.anything(),
    );
    expect(screen.getByRole('link', { name: '← All checks' })).toHaveAttribute(
      'href',
      '/cluster-readiness/checks',
    );
    expect(screen.getByRole('tab', { name: 'Checks' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Clusters' })).toHaveAttribute(
      'href',
      '/cluster-readiness',
    );
  });

  it('links each check of the catalog to its page', async () => {
    const api = mockReadinessApi({
      listChecks: jest.fn(async () => ({
        items: BUILTIN_CHECKS.map(checkMetadata),
      })),
    });
    renderTestApp({
      features: [plugin],
      apis: [[clusterReadinessApiRef, api]],
      initialRouteEntries: ['/cluster-readiness/checks'],
    });
    expect(
      await screen.findByRole('link', { name: check.title }),
    ).toHaveAttribute('href', `/cluster-readiness/checks/${check.id}`);
  });
});
