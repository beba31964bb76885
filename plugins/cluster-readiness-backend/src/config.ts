import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  clusterNameProblem,
  parseWaivers,
  SnapshotValidationError,
  Waiver,
} from '@cluster-readiness/backstage-plugin-common';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** @public */
export interface ClusterOptions {
  extraSystemNamespaces?: string[];
  minWorkerNodes?: number;
  clusterAdminSubjectLimit?: number;
  controlPlane?: 'managed' | 'self-hosted';
}

/** The plugin's configuration with defaults applied. @public */
export interface ClusterReadinessConfig {
  /**
   * `frequency`: each cluster is refreshed once per this interval, by one replica;
   * `tick`: how often each replica looks for due clusters.
   */
  schedule: { frequency: HumanDuration; timeout: HumanDuration; initialDelay: HumanDuration; tick: HumanDuration };
  concurrency: number;
  /** `workers`: threads evaluating at once (default: the cores available). */
  evaluation: { workers: number };
  collection: { requestTimeoutMs: number; deadlineMs: number; concurrency: number; pageSize: number };
  kubernetesBackend: { enabled: boolean };
  historyRetentionDays: number;
  /** `allowClusters`: clusters read live or from a file that pushes may still replace. */
  push: { maxBytes: number; allowClusters: string[] };
  snapshots: Array<{ cluster: string; path: string }>;
  defaults: ClusterOptions;
  clusters: Record<string, ClusterOptions>;
  waivers: Waiver[];
}

const clusterOptions = z
  .object({
    extraSystemNamespaces: z.array(z.string()).optional(),
    minWorkerNodes: z.number().int().min(1).optional(),
    clusterAdminSubjectLimit: z.number().int().min(0).optional(),
    controlPlane: z.enum(['managed', 'self-hosted']).optional(),
  })
  .strict();

const positive = z.number().int().positive();
const clusterNameSchema = z.string().superRefine((name, ctx) => {
  const problem = clusterNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const schema = z.object({
  concurrency: positive.default(4),
  evaluation: z
    .object({ workers: positive.max(256).default(() => availableParallelism()) })
    .default(() => ({ workers: availableParallelism() })),
  collection: z
    .object({
      requestTimeoutMs: positive.default(15_000),
      deadlineMs: positive.default(120_000),
      concurrency: positive.default(4),
      pageSize: positive.max(5000).default(500),
    })
    .default({ requestTimeoutMs: 15_000, deadlineMs: 120_000, concurrency: 4, pageSize: 500 }),
  kubernetesBackend: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  historyRetentionDays: positive.default(90),
  push: z
    .object({
      maxBytes: positive.default(50 * 1024 * 1024),
      allowClusters: z.array(clusterNameSchema).default([]),
    })
    .default({ maxBytes: 50 * 1024 * 1024, allowClusters: [] }),
  snapshots: z.array(z.object({ cluster: clusterNameSchema, path: z.string().min(1) })).default([]),
  defaults: clusterOptions.default({}),
  clusters: z.record(z.string(), clusterOptions).default({}),
  waivers: z.array(z.unknown()).default([]),
});

function duration(config: Config | undefined, key: string, fallback: HumanDuration): HumanDuration {
  return config?.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

/**
 * Reads `clusterReadiness` from app-config, with defaults; throws one line naming the
 * key on a wrong value.
 * @public
 */
export function readClusterReadinessConfig(root: Config): ClusterReadinessConfig {
  const config = root.getOptionalConfig('clusterReadiness');
  const raw = (config?.get() ?? {}) as Record<string, unknown>;
  const { schedule: _schedule, ...rest } = raw;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid config clusterReadiness.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  let waivers: Waiver[];
  try {
    waivers = parseWaivers(parsed.data.waivers, 'config clusterReadiness.waivers');
  } catch (e) {
    if (e instanceof SnapshotValidationError) throw new Error(`Invalid ${e.message}`);
    throw e;
  }
  const schedule = config?.getOptionalConfig('schedule');
  const frequency = duration(schedule, 'frequency', { minutes: 30 });
  const frequencyMs = durationToMilliseconds(frequency);
  if (!(frequencyMs > 0)) {
    throw new Error('Invalid config clusterReadiness.schedule.frequency: expected a duration longer than zero');
  }
  const tick = duration(schedule, 'tick', {
    milliseconds: Math.min(60_000, Math.max(1000, Math.round(frequencyMs / 10))),
  });
  if (!(durationToMilliseconds(tick) > 0)) {
    throw new Error('Invalid config clusterReadiness.schedule.tick: expected a duration longer than zero');
  }
  return {
    ...parsed.data,
    waivers,
    schedule: {
      frequency,
      timeout: duration(schedule, 'timeout', { minutes: 10 }),
      initialDelay: duration(schedule, 'initialDelay', { seconds: 15 }),
      tick,
    },
  };
}

/** Options of one cluster: `defaults` overlaid with its own entry. @public */
export function clusterOptionsFor(config: ClusterReadinessConfig, clusterName: string): ClusterOptions {
  return { ...config.defaults, ...config.clusters[clusterName] };
}
