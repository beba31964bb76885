import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DataPointType,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { readSnapshot } from '@cluster-readiness/backstage-plugin-node';
import { demoSnapshot } from '../__testUtils__/demoBackend';
import { readClusterReadinessConfig } from '../config';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { ReadinessService } from '../service/ReadinessService';
import { ReadinessMetrics } from './ReadinessMetrics';

jest.setTimeout(60_000);

/** Collects on demand: the in-memory reader of these tests. */
class TestReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

function points(collected: ResourceMetrics, name: string) {
  const metric = collected.scopeMetrics
    .flatMap(s => s.metrics)
    .find(m => m.descriptor.name === name);
  if (!metric) return [];
  return metric.dataPoints.map(p => ({
    attributes: p.attributes,
    value:
      metric.dataPointType === DataPointType.HISTOGRAM
        ? (p.value as { count: number; sum?: number })
        : p.value,
  }));
}

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

describe('ReadinessMetrics', () => {
  const providers: MeterProvider[] = [];
  afterAll(async () => {
    for (const p of providers) await p.shutdown();
  });

  async function setup() {
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    providers.push(provider);
    // A fake clock: every reading is 250 ms after the previous one.
    let ms = 0;
    const clock = () => (ms += 250);
    const readinessMetrics = new ReadinessMetrics({
      meter: provider.getMeter('test'),
      clock,
    });
    const knex = await databases.init('SQLITE_3');
    const store = readinessMetrics.instrumentStore(
      await DatabaseReadinessStore.create({
        database: mockServices.database({ knex }),
      }),
    );
    readinessMetrics.observeClusters(store);
    const liveSnapshot = await readSnapshot(demoSnapshot('dev-1'), {
      clusterName: 'dev-1',
    });
    const service = new ReadinessService({
      store,
      sources: [
        {
          id: 'kubernetes',
          listClusters: async () => [
            { name: 'dev-1', kubernetes: { authProvider: 'serviceAccount' } },
          ],
        },
      ],
      config: readClusterReadinessConfig(
        new ConfigReader({
          clusterReadiness: {
            snapshots: [
              { cluster: 'prod-eu-1', path: demoSnapshot('prod-eu-1') },
              { cluster: 'broken', path: demoSnapshot('does-not-exist') },
            ],
          },
        }),
      ),
      logger: mockServices.logger.mock(),
      collectLive: readinessMetrics.instrumentCollector(
        async () => liveSnapshot,
      ),
      listeners: [readinessMetrics],
      now: () => new Date(Date.UTC(2026, 10, 30) + clock()),
    });
    return { reader, service, store, liveSnapshot };
  }

  it('records refreshes per source and outcome, store writes, collection size and clusters per grade', async () => {
    const { reader, service, store, liveSnapshot } = await setup();
    await service.refreshAll();

    const { resourceMetrics } = await reader.collect();
    const count = points(resourceMetrics, 'cluster_readiness.refresh.count');
    expect(count).toEqual(
      expect.arrayContaining([
        { attributes: { source: 'live', outcome: 'ok' }, value: 1 },
        { attributes: { source: 'file', outcome: 'ok' }, value: 1 },
        { attributes: { source: 'file', outcome: 'error' }, value: 1 },
      ]),
    );
    expect(count).toHaveLength(3);

    const duration = points(
      resourceMetrics,
      'cluster_readiness.refresh.duration',
    );
    const fileOk = duration.find(
      p => p.attributes.source === 'file' && p.attributes.outcome === 'ok',
    )!.value as { count: number; sum: number };
    expect(fileOk.count).toBe(1);
    expect(fileOk.sum).toBeGreaterThan(0);

    const writes = points(
      resourceMetrics,
      'cluster_readiness.store.write.duration',
    );
    const byOperation = Object.fromEntries(
      writes.map(p => [
        p.attributes.operation,
        (p.value as { count: number }).count,
      ]),
    );
    expect(byOperation).toEqual({
      saveEvaluation: 2,
      markFailed: 1,
      pruneHistory: 1,
    });
    // Each write took exactly one tick of the fake clock.
    expect((writes[0].value as { sum: number }).sum).toBeCloseTo(
      0.25 * byOperation[writes[0].attributes.operation as string],
    );

    const size = points(resourceMetrics, 'cluster_readiness.collection.size');
    expect(size).toHaveLength(1);
    expect((size[0].value as { sum: number }).sum).toBe(
      Buffer.byteLength(JSON.stringify(liveSnapshot)),
    );

    const grades = points(resourceMetrics, 'cluster_readiness.clusters');
    const byGrade = Object.fromEntries(
      grades.map(p => [p.attributes.grade, p.value]),
    );
    const expected: Record<string, number> = {
      A: 0,
      B: 0,
      C: 0,
      D: 0,
      F: 0,
      none: 0,
    };
    for (const c of await store.listClusters())
      expected[c.grade ?? 'none'] += 1;
    expect(byGrade).toEqual(expected);
    expect(expected.none).toBe(1); // the broken file has no report
  });
});
