import { Meter, metrics } from '@opentelemetry/api';
import type { ReadinessStore } from '../database/ReadinessStore';
import type {
  LiveCollector,
  RefreshEvent,
  RefreshListener,
} from '../service/ReadinessService';

const GRADE_KEYS = ['A', 'B', 'C', 'D', 'F', 'none'] as const;

/**
 * OpenTelemetry instruments of Cluster Readiness (meter `cluster-readiness`):
 *
 * - `cluster_readiness.refresh.duration` (histogram, s; `source`, `outcome`)
 * - `cluster_readiness.refresh.count` (counter; `source`, `outcome`)
 * - `cluster_readiness.clusters` (observable gauge; `grade`, `none` for ungraded)
 * - `cluster_readiness.store.write.duration` (histogram, s; `operation`)
 * - `cluster_readiness.collection.size` (histogram, By; `source`)
 *
 * They reach an exporter when the backend sets up the OpenTelemetry SDK (see
 * Backstage's "Setup OpenTelemetry"); without one they cost nothing.
 * @public
 */
export class ReadinessMetrics implements RefreshListener {
  private readonly refreshDuration;
  private readonly refreshCount;
  private readonly storeWrite;
  private readonly collectionSize;

  constructor(
    options: {
      meter?: Meter;
      /** Monotonic milliseconds for store write latency; `performance.now` by default. */
      clock?: () => number;
    } = {},
  ) {
    const meter = options.meter ?? metrics.getMeter('cluster-readiness');
    this.clock = options.clock ?? (() => performance.now());
    this.refreshDuration = meter.createHistogram(
      'cluster_readiness.refresh.duration',
      {
        description: 'Time to read, evaluate and store one cluster',
        unit: 's',
      },
    );
    this.refreshCount = meter.createCounter('cluster_readiness.refresh.count', {
      description: 'Finished refreshes of one cluster, by source and outcome',
    });
    this.storeWrite = meter.createHistogram(
      'cluster_readiness.store.write.duration',
      { description: 'Latency of store writes', unit: 's' },
    );
    this.collectionSize = meter.createHistogram(
      'cluster_readiness.collection.size',
      {
        description: 'Size of a snapshot read from a live cluster (JSON bytes)',
        unit: 'By',
      },
    );
    this.meter = meter;
  }

  private readonly clock: () => number;
  private readonly meter: Meter;

  /** Observes `cluster_readiness.clusters` from the store's current rows. */
  observeClusters(store: ReadinessStore): void {
    const clusters = this.meter.createObservableGauge(
      'cluster_readiness.clusters',
      {
        description: 'Clusters with a stored report, by grade',
      },
    );
    clusters.addCallback(async result => {
      const counts = Object.fromEntries(GRADE_KEYS.map(g => [g, 0]));
      for (const c of await store.listClusters()) {
        counts[c.grade && c.grade in counts ? c.grade : 'none'] += 1;
      }
      for (const grade of GRADE_KEYS) result.observe(counts[grade], { grade });
    });
  }

  onRefreshed(event: RefreshEvent): void {
    const attributes = { source: event.source, outcome: event.outcome };
    this.refreshDuration.record(event.durationMs / 1000, attributes);
    this.refreshCount.add(1, attributes);
  }

  /** The store, timing its writes (`saveEvaluation`, `markFailed`, `pruneHistory`). */
  instrumentStore<S extends ReadinessStore>(store: S): S {
    const writes = new Set(['saveEvaluation', 'markFailed', 'pruneHistory']);
    const record = (operation: string, start: number) =>
      this.storeWrite.record((this.clock() - start) / 1000, { operation });
    return new Proxy(store, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (typeof prop !== 'string' || !writes.has(prop))
          return value.bind(target);
        return async (...args: unknown[]) => {
          const start = this.clock();
          try {
            return await value.apply(target, args);
          } finally {
            record(prop, start);
          }
        };
      },
    });
  }

  /** The live collector, recording the size of each snapshot it reads. */
  instrumentCollector(collect: LiveCollector): LiveCollector {
    return async (cluster, signal) => {
      const snapshot = await collect(cluster, signal);
      this.collectionSize.record(
        Buffer.byteLength(JSON.stringify(snapshot), 'utf8'),
        { source: 'live' },
      );
      return snapshot;
    };
  }
}
