import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  Category,
  CheckStatus,
  ClusterReport,
  DriftEntry,
  HistoryEntry,
  WorkloadReport,
} from '@cluster-readiness/backstage-plugin-common';
import { InputError } from '@backstage/errors';
import { clusterNameProblem } from '@cluster-readiness/backstage-plugin-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import type {
  ClaimDueRefreshesInput,
  ClaimRefreshInput,
  MarkFailedInput,
  ReadinessStore,
  ReplicaHeartbeatInput,
  SaveEvaluationInput,
  StoredCluster,
} from './ReadinessStore';

const migrationsDir = resolvePackagePath(
  '@cluster-readiness/backstage-plugin-backend',
  'migrations',
);

const REPORTS = 'cluster_readiness_reports';
const HISTORY = 'cluster_readiness_history';
const DRIFT = 'cluster_readiness_drift';
const CLAIMS = 'cluster_readiness_refresh_claims';
const DUE = 'cluster_readiness_refresh_due';
const REPLICAS = 'cluster_readiness_replicas';
/** Rows per insert of new due times (three parameters each). */
const DUE_INSERT_ROWS = 1000;

/** Refuses a name the columns cannot hold, the same way on SQLite and PostgreSQL. */
function checkName(clusterName: string): void {
  const problem = clusterNameProblem(clusterName);
  if (problem) throw new InputError(`Invalid cluster name: ${problem}`);
}

/**
 * Bound parameters per query stay far below SQLite's (32,766) and PostgreSQL's (65,535)
 * limits: a fleet of any size is one query up to this many names.
 */
const MAX_NAMES_PER_QUERY = 10_000;

