// @ts-check

/**
 * Notifications sent once per change across replicas: a replica sends a notification
 * only after inserting its key here (insert, on conflict do nothing).
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(
    'cluster_readiness_notification_keys',
    table => {
      table.comment(
        'One row per readiness notification sent: its key makes it once per change',
      );
      table
        .string('key', 512)
        .primary()
        .notNullable()
        .comment('event:cluster:details of the change');
      table.string('cluster_name', 255).notNullable();
      table.string('created_at', 64).notNullable();
      table.index(
        ['created_at'],
        'cluster_readiness_notification_keys_created_idx',
      );
    },
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cluster_readiness_notification_keys');
};
