import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { BUILTIN_CHECKS } from '@cluster-readiness/backstage-plugin-common';
import { ClusterReadinessPage } from './ClusterReadinessPage';

describe('ClusterReadinessPage', () => {
  it('shows the check catalog', async () => {
    await renderInTestApp(<ClusterReadinessPage />);
    expect(screen.getByText('Cluster Readiness')).toBeInTheDocument();
    expect(
      screen.getByText(`Checks (${BUILTIN_CHECKS.length})`),
    ).toBeInTheDocument();
    expect(screen.getByText(BUILTIN_CHECKS[0].title)).toBeInTheDocument();
  });
});
