import { act, screen } from '@testing-library/react';
import type { SignalApi } from '@backstage/plugin-signals-react';
import type { ClusterRefreshedSignal } from '@cluster-readiness/backstage-plugin-common';
import {
  clusterEntity,
  details,
  groupEntity,
  mockReadinessApi,
  result,
  sampleChecks,
  summary,
} from '../__testUtils__/fixtures';
import { renderWithApis } from '../__testUtils__/render';
import { ClusterReadinessCard } from '../components/ClusterReadinessCard';
import { GroupReadinessCard } from '../components/GroupReadinessCard';

/** A signals API the test drives: what the signals backend would push. */
function fakeSignals() {
  const listeners = new Map<string, Array<(m: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), onMessage]);
      return {
        unsubscribe: () =>
          listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter(l => l !== onMessage),
          ),
      };
    },
  };
  const push = (message: ClusterRefreshedSignal) =>
    act(() => {
      for (const l of listeners.get('cluster-readiness') ?? []) l(message);
    });
  return { api, push };
}

const signal = (cluster: string): ClusterRefreshedSignal => ({
  cluster,
  entityRef: `resource:default/${cluster}`,
  state: 'ok',
  refreshedAt: '2026-11-30T10:00:00Z',
});

describe('useEntityReadiness live updates', () => {
  it("reloads a cluster's page when a refresh of that cluster finishes, and only then", async () => {
    const before = details('prod-eu-1', [result('nodes.worker-count')]);
    const after = details('prod-eu-1', [
      ...sampleChecks,
      result('nodes.conditions', {
        status: 'fail',
        message: 'Node w-2 is NotReady.',
      }),
    ]);
    expect(after.grade).not.toBe(before.grade);
    const getEntityReadiness = jest
      .fn()
      .mockResolvedValueOnce({
        kind: 'cluster',
        entityRef: 'resource:default/prod-eu-1',
        cluster: before,
      })
      .mockResolvedValue({
        kind: 'cluster',
        entityRef: 'resource:default/prod-eu-1',
        cluster: after,
      });
    const signals = fakeSignals();
    await renderWithApis(<ClusterReadinessCard />, {
      api: mockReadinessApi({ getEntityReadiness }),
      entity: clusterEntity,
      signals: signals.api,
    });
    await screen.findByLabelText(`Grade ${before.grade}`);

    await signals.push(signal('staging-1'));
    expect(getEntityReadiness).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText(`Grade ${before.grade}`)).toBeInTheDocument();

    await signals.push(signal('prod-eu-1'));
    expect(
      await screen.findByLabelText(`Grade ${after.grade}`),
    ).toBeInTheDocument();
    expect(getEntityReadiness).toHaveBeenCalledTimes(2);
  });

  it("reloads a team's rollup when one of its clusters is refreshed", async () => {
    const group = (score: number) => ({
      kind: 'group' as const,
      entityRef: 'group:default/platform-team',
      clusters: [summary('prod-eu-1', { score })],
      rollup: { clusters: 1, averageScore: score, grades: { B: 1 }, stale: 0 },
    });
    const getEntityReadiness = jest
      .fn()
      .mockResolvedValueOnce(group(85))
      .mockResolvedValue(group(42));
    const signals = fakeSignals();
    await renderWithApis(<GroupReadinessCard />, {
      api: mockReadinessApi({ getEntityReadiness }),
      entity: groupEntity,
      signals: signals.api,
    });
    await screen.findAllByText(/85/);
    await signals.push(signal('prod-eu-1'));
    expect((await screen.findAllByText(/42/)).length).toBeGreaterThan(0);
    expect(getEntityReadiness).toHaveBeenCalledTimes(2);
  });
});
