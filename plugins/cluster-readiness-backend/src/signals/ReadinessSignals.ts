import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  CLUSTER_READINESS_SIGNAL_CHANNEL,
  ClusterRefreshedSignal,
} from '@cluster-readiness/backstage-plugin-common';
import type {
  RefreshEvent,
  RefreshListener,
} from '../service/ReadinessService';

/**
 * Announces every finished refresh on the `cluster-readiness` signals channel, so
 * that open pages showing the cluster reload it without a page reload.
 * @public
 */
export class ReadinessSignals implements RefreshListener {
  constructor(
    private readonly options: {
      signals: SignalsService;
      logger: LoggerService;
    },
  ) {}

  async onRefreshed(event: RefreshEvent): Promise<void> {
    const message: ClusterRefreshedSignal = {
      cluster: event.clusterName,
      entityRef: event.current?.entityRef ?? null,
      state: event.outcome,
      refreshedAt: event.current?.refreshedAt ?? null,
    };
    try {
      await this.options.signals.publish<ClusterRefreshedSignal>({
        recipients: { type: 'broadcast' },
        channel: CLUSTER_READINESS_SIGNAL_CHANNEL,
        message,
      });
    } catch (e) {
      this.options.logger.warn(
        `Could not signal the refresh of cluster ${event.clusterName}: ${
          (e as Error).message
        }`,
      );
    }
  }
}