function chunks<T>(items: readonly T[], size = MAX_NAMES_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A SQLite file gets a write-ahead log: a commit is one sync of the log instead of
 * journal, database and journal again, and reads do not wait for writes. SQLite runs
 * on the main thread, so this is what lets a refresh keep the evaluation workers busy.
 * Still durable (every commit is synced). In-memory databases and PostgreSQL are left
 * as they are.
 */
async function useWriteAheadLog(db: Knex): Promise<void> {
  const client = String(db.client.config.client);
  if (!client.includes('sqlite')) return;
  await db.raw('PRAGMA journal_mode = WAL');
}

/** sha256 of the report: the same snapshot evaluated the same way is the same digest. */
export function reportDigest(report: ClusterReport): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(report)).digest('hex')}`;
}

type ReportRow = {
  cluster_name: string;
  entity_ref: string | null;
  source: StoredCluster['source'];
  report?: string | null;
  workloads?: string | null;
  score: number | null;
  grade: string | null;
  coverage: number | null;
  summary: string | null;
  evaluated_at: string | null;
  refreshed_at: string | null;
  stale: boolean | number;
  state: StoredCluster['state'];
  error: string | null;
};

const SUMMARY_COLUMNS = [
  'cluster_name',
  'entity_ref',
  'source',
  'score',
  'grade',
  'coverage',
  'summary',
  'evaluated_at',
  'refreshed_at',
  'stale',
  'state',
  'error',
];

function toStored(row: ReportRow): StoredCluster {
  return {
    clusterName: row.cluster_name,
    entityRef: row.entity_ref ?? undefined,
    source: row.source,
    score: row.score,
    grade: row.grade,
    coverage: row.coverage,
    summary: row.summary ? JSON.parse(row.summary) : undefined,
    evaluatedAt: row.evaluated_at ?? undefined,
    refreshedAt: row.refreshed_at ?? undefined,
    stale: Boolean(row.stale),
    state: row.state,
    error: row.error ?? undefined,
  };
}

/**
 * `ReadinessStore` on the plugin's own database (SQLite or PostgreSQL), with knex
 * migrations from `migrations/`.
 * @public
 */
export class DatabaseReadinessStore implements ReadinessStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReadinessStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    await useWriteAheadLog(client);
    return new DatabaseReadinessStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async saveEvaluation(input: SaveEvaluationInput): Promise<void> {
    const { report } = input;
    checkName(input.clusterName);
    const digest = reportDigest(report);
    await this.db.transaction(async tx => {
      const previous = await tx<ReportRow>(REPORTS)
        .where('cluster_name', input.clusterName)
        .first('report', 'evaluated_at');
      // The same snapshot again (a file or pushed snapshot re-read on schedule) is no
      // new evaluation: refresh the current row only.
      const repeated = previous?.evaluated_at === report.collectedAt;
      const row = {
        cluster_name: input.clusterName,
        entity_ref: input.entityRef ?? null,
        source: input.source,
        report: JSON.stringify(report),
        workloads: JSON.stringify(input.workloads),
        score: report.score,
        grade: report.grade,
        coverage: report.coverage,
        summary: JSON.stringify({
          categories: report.categories.map(c => ({ id: c.id, score: c.score, grade: c.grade, gradeCap: c.gradeCap ?? null })),
          counts: report.counts,
          gradeCap: report.gradeCap ?? null,
          distribution: report.distribution?.name,
        }),
        evaluated_at: report.collectedAt,
        refreshed_at: input.refreshedAt,
        stale: false,
        state: 'ok',
        error: null,
      };
      await tx(REPORTS).insert(row).onConflict('cluster_name').merge();
      if (repeated) return;
      // Unique by the database: a second replica storing the same report inserts
      // nothing, and then adds no drift either.
      const inserted = await tx(HISTORY)
        .insert({
          cluster_name: input.clusterName,
          digest,
          evaluated_at: report.collectedAt,
          score: report.score,
          grade: report.grade,
          coverage: report.coverage,
          categories: JSON.stringify(Object.fromEntries(report.categories.map(c => [c.id, c.score]))),
          counts: JSON.stringify(report.counts),
        })
        .onConflict(['cluster_name', 'digest'])
        .ignore()
        .returning('id');
      if (inserted.length === 0) return;
      if (previous?.report) {
        const before = new Map<string, CheckStatus>(
          (JSON.parse(previous.report) as ClusterReport).checks.map(c => [c.id, c.status]),
        );
        const changes: Array<Record<string, unknown>> = [];
        for (const check of report.checks) {
          const from = before.get(check.id) ?? null;
          if (from !== check.status) {
            changes.push({ check_id: check.id, from_status: from, to_status: check.status });
          }
          before.delete(check.id);
        }
        for (const [id, from] of before) {
          changes.push({ check_id: id, from_status: from, to_status: null });
        }
        if (changes.length) {
          await tx(DRIFT).insert(
            changes.map(c => ({ ...c, cluster_name: input.clusterName, evaluated_at: report.collectedAt })),
          );
        }
      }
    });
  }

  async markFailed(input: MarkFailedInput): Promise<void> {
    checkName(input.clusterName);
    await this.db.transaction(async tx => {
      const existing = await tx<ReportRow>(REPORTS)
        .where('cluster_name', input.clusterName)
        .first('evaluated_at');
      const hasReport = !!existing?.evaluated_at;
      let state: StoredCluster['state'] = hasReport ? 'stale' : 'error';
      if (input.reason === 'needs-user-credentials') state = 'needs-user-credentials';
      const fields = {
        stale: hasReport,
        state,
        error: input.error,
        refreshed_at: input.refreshedAt,
        entity_ref: input.entityRef ?? null,
      };
      if (existing) {
        await tx(REPORTS).where('cluster_name', input.clusterName).update(fields);
      } else {
        // Another replica may insert the row at the same time: merge, never fail.
        await tx(REPORTS)
          .insert({ ...fields, cluster_name: input.clusterName, source: input.source })
          .onConflict('cluster_name')
          .merge(Object.keys(fields));
      }
    });
  }

  async claimRefresh(input: ClaimRefreshInput): Promise<boolean> {
    checkName(input.clusterName);
    const expiresAt = input.now + input.ttlMs;
    const inserted = await this.db(CLAIMS)
      .insert({ cluster_name: input.clusterName, holder: input.holder, expires_at: expiresAt })
      .onConflict('cluster_name')
      .ignore()
      .returning('cluster_name');
    if (inserted.length > 0) return true;
    // Held: take it over only when it has expired (its holder died or hung), in one
    // conditional update, so two replicas cannot both take it.
    const taken = await this.db(CLAIMS)
      .where('cluster_name', input.clusterName)
      .andWhere('expires_at', '<=', input.now)
      .update({ holder: input.holder, expires_at: expiresAt });
    return taken > 0;
  }

  async releaseRefresh(clusterName: string, holder: string): Promise<void> {
    await this.db(CLAIMS).where({ cluster_name: clusterName, holder }).delete();
  }

  async getRefreshClaim(
    clusterName: string,
  ): Promise<{ holder: string; expiresAt: number } | undefined> {
    const row = await this.db(CLAIMS).where('cluster_name', clusterName).first('holder', 'expires_at');
    return row ? { holder: row.holder, expiresAt: Number(row.expires_at) } : undefined;
  }

  async claimDueRefreshes(input: ClaimDueRefreshesInput): Promise<string[]> {
    const taken: string[] = [];
    for (const names of chunks(input.clusterNames)) {
      if (taken.length >= input.limit) break;
      // Clusters without a due time get one; an insert that meets another replica's
      // row leaves that row as it is.
      const known = new Set<string>(await this.db(DUE).whereIn('cluster_name', names).pluck('cluster_name'));
      const fresh = names.filter(name => !known.has(name));
      for (const part of chunks(fresh, DUE_INSERT_ROWS)) {
        await this.db(DUE)
          .insert(part.map(name => ({ cluster_name: name, due_at: input.firstDueAt, holder: null })))
          .onConflict('cluster_name')
          .ignore();
      }
      // Clusters another replica takes between the read and the update are no longer
      // due: the next look leaves them out, so this ends.
      for (let looks = 0; looks < 100 && taken.length < input.limit; looks++) {
        const due: string[] = await this.db(DUE)
          .whereIn('cluster_name', names)
          .andWhere('due_at', '<=', input.dueBy)
          .orderBy([{ column: 'due_at' }, { column: 'cluster_name' }])
          .limit(input.limit - taken.length)
          .pluck('cluster_name');
        if (!due.length) break;
        // One conditional update takes them: a cluster another replica took meanwhile
        // is no longer due and is left out, so each due time is taken once.
        try {
          const rows: Array<{ cluster_name: string }> = await this.db(DUE)
            .whereIn('cluster_name', due)
            .andWhere('due_at', '<=', input.dueBy)
            .update({ due_at: input.nextDueAt, holder: input.holder })
            .returning('cluster_name');
          taken.push(...rows.map(row => row.cluster_name));
        } catch (e) {
          // Two replicas taking overlapping sets can deadlock on PostgreSQL; the one
          // rolled back takes nothing more now and looks again on its next tick.
          if ((e as { code?: string }).code === '40P01') return taken;
          throw e;
        }
      }
    }
    return taken;
  }

  async heartbeat(input: ReplicaHeartbeatInput): Promise<string[]> {
    await this.db(REPLICAS)
      .insert({ replica_id: input.replicaId, seen_at: input.now })
      .onConflict('replica_id')
      .merge(['seen_at']);
    await this.db(REPLICAS).where('seen_at', '<', input.aliveSince).delete();
    return this.db(REPLICAS)
      .where('seen_at', '>=', input.aliveSince)
      .orderBy('replica_id')
      .pluck('replica_id');
  }

  async leaveReplicas(replicaId: string): Promise<void> {
    await this.db(REPLICAS).where('replica_id', replicaId).delete();
  }

  async listClusters(): Promise<StoredCluster[]> {
    const rows: ReportRow[] = await this.db(REPORTS).select(SUMMARY_COLUMNS).orderBy('cluster_name');
    return rows.map(toStored);
  }

  async getCluster(clusterName: string): Promise<StoredCluster | undefined> {
    const row: ReportRow | undefined = await this.db(REPORTS)
      .where('cluster_name', clusterName)
      .first(SUMMARY_COLUMNS);
    return row ? toStored(row) : undefined;
  }

  async getReport(clusterName: string): Promise<ClusterReport | undefined> {
    const row = await this.db<ReportRow>(REPORTS).where('cluster_name', clusterName).first('report');
    return row?.report ? JSON.parse(row.report) : undefined;
  }

  async getWorkloads(clusterName: string): Promise<Record<string, WorkloadReport> | undefined> {
    const row = await this.db<ReportRow>(REPORTS).where('cluster_name', clusterName).first('workloads');
    return row?.workloads ? JSON.parse(row.workloads) : undefined;
  }

  async getWorkloadsFor(
    clusterNames: readonly string[],
    workloadKey: string,
  ): Promise<Map<string, WorkloadReport>> {
    const found = new Map<string, WorkloadReport>();
    for (const names of chunks(clusterNames)) {
      const rows: Array<{ cluster_name: string; workloads: string | null }> = await this.db(REPORTS)
        .whereIn('cluster_name', names)
        .whereNotNull('workloads')
        .select('cluster_name', 'workloads');
      for (const row of rows) {
        const workloads = JSON.parse(row.workloads!) as Record<string, WorkloadReport>;
        if (Object.hasOwn(workloads, workloadKey)) found.set(row.cluster_name, workloads[workloadKey]);
      }
    }
    return found;
  }

  async getReports(clusterNames: readonly string[]): Promise<ClusterReport[]> {
    const byName = new Map<string, ClusterReport>();
    for (const names of chunks(clusterNames)) {
      const rows: Array<{ cluster_name: string; report: string | null }> = await this.db(REPORTS)
        .whereIn('cluster_name', names)
        .whereNotNull('report')
        .select('cluster_name', 'report');
      for (const row of rows) byName.set(row.cluster_name, JSON.parse(row.report!));
    }
    return clusterNames.flatMap(name => byName.get(name) ?? []);
  }

  async getHistory(clusterName: string, options: { limit?: number } = {}): Promise<HistoryEntry[]> {
    const rows = await this.db(HISTORY)
      .where('cluster_name', clusterName)
      .orderBy([{ column: 'evaluated_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(options.limit ?? 100);
    return rows.reverse().map(r => ({
      evaluatedAt: r.evaluated_at,
      score: r.score,
      grade: r.grade,
      coverage: r.coverage,
      categories: JSON.parse(r.categories) as Partial<Record<Category, number | null>>,
      counts: JSON.parse(r.counts),
    }));
  }

  async getDrift(clusterName: string, options: { limit?: number } = {}): Promise<DriftEntry[]> {
    const rows = await this.db(DRIFT)
      .where('cluster_name', clusterName)
      .orderBy([{ column: 'evaluated_at', order: 'desc' }, { column: 'id', order: 'asc' }])
      .limit(options.limit ?? 200);
    return rows.map(r => ({
      evaluatedAt: r.evaluated_at,
      checkId: r.check_id,
      from: r.from_status,
      to: r.to_status,
    }));
  }

  async pruneHistory(olderThan: string): Promise<number> {
    const history = await this.db(HISTORY).where('evaluated_at', '<', olderThan).delete();
    const drift = await this.db(DRIFT).where('evaluated_at', '<', olderThan).delete();
    return history + drift;
  }
}
