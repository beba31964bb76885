import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  AppliedWaiver,
  Category,
  CheckStatus,
  ClusterReport,
  FleetFilter,
  StatusCounts,
  DriftEntry,
  HistoryEntry,
  WorkloadReport,
} from '@cluster-readiness/backstage-plugin-common';
import { InputError } from '@backstage/errors';
import { clusterNameProblem, isWaived, STATUSES } from '@cluster-readiness/backstage-plugin-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import type { EntityRefDecision } from '../permissions/EntityRefAuthorizer';
import type {
  ClaimDueRefreshesInput,
  CheckResultPage,
  CheckResultQuery,
  ClaimRefreshInput,
  ClusterPage,
  ClusterQuery,
  FleetCounts,
  FleetGroupCount,
  KnownCluster,
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
const BODIES = 'cluster_readiness_report_bodies';
const RESULTS = 'cluster_readiness_check_results';

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

/** 0 for `fail` … 4 for `not-applicable`: worst first. */
function statusRank(status: string): number {
  const rank = (STATUSES as readonly string[]).indexOf(status);
  return rank < 0 ? STATUSES.length : rank;
}

/** Up to this many clusters in view, per-cluster results are read by key. */
const FEW_CLUSTERS = 2000;

/** Whether a query needs the clusters table: a filter or a permission decision to apply. */
function scoped(filter: FleetFilter, readable: EntityRefDecision): boolean {
  return !readable.all || Object.values(filter).some(v => v !== undefined);
}

/** `sort=` keys and the column each sorts by. */
const SORT_COLUMNS = {
  name: 'cluster_name',
  score: 'score',
  coverage: 'coverage',
  owner: 'owner',
  system: 'system',
  evaluatedAt: 'evaluated_at',
} as const;

/** sha256 of the report: the same snapshot evaluated the same way is the same digest. */
export function reportDigest(report: ClusterReport): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(report)).digest('hex')}`;
}

type ReportRow = {
  cluster_name: string;
  entity_ref: string | null;
  owner: string | null;
  system: string | null;
  source: StoredCluster['source'];
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
  'owner',
  'system',
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
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
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
    /**
     * Up to this many clusters in view (default 2,000), fleet aggregates and check
     * pages read those clusters' results by key; above it, they scan the check
     * results' indexes.
     */
    fewClusters?: number;
  }): Promise<DatabaseReadinessStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    await useWriteAheadLog(client);
    return new DatabaseReadinessStore(client, options.fewClusters ?? FEW_CLUSTERS);
  }

  private constructor(
    private readonly db: Knex,
    private readonly fewClusters: number,
  ) {}

  async saveEvaluation(input: SaveEvaluationInput): Promise<void> {
    const { report } = input;
    checkName(input.clusterName);
    const digest = reportDigest(report);
    await this.db.transaction(async tx => {
      const previous = await tx<ReportRow>(REPORTS)
        .where('cluster_name', input.clusterName)
        .first('evaluated_at');
      // The same snapshot again (a file or pushed snapshot re-read on schedule) is no
      // new evaluation: refresh the current row only.
      const repeated = previous?.evaluated_at === report.collectedAt;
      const row = {
        cluster_name: input.clusterName,
        entity_ref: input.entityRef ?? null,
        owner: input.owner ?? null,
        system: input.system ?? null,
        source: input.source,
        score: report.score,
        grade: report.grade,
        coverage: report.coverage,
        distribution: report.distribution?.name ?? null,
        capped: !!report.gradeCap,
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
      const before = previous?.evaluated_at
        ? new Map<string, CheckStatus>(
            (
              (await tx(RESULTS).where('cluster_name', input.clusterName).select('check_id', 'status')) as Array<{
                check_id: string;
                status: CheckStatus;
              }>
            ).map(r => [r.check_id, r.status]),
          )
        : undefined;
      await tx(REPORTS).insert(row).onConflict('cluster_name').merge();
      await tx(BODIES)
        .insert({
          cluster_name: input.clusterName,
          report: JSON.stringify(report),
          workloads: JSON.stringify(input.workloads),
        })
        .onConflict('cluster_name')
        .merge();
      // The check results of this report replace the previous ones, in this transaction
      // (upserted, so replicas storing the same cluster at once never collide).
      await tx(RESULTS)
        .where('cluster_name', input.clusterName)
        .whereNotIn('check_id', report.checks.map(c => c.id))
        .delete();
      const results = report.checks.map(c => ({
        cluster_name: input.clusterName,
        check_id: c.id,
        status: c.status,
        status_rank: statusRank(c.status),
        severity: c.severity,
        waived: isWaived(c),
        message: c.message,
        waiver: c.waiver ? JSON.stringify(c.waiver) : null,
      }));
      for (const page of chunks(results, 100)) {
        await tx(RESULTS).insert(page).onConflict(['cluster_name', 'check_id']).merge();
      }
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
      if (before) {
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
        owner: input.owner ?? null,
        system: input.system ?? null,
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
    const rows: ReportRow[] = await this.db(REPORTS)
      .whereNot('state', 'pending')
      .select(SUMMARY_COLUMNS)
      .orderBy('cluster_name');
    return rows.map(toStored);
  }

  async getCluster(clusterName: string): Promise<StoredCluster | undefined> {
    const row: ReportRow | undefined = await this.db(REPORTS)
      .where('cluster_name', clusterName)
      .whereNot('state', 'pending')
      .first(SUMMARY_COLUMNS);
    return row ? toStored(row) : undefined;
  }

  async listEntityRefs(): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db(REPORTS)
      .whereNotNull('entity_ref')
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async findCluster(clusterName: string): Promise<StoredCluster | undefined> {
    const row: ReportRow | undefined = await this.db(REPORTS)
      .where('cluster_name', clusterName)
      .first(SUMMARY_COLUMNS);
    return row ? toStored(row) : undefined;
  }

  async syncKnownClusters(clusters: readonly KnownCluster[]): Promise<void> {
    const known = clusters.filter(c => !clusterNameProblem(c.clusterName));
    for (const page of chunks(known, 200)) {
      // A placeholder for a cluster not stored yet; the catalog's fields for every one.
      await this.db(REPORTS)
        .insert(
          page.map(c => ({
            cluster_name: c.clusterName,
            entity_ref: c.entityRef ?? null,
            owner: c.owner ?? null,
            system: c.system ?? null,
            source: c.source,
            state: 'pending',
            stale: false,
          })),
        )
        .onConflict('cluster_name')
        .merge(['entity_ref', 'owner', 'system']);
    }
    // Placeholders of clusters no source knows any more.
    await this.db(REPORTS)
      .where('state', 'pending')
      .whereNot(qb => this.nameIn(qb, 'cluster_name', known.map(c => c.clusterName)))
      .delete();
  }

  /** `column IN (values)` with one bound parameter, whatever the number of values. */
  private nameIn(qb: Knex.QueryBuilder, column: string, values: readonly string[], lower = false) {
    const json = JSON.stringify(values);
    const target = lower ? this.db.raw('lower(??)', [column]) : this.db.ref(column);
    if (this.isPostgres()) {
      // An array, not a subquery: the planner then probes an index per value instead of
      // a nested-loop semi join over the whole table.
      return qb.whereRaw('? = ANY (ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))', [target, json]);
    }
    return qb.whereRaw('? IN (SELECT value FROM json_each(?))', [target, json]);
  }

  private isPostgres(): boolean {
    const client = String(this.db.client.config.client ?? '');
    return client === 'pg' || client === 'postgres' || client === 'postgresql';
  }

  /** The fleet filters and the caller's permission decision, on the clusters table `c`. */
  private scope(qb: Knex.QueryBuilder, filter: FleetFilter, readable: EntityRefDecision): Knex.QueryBuilder {
    if (!readable.all) {
      // Clusters without a catalog entity need an unconditional allow.
      qb.whereNotNull('c.entity_ref');
      this.nameIn(qb, 'c.entity_ref', [...readable.refs].map(r => r.toLocaleLowerCase('en-US')), true);
    }
    if (filter.owner?.length) qb.whereIn('c.owner', filter.owner);
    if (filter.system?.length) qb.whereIn('c.system', filter.system);
    if (filter.grade?.length) {
      const grades = filter.grade.filter(g => g !== 'none');
      const none = filter.grade.includes('none');
      qb.where(b => {
        if (grades.length) b.whereIn('c.grade', grades);
        if (none) b.orWhereNull('c.grade');
      });
    }
    if (filter.state?.length) qb.whereIn('c.state', filter.state);
    if (filter.stale !== undefined) qb.where('c.stale', filter.stale);
    if (filter.q) {
      const pattern = `%${filter.q.toLocaleLowerCase('en-US').replace(/[\\%_]/g, m => `\\${m}`)}%`;
      qb.where(b => {
        for (const column of ['c.cluster_name', 'c.owner', 'c.system']) {
          b.orWhereRaw("lower(??) LIKE ? ESCAPE '\\'", [column, pattern]);
        }
      });
    }
    return qb;
  }

  async queryClusters(query: ClusterQuery): Promise<ClusterPage> {
    const column = SORT_COLUMNS[query.sort];
    const desc = query.order === 'desc';
    const op = desc ? '<' : '>';
    const base = () => this.scope(this.db(`${REPORTS} as c`), query.filter, query.readable);
    const page = base()
      .select(SUMMARY_COLUMNS.map(c => `c.${c}`))
      .limit(query.limit + 1);
    if (column === 'cluster_name') {
      page.orderBy('c.cluster_name', query.order);
      if (query.after) page.where('c.cluster_name', op, query.after.name);
    } else {
      // Clusters without the value last in either order; ties by name.
      page
        .orderByRaw(`CASE WHEN c.${column} IS NULL THEN 1 ELSE 0 END`)
        .orderBy(`c.${column}`, query.order)
        .orderBy('c.cluster_name', 'asc');
      const after = query.after;
      if (after && after.value === null) {
        page.whereNull(`c.${column}`).where('c.cluster_name', '>', after.name);
      } else if (after) {
        page.where(b =>
          b
            .whereNull(`c.${column}`)
            .orWhere(`c.${column}`, op, after.value!)
            .orWhere(e => e.where(`c.${column}`, after.value!).where('c.cluster_name', '>', after.name)),
        );
      }
    }
    if (!query.after && query.offset) page.offset(query.offset);
    const [rows, total] = await Promise.all([
      page as Promise<ReportRow[]>,
      base().count({ n: '*' }),
    ]);
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1] as (ReportRow & Record<string, unknown>) | undefined;
    return {
      items: items.map(toStored),
      totalItems: Number(total[0].n),
      ...(more && last
        ? { next: { value: (last[column] as string | number | null) ?? null, name: last.cluster_name } }
        : {}),
    };
  }

  async fleetCounts(options: {
    filter: FleetFilter;
    readable: EntityRefDecision;
    checkIds: readonly string[];
    checks: number;
  }): Promise<FleetCounts> {
    const { filter, readable } = options;
    const base = () => this.scope(this.db(`${REPORTS} as c`), filter, readable);
    const unread = this.db.raw(
      "sum(CASE WHEN c.state IN ('pending', 'error', 'needs-user-credentials') THEN 1 ELSE 0 END) as unread",
    );
    const stale = this.db.raw('sum(CASE WHEN c.stale THEN 1 ELSE 0 END) as stale');
    const group = (key: 'owner' | 'system') =>
      base()
        .select({ key: `c.${key}`, grade: 'c.grade' })
        .count({ clusters: '*' })
        .sum({ scoreSum: 'c.score' })
        .count({ scored: 'c.score' })
        .select(stale, unread)
        .groupBy(`c.${key}`, 'c.grade');
    const [totals, owners, systems, checks] = await Promise.all([
      base()
        .select('c.grade', 'c.state', 'c.stale', 'c.capped')
        .count({ clusters: '*' })
        .sum({ scoreSum: 'c.score' })
        .count({ scored: 'c.score' })
        .groupBy('c.grade', 'c.state', 'c.stale', 'c.capped'),
      group('owner'),
      group('system'),
      options.checkIds.length && options.checks > 0
        ? this.checkCounts(filter, readable, options.checkIds)
        : Promise.resolve([]),
    ]);
    const groupRow = (r: Record<string, unknown>): FleetGroupCount => ({
      key: (r.key as string | null) ?? null,
      grade: (r.grade as string | null) ?? null,
      clusters: Number(r.clusters),
      scoreSum: Number(r.scoreSum ?? 0),
      scored: Number(r.scored),
      stale: Number(r.stale ?? 0),
      unread: Number(r.unread ?? 0),
    });
    return {
      totals: (totals as Array<Record<string, unknown>>).map(r => ({
        grade: (r.grade as string | null) ?? null,
        state: r.state as StoredCluster['state'],
        stale: Boolean(r.stale),
        capped: Boolean(r.capped),
        clusters: Number(r.clusters),
        scoreSum: Number(r.scoreSum ?? 0),
        scored: Number(r.scored),
      })),
      owners: (owners as Array<Record<string, unknown>>).map(groupRow),
      systems: (systems as Array<Record<string, unknown>>).map(groupRow),
      checks: checks
        .filter(c => c.failing + c.warning > 0)
        .sort((a, b) => b.failing - a.failing || b.warning - a.warning || (a.checkId < b.checkId ? -1 : 1))
        .slice(0, options.checks),
    };
  }

  /**
   * Per check: results failing and warning (not waived), and waived ones, over the
   * readable, filtered clusters. Two index-driven queries (fail/warn rows, waived
   * rows); the clusters table is joined only when a filter or decision applies.
   */
  private async checkCounts(
    filter: FleetFilter,
    readable: EntityRefDecision,
    checkIds: readonly string[],
  ): Promise<Array<{ checkId: string; failing: number; warning: number; waived: number }>> {
    const few = await this.fewScopedNames(filter, readable);
    if (few) {
      // A few clusters (a team's): their results by primary key, counted in one query.
      if (!few.length) return [];
      const fail = statusRank('fail');
      const warn = statusRank('warn');
      // Every result of those clusters (by primary key), known checks kept below: a
      // condition on check_id would lead the planner to scan the check index instead.
      const known = new Set(checkIds);
      const rows = await this.nameIn(this.db(`${RESULTS} as r`), 'r.cluster_name', few)
        .select({ checkId: 'r.check_id' })
        .select(
          this.db.raw(`sum(CASE WHEN r.status_rank = ${fail} AND NOT r.waived THEN 1 ELSE 0 END) as failing`),
          this.db.raw(`sum(CASE WHEN r.status_rank = ${warn} AND NOT r.waived THEN 1 ELSE 0 END) as warning`),
          this.db.raw('sum(CASE WHEN r.waived THEN 1 ELSE 0 END) as waived'),
        )
        .groupBy('r.check_id');
      return (rows as Array<Record<string, unknown>>).filter(r => known.has(String(r.checkId))).map(r => ({
        checkId: String(r.checkId),
        failing: Number(r.failing),
        warning: Number(r.warning),
        waived: Number(r.waived),
      }));
    }
    const from = () => {
      const qb = this.db(`${RESULTS} as r`);
      if (scoped(filter, readable)) {
        qb.join(`${REPORTS} as c`, 'c.cluster_name', 'r.cluster_name');
        this.scope(qb, filter, readable);
      }
      return qb.whereIn('r.check_id', [...checkIds]);
    };
    const [bad, waived] = await Promise.all([
      from()
        .whereIn('r.status_rank', [statusRank('fail'), statusRank('warn')])
        .where('r.waived', false)
        .select({ checkId: 'r.check_id', rank: 'r.status_rank' })
        .count({ n: '*' })
        .groupBy('r.check_id', 'r.status_rank'),
      from()
        .where('r.waived', true)
        .select({ checkId: 'r.check_id' })
        .count({ n: '*' })
        .groupBy('r.check_id'),
    ]);
    const byId = new Map<string, { checkId: string; failing: number; warning: number; waived: number }>();
    const entry = (checkId: string) => {
      let e = byId.get(checkId);
      if (!e) {
        e = { checkId, failing: 0, warning: 0, waived: 0 };
        byId.set(checkId, e);
      }
      return e;
    };
    for (const r of bad as Array<{ checkId: string; rank: number | string; n: number | string }>) {
      if (Number(r.rank) === statusRank('fail')) entry(r.checkId).failing = Number(r.n);
      else entry(r.checkId).warning = Number(r.n);
    }
    for (const r of waived as Array<{ checkId: string; n: number | string }>) entry(r.checkId).waived = Number(r.n);
    return [...byId.values()];
  }

  async queryCheckResults(query: CheckResultQuery): Promise<CheckResultPage> {
    const few = await this.fewScopedNames(query.filter, query.readable);
    const base = () => {
      const qb = this.db(`${RESULTS} as r`).join(`${REPORTS} as c`, 'c.cluster_name', 'r.cluster_name');
      // A few clusters: their results by key; otherwise the check's results in rank order.
      if (few) {
        // By primary key (cluster, check): `|| ''` keeps the planner off the check index.
        return this.nameIn(qb, 'r.cluster_name', few).whereRaw("r.check_id || '' = ?", [query.checkId]);
      }
      this.scope(qb, query.filter, query.readable);
      return qb.where('r.check_id', query.checkId);
    };
    const ranks = query.statuses?.length ? [...new Set(query.statuses.map(statusRank))] : undefined;
    const page = base()
      .select(SUMMARY_COLUMNS.map(c => `c.${c}`))
      .select({ result_status: 'r.status', result_message: 'r.message', result_waiver: 'r.waiver' })
      .orderBy([
        { column: 'r.status_rank', order: 'asc' },
        { column: 'r.cluster_name', order: 'asc' },
      ])
      .limit(query.limit + 1);
    if (ranks) page.whereIn('r.status_rank', ranks);
    if (query.after) {
      const rank = statusRank(query.after.status);
      const name = query.after.name;
      page.where(b =>
        b.where('r.status_rank', '>', rank).orWhere(e => e.where('r.status_rank', rank).where('r.cluster_name', '>', name)),
      );
    }
    const [rows, byStatus] = await Promise.all([
      page as Promise<Array<ReportRow & { result_status: CheckStatus; result_message: string; result_waiver: string | null }>>,
      few || this.scoped(query.filter, query.readable)
        ? base().select({ rank: 'r.status_rank', waived: 'r.waived' }).count({ n: '*' }).groupBy('r.status_rank', 'r.waived')
        : this.db(`${RESULTS} as r`)
            .where('r.check_id', query.checkId)
            .select({ rank: 'r.status_rank', waived: 'r.waived' })
            .count({ n: '*' })
            .groupBy('r.status_rank', 'r.waived'),
    ]);
    // Waived results are counted under `waived` only; the total follows `statuses`.
    const counts = Object.fromEntries([...STATUSES, 'waived'].map(s => [s, 0])) as StatusCounts;
    let totalItems = 0;
    for (const r of byStatus as Array<{ rank: number | string; waived: boolean | number; n: number | string }>) {
      const n = Number(r.n);
      const status = STATUSES[Number(r.rank)] as CheckStatus | undefined;
      if (r.waived) counts.waived += n;
      else if (status) counts[status] += n;
      if (!ranks || ranks.includes(Number(r.rank))) totalItems += n;
    }
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(r => ({
        cluster: toStored(r),
        status: r.result_status,
        message: r.result_message,
        ...(r.result_waiver ? { waiver: JSON.parse(r.result_waiver) as AppliedWaiver } : {}),
      })),
      totalItems,
      counts,
      ...(more && last ? { next: { status: last.result_status, name: last.cluster_name } } : {}),
    };
  }

  private scoped(filter: FleetFilter, readable: EntityRefDecision): boolean {
    return scoped(filter, readable);
  }

  /**
   * The names of the readable, filtered clusters when they are few (a team's view);
   * undefined when nothing narrows the fleet or too many match. Per-cluster results are
   * then read by primary key instead of scanning every cluster's.
   */
  private async fewScopedNames(filter: FleetFilter, readable: EntityRefDecision): Promise<string[] | undefined> {
    if (!scoped(filter, readable)) return undefined;
    const rows: Array<{ cluster_name: string }> = await this.scope(this.db(`${REPORTS} as c`), filter, readable)
      .select('c.cluster_name')
      .limit(this.fewClusters + 1);
    return rows.length > this.fewClusters ? undefined : rows.map(r => r.cluster_name);
  }

  async getReport(clusterName: string): Promise<ClusterReport | undefined> {
    const row = await this.db(BODIES).where('cluster_name', clusterName).first('report');
    return row?.report ? JSON.parse(row.report) : undefined;
  }

  async getWorkloads(clusterName: string): Promise<Record<string, WorkloadReport> | undefined> {
    const row = await this.db(BODIES).where('cluster_name', clusterName).first('workloads');
    return row?.workloads ? JSON.parse(row.workloads) : undefined;
  }

  async getWorkloadsFor(
    clusterNames: readonly string[],
    workloadKey: string,
  ): Promise<Map<string, WorkloadReport>> {
    const found = new Map<string, WorkloadReport>();
    for (const names of chunks(clusterNames)) {
      const rows: Array<{ cluster_name: string; workloads: string | null }> = await this.db(BODIES)
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
      const rows: Array<{ cluster_name: string; report: string | null }> = await this.db(BODIES)
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
