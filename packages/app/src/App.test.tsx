import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts at the guest sign-in page with the Cluster Readiness title', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Cluster Readiness' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: { providers: { guest: {} } },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText(
        'Enter as a Guest User.',
        { exact: false },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Cluster Readiness').length).toBeGreaterThan(0);
  });
});
