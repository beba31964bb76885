import type { LoggerService } from '@backstage/backend-plugin-api';
import { createHash, randomUUID } from 'node:crypto';
import { durationToMilliseconds } from '@backstage/types';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '@backstage/errors';
import {
  clusterNameProblem,
  ClusterSnapshot,
  ClusterState,
  ClusterSummary,
  evaluate,
  mapWithConcurrency,
  ReadinessCheck,
  ReportSource,
  Waiver,
  workloadFindings,
} from '@cluster-readiness/backstage-plugin-common';
import {
  ClusterNeedsUserCredentialsError,
  readSnapshot,
  redactCredentials,
  USER_CREDENTIAL_AUTH_PROVIDERS,
} from '@cluster-readiness/backstage-plugin-node';
import {
  ClusterDescriptor,
  ClusterSource,
  mergeClusters,
} from '../clusters/ClusterSource';
import { clusterOptionsFor, ClusterReadinessConfig } from '../config';
import type { ReadinessStore, StoredCluster } from '../database/ReadinessStore';
import {
  Evaluation,
  EvaluationFailedError,
  EvaluationPool,
} from '../evaluation/EvaluationPool';

/**
 * Reads one live cluster into a snapshot (through the Kubernetes plugin's proxy).
 * @public
 */
export type LiveCollector = (
  cluster: ClusterDescriptor,
  signal: AbortSignal,
) => Promise<ClusterSnapshot>;

const redact = (message: string) => redactCredentials(message);

/**
 * One cluster's refresh has finished (scheduled, requested or a pushed snapshot):
 * what was stored before and after, and how long it took.
 * @public
 */
export interface RefreshEvent {
  clusterName: string;
  /** Where the report was read from. */
  source: ReportSource;
  /** `ok`, or the failed state stored (`stale`, `error`, `needs-user-credentials`). */
  outcome: ClusterState | 'exception';
  durationMs: number;
  previous?: StoredCluster;
  current?: StoredCluster;
}

/**
 * Told about every finished refresh (metrics, notifications, live pages). A listener
 * that throws is logged and does not affect the refresh or the other listeners.
 * @public
 */
export interface RefreshListener {
  onRefreshed(event: RefreshEvent): void | Promise<void>;
}

