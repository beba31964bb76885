// @ts-check

/** Worst first, as `STATUSES` of the common package. */
const STATUSES = ['fail', 'warn', 'unknown', 'pass', 'not-applicable'];
const rankOf = (/** @type {string} */ status) =>
  STATUSES.includes(status) ? STATUSES.indexOf(status) : STATUSES.length;

/**
 * The fleet at scale (issue 10): lists, filters, sorts and aggregates read only
 * narrow, indexed rows.
 *
 * - `cluster_readiness_reports` keeps one summary row per cluster and gains the
 *   catalog's `owner` and `system`, the detected `distribution` and `capped` (grade
 *   capped or withheld); `state` may now be `pending` (known to a source, not read
 *   yet). Its report and workloads move to `cluster_readiness_report_bodies`, so a list
 *   never reads a report (on SQLite a row's columns sit behind its large text ones).
 * - `cluster_readiness_check_results`: one row per cluster and check of the last good
 *   report, rewritten with each stored report, for most-failed checks and check pages.
 *
 * Existing rows are backfilled from their stored reports; owner and system are
 * written at the next read of the cluster sources.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cluster_readiness_report_bodies', table => {
    table.comment(
      'The full last good report and workload findings of each cluster',
    );
    table.string('cluster_name', 255).primary().notNullable();
    table.text('report', 'longtext').nullable().comment('ClusterReport JSON');
    table
      .text('workloads', 'longtext')
      .nullable()
      .comment('Per kubernetes-id workload results JSON');
  });
  await knex.schema.createTable('cluster_readiness_check_results', table => {
    table.comment('Each check result of the last good report of each cluster');
    table.string('cluster_name', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('status', 32).notNullable();
    table
      .integer('status_rank')
      .notNullable()
      .comment(
        '0 fail, 1 warn, 2 unknown, 3 pass, 4 not-applicable: worst first',
      );
    table.string('severity', 16).notNullable();
    table
      .boolean('waived')
      .notNullable()
      .defaultTo(false)
      .comment('a waiver in force covers the result');
    table.text('message').notNullable();
    table
      .text('waiver')
      .nullable()
      .comment('AppliedWaiver JSON, when a waiver matches');
    table.primary(['cluster_name', 'check_id']);
    table.index(
      ['check_id', 'status_rank', 'cluster_name'],
      'cluster_readiness_check_results_check_idx',
    );
    table.index(
      ['check_id', 'status_rank', 'waived'],
      'cluster_readiness_check_results_rank_idx',
    );
    table.index(
      ['waived', 'check_id'],
      'cluster_readiness_check_results_waived_idx',
    );
  });
  await knex.schema.alterTable('cluster_readiness_reports', table => {
    table.string('owner', 255).nullable().comment('catalog owner entity ref');
    table.string('system', 255).nullable().comment('catalog system entity ref');
    table.string('distribution', 32).nullable();
    table
      .boolean('capped')
      .notNullable()
      .defaultTo(false)
      .comment('grade capped or withheld');
  });

  // Backfill from the stored reports, a page at a time.
  const pageSize = 200;
  let after = '';
  for (;;) {
    const rows = await knex('cluster_readiness_reports')
      .where('cluster_name', '>', after)
      .orderBy('cluster_name')
      .limit(pageSize)
      .select('cluster_name', 'report', 'workloads');
    if (!rows.length) break;
    after = rows[rows.length - 1].cluster_name;
    const bodies = rows.filter(r => r.report !== null || r.workloads !== null);
    if (bodies.length) {
      await knex('cluster_readiness_report_bodies').insert(
        bodies.map(r => ({
          cluster_name: r.cluster_name,
          report: r.report,
          workloads: r.workloads,
        })),
      );
    }
    for (const row of rows) {
      if (!row.report) continue;
      /** @type {any} */
      let report;
      try {
        report = JSON.parse(row.report);
      } catch {
        continue;
      }
      await knex('cluster_readiness_reports')
        .where('cluster_name', row.cluster_name)
        .update({
          distribution: report.distribution?.name ?? null,
          capped: !!report.gradeCap,
        });
      const results = (Array.isArray(report.checks) ? report.checks : []).map(
        (/** @type {any} */ c) => ({
          cluster_name: row.cluster_name,
          check_id: String(c.id),
          status: String(c.status),
          status_rank: rankOf(String(c.status)),
          severity: String(c.severity ?? 'low'),
          waived: !!c.waiver && !c.waiver.expired,
          message: String(c.message ?? ''),
          waiver: c.waiver ? JSON.stringify(c.waiver) : null,
        }),
      );
      for (let i = 0; i < results.length; i += 100) {
        await knex('cluster_readiness_check_results').insert(
          results.slice(i, i + 100),
        );
      }
    }
  }

  await knex.schema.alterTable('cluster_readiness_reports', table => {
    table.dropColumn('report');
    table.dropColumn('workloads');
  });
  await knex.schema.alterTable('cluster_readiness_reports', table => {
    table.index(
      ['owner', 'cluster_name'],
      'cluster_readiness_reports_owner_idx',
    );
    table.index(
      ['system', 'cluster_name'],
      'cluster_readiness_reports_system_idx',
    );
    table.index(
      ['grade', 'cluster_name'],
      'cluster_readiness_reports_grade_idx',
    );
    table.index(
      ['state', 'cluster_name'],
      'cluster_readiness_reports_state_idx',
    );
    table.index(
      ['stale', 'cluster_name'],
      'cluster_readiness_reports_stale_idx',
    );
    table.index(
      ['score', 'cluster_name'],
      'cluster_readiness_reports_score_idx',
    );
    table.index(
      ['coverage', 'cluster_name'],
      'cluster_readiness_reports_coverage_idx',
    );
    table.index(
      ['evaluated_at', 'cluster_name'],
      'cluster_readiness_reports_evaluated_idx',
    );
    table.index(['entity_ref'], 'cluster_readiness_reports_entity_idx');
  });
  // Permission decisions match entity refs case-insensitively.
  await knex.raw(
    'CREATE INDEX cluster_readiness_reports_entity_lower_idx ON cluster_readiness_reports (lower(entity_ref))',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX cluster_readiness_reports_entity_lower_idx');
  await knex.schema.alterTable('cluster_readiness_reports', table => {
    table.dropIndex(
      ['owner', 'cluster_name'],
      'cluster_readiness_reports_owner_idx',
    );
    table.dropIndex(
      ['system', 'cluster_name'],
      'cluster_readiness_reports_system_idx',
    );
    table.dropIndex(
      ['grade', 'cluster_name'],
      'cluster_readiness_reports_grade_idx',
    );
    table.dropIndex(
      ['state', 'cluster_name'],
      'cluster_readiness_reports_state_idx',
    );
    table.dropIndex(
      ['stale', 'cluster_name'],
      'cluster_readiness_reports_stale_idx',
    );
    table.dropIndex(
      ['score', 'cluster_name'],
      'cluster_readiness_reports_score_idx',
    );
    table.dropIndex(
      ['coverage', 'cluster_name'],
      'cluster_readiness_reports_coverage_idx',
    );
    table.dropIndex(
      ['evaluated_at', 'cluster_name'],
      'cluster_readiness_reports_evaluated_idx',
    );
    table.dropIndex(['entity_ref'], 'cluster_readiness_reports_entity_idx');
  });
  await knex.schema.alterTable('cluster_readiness_reports', table => {
    table
      .text('report', 'longtext')
      .nullable()
      .comment('ClusterReport JSON of the last good evaluation');
    table
      .text('workloads', 'longtext')
      .nullable()
      .comment('Per kubernetes-id workload results JSON');
  });
  // Placeholders of clusters not read yet did not exist before.
  await knex('cluster_readiness_reports').where('state', 'pending').delete();
  const body = (/** @type {string} */ column) =>
    knex('cluster_readiness_report_bodies')
      .select(column)
      .where(
        'cluster_readiness_report_bodies.cluster_name',
        knex.ref('cluster_readiness_reports.cluster_name'),
      );
  await knex('cluster_readiness_reports').update({
    report: body('report'),
    workloads: body('workloads'),
  });
  await knex.schema.alterTable('cluster_readiness_reports', table => {
    table.dropColumn('owner');
    table.dropColumn('system');
    table.dropColumn('distribution');
    table.dropColumn('capped');
  });
  await knex.schema.dropTable('cluster_readiness_check_results');
  await knex.schema.dropTable('cluster_readiness_report_bodies');
};
