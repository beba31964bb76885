// @ts-check

/**
 * Scheduled refresh shared by every replica on the database:
 * - `cluster_readiness_refresh_due`: when each cluster's next scheduled refresh is due.
 *   A replica takes a due cluster with one conditional update (`due_at <= now`) that
 *   moves `due_at` one interval on, so each cluster is taken once per interval, by one
 *   replica;
 * - `cluster_readiness_replicas`: replicas seen recently (heartbeats), so the replicas
 *   agree which of them prefers which cluster and split the work.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cluster_readiness_refresh_due', table => {
    table.comment('When each cluster is next due for a scheduled refresh');
    table.string('cluster_name', 255).primary().notNullable();
    table
      .bigInteger('due_at')
      .notNullable()
      .comment(
        'epoch ms from which a replica may take the next scheduled refresh',
      );
    table
      .string('holder', 255)
      .nullable()
      .comment('replica and claim that took the last scheduled refresh');
    table.index(['due_at'], 'cluster_readiness_refresh_due_at_idx');
  });
  await knex.schema.createTable('cluster_readiness_replicas', table => {
    table.comment(
      'Replicas sharing the scheduled refresh, with their last heartbeat',
    );
    table.string('replica_id', 255).primary().notNullable();
    table
      .bigInteger('seen_at')
      .notNullable()
      .comment('epoch ms of its last heartbeat');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cluster_readiness_replicas');
  await knex.schema.dropTable('cluster_readiness_refresh_due');
};