async function withTimeout<T>(
  ms: number,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A missed lookup reads the sources again at most this often. */
const CLUSTERS_RELOAD_MIN_MS = 5_000;

/**
 * Which of `replicas` replicas (sorted by id) prefers a cluster's scheduled refresh:
 * the same answer on every replica that sees the same replicas.
 * @public
 */
export function preferredReplicaIndex(clusterName: string, replicas: number): number {
  return createHash('sha256').update(clusterName).digest().readUInt32BE(0) % replicas;
}

/**
 * Keeps a report for every known cluster: lists clusters from the sources, reads each
 * (live, or from its snapshot file), evaluates, and stores results; a failed refresh
 * keeps the last good report and marks it stale.
 * @public
 */
export class ReadinessService {
  private descriptors: { at: number; list: ClusterDescriptor[] } | undefined;
  private reloading: Promise<ClusterDescriptor[]> | undefined;
  /** Refreshes running in this process, by cluster: a second request joins the first. */
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** Names this replica in refresh claims. */
  private readonly replicaId: string;
  private claims = 0;
  /** Replicas this one saw sharing the scheduled refresh on its last look. */
  private replicasSeen = 0;
  /** What was last written by `syncKnownClusters`, to skip writing the same again. */
  private synced: string | undefined;

  constructor(
    private readonly options: {
      store: ReadinessStore;
      sources: ClusterSource[];
      config: ClusterReadinessConfig;
      logger: LoggerService;
      collectLive?: LiveCollector;
      customChecks?: () => ReadinessCheck[];
      /**
       * Evaluates on worker threads; without it (or when custom checks are installed,
       * which cannot cross threads) evaluation runs in this thread.
       */
      evaluationPool?: EvaluationPool;
      now?: () => Date;
      listeners?: RefreshListener[];
      /** Waits between looks at another replica's refresh claim (default: a timer). */
      sleep?: (ms: number) => Promise<void>;
      /** How often to look at another replica's claim; default 250 ms. */
      claimPollMs?: number;
      /** Names this replica in claims and heartbeats; default a random UUID. */
      replicaId?: string;
    },
  ) {
    this.replicaId = options.replicaId ?? randomUUID();
  }

  /** How long a claim holds if its holder dies: the collection deadline and a margin. */
  private claimTtlMs(): number {
    return this.options.config.collection.deadlineMs + 30_000;
  }

  /**
   * Refreshes a cluster once across this process and every replica on the database.
   * A refresh already running here is joined. Otherwise the cluster's claim is taken
   * in the store; when another replica holds it, `wait` waits for that refresh to end
   * (its result is then in the store) and `skip` returns at once. True when this call
   * (or the joined one) read the cluster.
   */
  private refreshOnce(cluster: ClusterDescriptor, mode: 'wait' | 'skip'): Promise<boolean> {
    const running = this.inFlight.get(cluster.name);
    if (running) return running;
    const refresh = this.refreshClaimed(cluster, mode).finally(() =>
      this.inFlight.delete(cluster.name),
    );
    this.inFlight.set(cluster.name, refresh);
    return refresh;
  }

  private async refreshClaimed(cluster: ClusterDescriptor, mode: 'wait' | 'skip'): Promise<boolean> {
    const { store } = this.options;
    const ttlMs = this.claimTtlMs();
    const pollMs = this.options.claimPollMs ?? 250;
    const wait = this.options.sleep ?? ((ms: number) => sleep(ms).then(() => undefined));
    // Bounded twice over: by the clock and by a count of looks, so a stopped clock
    // cannot make it wait forever.
    const giveUpAt = this.now().getTime() + 2 * ttlMs;
    let looks = Math.ceil((2 * ttlMs) / pollMs);
    for (;;) {
      this.claims += 1;
      const holder = `${this.replicaId}/${this.claims}`;
      if (await store.claimRefresh({ clusterName: cluster.name, holder, now: this.now().getTime(), ttlMs })) {
        try {
          await this.refreshDescriptor(cluster);
        } finally {
          await store.releaseRefresh(cluster.name, holder);
        }
        return true;
      }
      if (mode === 'skip') return false;
      for (;;) {
        if (looks-- <= 0 || this.now().getTime() >= giveUpAt) {
          this.options.logger.warn(
            `Gave up waiting for another replica's refresh of cluster ${cluster.name}; answering the stored state`,
          );
          return false;
        }
        await wait(pollMs);
        const claim = await store.getRefreshClaim(cluster.name);
        // Released: the other replica's result is in the store.
        if (!claim) return false;
        // Expired: its holder died or hung; try to take it.
        if (claim.expiresAt <= this.now().getTime()) break;
      }
    }
  }

  /** Runs one cluster's refresh and tells the listeners how it ended. */
  private async observed(
    clusterName: string,
    source: ReportSource,
    run: () => Promise<void>,
  ): Promise<void> {
    const listeners = this.options.listeners ?? [];
    if (!listeners.length) {
      await run();
      return;
    }
    const started = this.now().getTime();
    const previous = await this.options.store.getCluster(clusterName);
    let outcome: RefreshEvent['outcome'] = 'exception';
    let current: StoredCluster | undefined;
    try {
      await run();
      current = await this.options.store.getCluster(clusterName);
      outcome = current?.state ?? 'exception';
    } finally {
      const event: RefreshEvent = {
        clusterName,
        source: current?.source ?? source,
        outcome,
        durationMs: this.now().getTime() - started,
        previous,
        current,
      };
      for (const listener of listeners) {
        try {
          await listener.onRefreshed(event);
        } catch (e) {
          this.options.logger.warn(
            `A refresh listener failed for cluster ${clusterName}: ${redact(
              (e as Error).message,
            )}`,
          );
        }
      }
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Reads the list of clusters from the sources again, unless it was read less than
   * 5 seconds ago; true when it did. For a lookup that missed the cached list: the
   * catalog may have ingested a cluster's entity after the list was cached (right after
   * start-up the catalog is often still reading its locations).
   */
  async reloadClusters(): Promise<boolean> {
    const cached = this.descriptors;
    if (cached && this.now().getTime() - cached.at < CLUSTERS_RELOAD_MIN_MS)
      return false;
    this.reloading ??= this.clusters(true).finally(() => {
      this.reloading = undefined;
    });
    await this.reloading;
    return true;
  }

  /** Every known cluster, merged from all sources (cached for a minute). */
  async clusters(refresh = false): Promise<ClusterDescriptor[]> {
    const cached = this.descriptors;
    if (!refresh && cached && this.now().getTime() - cached.at < 60_000)
      return cached.list;
    const lists = await Promise.all(
      this.options.sources.map(async source => {
        try {
          return await source.listClusters();
        } catch (e) {
          this.options.logger.warn(
            `Could not list clusters from ${source.id}: ${redact(
              (e as Error).message,
            )}`,
          );
          return cached?.list.filter(d => this.fromSource(d, source.id)) ?? [];
        }
      }),
    );
    const files = this.options.config.snapshots.map(s => ({
      name: s.cluster,
      snapshotFile: s.path,
    }));
    const list = mergeClusters([...lists, files]).filter(d => {
      const problem = clusterNameProblem(d.name);
      if (problem) {
        this.options.logger.warn(`Ignoring a cluster that a source names: ${problem}`);
      }
      return !problem;
    });
    this.descriptors = { at: this.now().getTime(), list };
    await this.syncKnown(list);
    return list;
  }

  /**
   * Writes the sources' view into the store (catalog owner and system, placeholders
   * of clusters not read yet), so lists and aggregates are answered by the database.
   * Only when it changed; a failure is logged and retried at the next listing.
   */
  private async syncKnown(list: ClusterDescriptor[]): Promise<void> {
    const known = list.map(c => ({
      clusterName: c.name,
      entityRef: c.entityRef,
      owner: c.owner,
      system: c.system,
      source: sourceOf(c),
    }));
    const signature = JSON.stringify(known);
    if (signature === this.synced) return;
    try {
      await this.options.store.syncKnownClusters(known);
      this.synced = signature;
    } catch (e) {
      this.options.logger.warn(
        `Could not record the known clusters: ${redact((e as Error).message)}`,
      );
    }
  }

  private fromSource(d: ClusterDescriptor, sourceId: string): boolean {
    return sourceId === 'catalog'
      ? !!d.entityRef
      : !!d.kubernetes || !!d.problem;
  }

  /**
   * One look for clusters due for their scheduled refresh, run by the scheduler on
   * every replica each `schedule.tick`. Due times live in the database: a due cluster
   * is taken by one replica, in one conditional update that moves its due time one
   * `frequency` on, so each cluster is refreshed once per interval across replicas.
   * Replicas announce themselves with heartbeats; each prefers its share of the
   * clusters (by a hash of the name) and takes another's only when it is overdue by
   * two ticks (that replica is gone or busy). Takes a few at a time (twice
   * `concurrency`) and looks again until nothing is due. Answers the clusters taken.
   */
  async refreshDue(): Promise<string[]> {
    const { store, config, logger } = this.options;
    const intervalMs = durationToMilliseconds(config.schedule.frequency);
    const tickMs = durationToMilliseconds(config.schedule.tick);
    // A replica busy with one batch of refreshes still counts as alive.
    const aliveMs = 3 * tickMs + config.collection.deadlineMs;
    const clusters = await this.clusters();
    const byName = new Map(clusters.map(c => [c.name, c]));
    const batch = 2 * config.concurrency;
    const taken: string[] = [];
    for (;;) {
      const now = this.now().getTime();
      const replicas = await store.heartbeat({
        replicaId: this.replicaId,
        now,
        aliveSince: now - aliveMs,
      });
      if (replicas.length !== this.replicasSeen) {
        this.replicasSeen = replicas.length;
        logger.info(`Scheduled refresh shared by ${replicas.length} replicas`);
      }
      const me = replicas.indexOf(this.replicaId);
      const mine: string[] = [];
      const others: string[] = [];
      for (const cluster of clusters) {
        (preferredReplicaIndex(cluster.name, replicas.length) === me ? mine : others).push(cluster.name);
      }
      this.claims += 1;
      const claim = {
        firstDueAt: now,
        nextDueAt: now + intervalMs,
        holder: `${this.replicaId}/${this.claims}`,
        limit: batch,
      };
      let names = await store.claimDueRefreshes({ ...claim, clusterNames: mine, dueBy: now });
      if (!names.length && others.length) {
        names = await store.claimDueRefreshes({ ...claim, clusterNames: others, dueBy: now - 2 * tickMs });
      }
      if (!names.length) return taken;
      logger.info(
        `Scheduled refresh of ${names.length} due clusters (due again at ${new Date(claim.nextDueAt).toISOString()}): ${names.join(', ')}`,
      );
      taken.push(...names);
      const results = await mapWithConcurrency(names, config.concurrency, name => {
        const cluster = byName.get(name);
        // Known when the batch was taken; a source may have dropped it since.
        return cluster ? this.refreshOnce(cluster, 'skip') : Promise.resolve(false);
      });
      results.forEach((result, i) => {
        if (result instanceof Error) {
          logger.error(`Refreshing cluster ${names[i]} failed: ${redact(result.message)}`);
        }
      });
    }
  }

  /** This replica stops sharing the scheduled refresh (shutdown); its clusters go to the others. */
  async leave(): Promise<void> {
    await this.options.store.leaveReplicas(this.replicaId);
  }

  /** Deletes history and drift older than `historyRetentionDays`. */
  async pruneHistory(): Promise<void> {
    const cutoff = new Date(
      this.now().getTime() -
        this.options.config.historyRetentionDays * 86_400_000,
    );
    const pruned = await this.options.store.pruneHistory(cutoff.toISOString());
    if (pruned)
      this.options.logger.info(
        `Pruned ${pruned} history rows older than ${cutoff.toISOString()}`,
      );
  }

  /** Refreshes every cluster now, a few at a time; one slow cluster only costs its own timeout. */
  async refreshAll(): Promise<void> {
    const clusters = await this.clusters(true);
    this.options.logger.info(`Refresh of all ${clusters.length} clusters started`);
    // A refresh another replica is running anyway (a user's) is not repeated.
    const results = await mapWithConcurrency(
      clusters,
      this.options.config.concurrency,
      cluster => this.refreshOnce(cluster, 'skip'),
    );
    results.forEach((result, i) => {
      if (result instanceof Error) {
        this.options.logger.error(
          `Refreshing cluster ${clusters[i].name} failed: ${redact(
            result.message,
          )}`,
        );
      }
    });
    await this.pruneHistory();
  }

  /**
   * Refreshes one cluster by name and answers the stored result; undefined when no
   * source knows it. Concurrent requests, here or on other replicas, share one read.
   */
  async refreshCluster(name: string): Promise<StoredCluster | undefined> {
    const cluster = (await this.clusters()).find(c => c.name === name);
    if (!cluster) return undefined;
    await this.refreshOnce(cluster, 'wait');
    return this.options.store.getCluster(name);
  }

  private waiversFor(cluster: ClusterDescriptor): Waiver[] {
    return [...this.options.config.waivers, ...(cluster.waivers ?? [])];
  }

  private async refreshDescriptor(cluster: ClusterDescriptor): Promise<void> {
    let source: ReportSource = 'pushed';
    if (cluster.kubernetes) source = 'live';
    else if (cluster.snapshotFile) source = 'file';
    await this.observed(cluster.name, source, () => this.readAndStore(cluster));
  }

  private async readAndStore(cluster: ClusterDescriptor): Promise<void> {
    const { store, config, logger } = this.options;
    const base = {
      clusterName: cluster.name,
      entityRef: cluster.entityRef,
      owner: cluster.owner,
      system: cluster.system,
    };
    const refreshedAt = () => this.now().toISOString();
    if (cluster.problem) {
      await store.markFailed({
        ...base,
        source: 'live',
        error: cluster.problem,
        refreshedAt: refreshedAt(),
      });
      return;
    }
    let snapshot: ClusterSnapshot;
    let source: 'live' | 'file';
    try {
      if (cluster.kubernetes) {
        source = 'live';
        const provider = cluster.kubernetes.authProvider;
        if (provider && USER_CREDENTIAL_AUTH_PROVIDERS.includes(provider)) {
          await this.needsUserCredentials(
            cluster,
            `its auth provider '${provider}' uses the signed-in user's token`,
          );
          return;
        }
        if (!this.options.collectLive)
          throw new Error('live collection is not available');
        const collect = this.options.collectLive;
        snapshot = await withTimeout(
          config.collection.deadlineMs,
          `reading cluster ${cluster.name}`,
          signal => collect(cluster, signal),
        );
      } else if (cluster.snapshotFile) {
        source = 'file';
        const pool = this.workerPool();
        if (pool) {
          // Read, parsed and evaluated in a worker: this thread passes the path.
          const evaluation = await pool
            .evaluateFile(cluster.snapshotFile, {
              clusterName: cluster.name,
              evaluate: this.evaluateOptions(cluster),
              onNotice: message => logger.info(message),
            })
            .catch((e: Error) => {
              if (e instanceof EvaluationFailedError) return e;
              throw e;
            });
          if (evaluation instanceof EvaluationFailedError) {
            await this.evaluationFailed(cluster, source, evaluation, refreshedAt());
          } else {
            await this.save(cluster, evaluation, source, refreshedAt());
          }
          return;
        }
        // A ClusterSnapshot, kubectl output, a directory or a support bundle.
        snapshot = await readSnapshot(cluster.snapshotFile, {
          clusterName: cluster.name,
          onNotice: message => logger.info(message),
        });
        if (snapshot.cluster.name !== cluster.name) {
          snapshot = {
            ...snapshot,
            cluster: { ...snapshot.cluster, name: cluster.name },
          };
        }
      } else {
        // Known only to the catalog: nothing to read; a pushed report, if any, stays.
        const existing = await store.getCluster(cluster.name);
        if (!existing) {
          await store.markFailed({
            ...base,
            source: 'pushed',
            error: `no report yet: the cluster is not configured for the Kubernetes plugin; push a snapshot (POST /api/cluster-readiness/snapshots)`,
            refreshedAt: refreshedAt(),
          });
        }
        return;
      }
    } catch (e) {
      if (e instanceof ClusterNeedsUserCredentialsError) {
        await this.needsUserCredentials(cluster, redact(e.message));
        return;
      }
      const message = redact((e as Error).message);
      logger.warn(`Refreshing cluster ${cluster.name} failed: ${message}`);
      await store.markFailed({
        ...base,
        source: cluster.kubernetes ? 'live' : 'file',
        error: message,
        refreshedAt: refreshedAt(),
      });
      return;
    }
    try {
      await this.store(cluster, snapshot, source, refreshedAt());
    } catch (e) {
      if (!(e instanceof EvaluationFailedError)) throw e;
      await this.evaluationFailed(cluster, source, e, refreshedAt());
    }
  }

  /** A failed evaluation is this cluster's error only; the rest of the refresh goes on. */
  private async evaluationFailed(
    cluster: ClusterDescriptor,
    source: ReportSource,
    error: EvaluationFailedError,
    refreshedAt: string,
  ) {
    const message = redact(error.message);
    this.options.logger.warn(message);
    await this.options.store.markFailed({
      clusterName: cluster.name,
      entityRef: cluster.entityRef,
      source,
      error: message,
      refreshedAt,
    });
  }

  /** The pool, unless there is none or custom checks (functions) must run in this thread. */
  private workerPool(): EvaluationPool | undefined {
    const customChecks = this.options.customChecks?.() ?? [];
    return customChecks.length === 0 ? this.options.evaluationPool : undefined;
  }

  private evaluateOptions(cluster: ClusterDescriptor) {
    const options = clusterOptionsFor(this.options.config, cluster.name);
    return {
      ...options,
      controlPlane: options.controlPlane ?? cluster.controlPlane,
      waivers: this.waiversFor(cluster),
    };
  }

  private async needsUserCredentials(cluster: ClusterDescriptor, why: string) {
    await this.options.store.markFailed({
      clusterName: cluster.name,
      entityRef: cluster.entityRef,
      owner: cluster.owner,
      system: cluster.system,
      source: 'live',
      reason: 'needs-user-credentials',
      error: `needs user credentials: ${why}, so it cannot be read on a schedule; push snapshots (POST /api/cluster-readiness/snapshots) or use a server-side auth provider`,
      refreshedAt: this.now().toISOString(),
    });
  }

  private async store(
    cluster: ClusterDescriptor,
    snapshot: ClusterSnapshot,
    source: 'live' | 'file' | 'pushed',
    refreshedAt: string,
  ) {
    const evaluateOptions = this.evaluateOptions(cluster);
    const pool = this.workerPool();
    let evaluation: Evaluation;
    if (pool) {
      evaluation = await pool.evaluate(snapshot, evaluateOptions);
    } else {
      const additionalChecks = this.options.customChecks?.() ?? [];
      try {
        evaluation = {
          report: evaluate(snapshot, { ...evaluateOptions, additionalChecks }),
          workloads: workloadFindings(snapshot),
        };
      } catch (e) {
        throw new EvaluationFailedError(
          `Evaluating cluster ${cluster.name} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    await this.save(cluster, evaluation, source, refreshedAt);
  }

  private async save(
    cluster: ClusterDescriptor,
    evaluation: Evaluation,
    source: 'live' | 'file' | 'pushed',
    refreshedAt: string,
  ) {
    const { report, workloads } = evaluation;
    await this.options.store.saveEvaluation({
      clusterName: cluster.name,
      entityRef: cluster.entityRef,
      owner: cluster.owner,
      system: cluster.system,
      source,
      report,
      workloads,
      refreshedAt,
    });
    this.options.logger.info(
      `Evaluated cluster ${cluster.name} (${source}): score ${
        report.score ?? '—'
      }, grade ${report.grade ?? '—'}`,
    );
  }

  /**
   * Evaluates and stores a pushed snapshot (air-gapped clusters). A cluster that is
   * read live or from a snapshot file belongs to that source: a push for it is a
   * ConflictError, unless `clusterReadiness.push.allowClusters` names it.
   */
  async acceptSnapshot(snapshot: ClusterSnapshot): Promise<StoredCluster> {
    const known = (await this.clusters()).find(
      c => c.name === snapshot.cluster.name,
    );
    let owner: 'live' | 'file' | undefined;
    if (known?.kubernetes) owner = 'live';
    else if (known?.snapshotFile) owner = 'file';
    if (owner && !this.options.config.push.allowClusters.includes(snapshot.cluster.name)) {
      const how = owner === 'live' ? 'read live through the Kubernetes plugin' : 'read from a configured snapshot file';
      throw new ConflictError(
        `Cluster '${snapshot.cluster.name}' belongs to source '${owner}' (it is ${how}); a push may not replace its report. List it in clusterReadiness.push.allowClusters to allow pushes for it`,
      );
    }
    const cluster: ClusterDescriptor = known ?? { name: snapshot.cluster.name };
    await this.observed(cluster.name, 'pushed', () =>
      this.store(cluster, snapshot, 'pushed', this.now().toISOString()),
    );
    return (await this.options.store.getCluster(cluster.name))!;
  }

  /**
   * Every cluster that a source knows or that has a stored report (pushed ones), with
   * catalog ownership; known clusters not read yet are `pending`.
   */
  async summaries(): Promise<ClusterSummary[]> {
    const [rows, clusters] = await Promise.all([
      this.options.store.listClusters(),
      this.clusters(),
    ]);
    const byName = new Map(clusters.map(c => [c.name, c]));
    const summaries = rows.map(row =>
      toSummary(row, byName.get(row.clusterName)),
    );
    const stored = new Set(rows.map(r => r.clusterName));
    for (const cluster of clusters) {
      if (stored.has(cluster.name)) continue;
      let source: ClusterSummary['source'] = 'pushed';
      if (cluster.kubernetes) source = 'live';
      else if (cluster.snapshotFile) source = 'file';
      summaries.push({
        name: cluster.name,
        entityRef: cluster.entityRef,
        owner: cluster.owner,
        system: cluster.system,
        source,
        score: null,
        grade: null,
        coverage: null,
        categories: [],
        counts: null,
        stale: false,
        state: 'pending',
      });
    }
    return summaries.sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** Where a known cluster's report comes from. */
function sourceOf(cluster: ClusterDescriptor): ReportSource {
  if (cluster.kubernetes) return 'live';
  if (cluster.snapshotFile) return 'file';
  return 'pushed';
}

/** API view of a stored cluster. @public */
export function toSummary(
  row: StoredCluster,
  descriptor?: ClusterDescriptor,
): ClusterSummary {
  return {
    name: row.clusterName,
    entityRef: descriptor?.entityRef ?? row.entityRef,
    owner: descriptor ? descriptor.owner : row.owner,
    system: descriptor ? descriptor.system : row.system,
    source: row.source,
    score: row.score,
    grade: row.grade as ClusterSummary['grade'],
    ...(row.summary?.gradeCap ? { gradeCap: row.summary.gradeCap } : {}),
    ...(row.summary?.distribution ? { distribution: row.summary.distribution } : {}),
    coverage: row.coverage,
    categories: (row.summary?.categories ?? []).map(({ gradeCap, ...c }) => ({
      ...c,
      ...(gradeCap ? { gradeCap } : {}),
    })) as ClusterSummary['categories'],
    counts: row.summary?.counts ?? null,
    evaluatedAt: row.evaluatedAt,
    refreshedAt: row.refreshedAt,
    stale: row.stale,
    state: row.state,
    error: row.error,
  };
}
