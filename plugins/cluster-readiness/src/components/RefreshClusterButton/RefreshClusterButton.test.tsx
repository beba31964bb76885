import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockReadinessApi, summary } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { RefreshClusterButton } from './RefreshClusterButton';

describe('RefreshClusterButton', () => {
  it('shows progress until the refresh result arrives, then reloads the page', async () => {
    let finish: (value: any) => void = () => {};
    const refreshCluster = jest.fn(
      () => new Promise<any>(resolve => (finish = resolve)),
    );
    const onRefreshed = jest.fn();
    await renderWithApis(
      <RefreshClusterButton
        clusterName="prod-eu-1"
        entityRef="resource:default/prod-eu-1"
        onRefreshed={onRefreshed}
      />,
      { api: mockReadinessApi({ refreshCluster }) },
    );
    fireEvent.click(await screen.findByRole('button', { name: /Refresh/ }));

    const busy = await screen.findByRole('button', { name: /Refreshing/ });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByLabelText('Refreshing')).toBeInTheDocument();
    expect(refreshCluster).toHaveBeenCalledWith('prod-eu-1');
    expect(onRefreshed).not.toHaveBeenCalled();

    finish(summary('prod-eu-1'));
    await waitFor(() => expect(onRefreshed).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  });
});
