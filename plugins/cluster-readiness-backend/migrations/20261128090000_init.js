// @ts-check

/**
 * Reports, history and drift of Cluster Readiness.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cluster_readiness_reports', table => {
    table.comment('The latest good report of each cluster, and the state of its last refresh');
    table.string('cluster_name', 255).primary().notNullable();
    table.string('entity_ref', 255).nullable().comment('resource:<ns>/<name> when the catalog has the cluster');
    table.string('source', 32).notNullable().comment('live, pushed or file');
    table.text('report', 'longtext').nullable().comment('ClusterReport JSON of the last good evaluation');
    table.text('workloads', 'longtext').nullable().comment('Per kubernetes-id workload results JSON');
    table.integer('score').nullable();
    table.string('grade', 1).nullable();
    table.float('coverage').nullable();
    table.text('summary').nullable().comment('JSON: category scores and status counts, for lists');
    table.string('evaluated_at', 64).nullable().comment('collectedAt of the report');
    table.string('refreshed_at', 64).nullable().comment('when the last refresh attempt ended');
    table.boolean('stale').notNullable().defaultTo(false);
    table.string('state', 32).notNullable().defaultTo('ok').comment('ok, stale, error or needs-user-credentials');
    table.text('error').nullable().comment('why the last refresh failed');
  });
  await knex.schema.createTable('cluster_readiness_history', table => {
    table.comment('One row per evaluation of a cluster');
    table.bigIncrements('id').primary();
    table.string('cluster_name', 255).notNullable();
    table.string('evaluated_at', 64).notNullable();
    table.integer('score').nullable();
    table.string('grade', 1).nullable();
    table.float('coverage').nullable();
    table.text('categories').notNullable().comment('JSON: category id → score');
    table.text('counts').notNullable().comment('JSON: status → count');
    table.index(['cluster_name', 'evaluated_at'], 'cluster_readiness_history_cluster_idx');
  });
  await knex.schema.createTable('cluster_readiness_drift', table => {
    table.comment('Checks whose status changed between consecutive evaluations');
    table.bigIncrements('id').primary();
    table.string('cluster_name', 255).notNullable();
    table.string('evaluated_at', 64).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('from_status', 32).nullable();
    table.string('to_status', 32).nullable();
    table.index(['cluster_name', 'evaluated_at'], 'cluster_readiness_drift_cluster_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cluster_readiness_drift');
  await knex.schema.dropTable('cluster_readiness_history');
  await knex.schema.dropTable('cluster_readiness_reports');
};
