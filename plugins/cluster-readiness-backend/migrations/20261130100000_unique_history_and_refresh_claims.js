// @ts-check

/**
 * One truth across replicas:
 * - history rows carry the digest of the evaluated report and are unique per
 *   (cluster, digest), so the same snapshot stored by two replicas at once is one row;
 *   rows from before this migration get `legacy:<id>`, which no new digest matches;
 * - a claim row per cluster while one replica refreshes it (holder, expiry), taken
 *   with a conflicting insert or a conditional update of an expired claim.
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('cluster_readiness_history', table => {
    table
      .string('digest', 80)
      .nullable()
      .comment('sha256 of the evaluated report');
  });
  await knex('cluster_readiness_history')
    .whereNull('digest')
    .update({ digest: knex.raw("'legacy:' || ??", ['id']) });
  await knex.schema.alterTable('cluster_readiness_history', table => {
    table.string('digest', 80).notNullable().alter();
    table.unique(['cluster_name', 'digest'], {
      indexName: 'cluster_readiness_history_digest_uniq',
    });
  });
  await knex.schema.createTable('cluster_readiness_refresh_claims', table => {
    table.comment(
      'Who is refreshing a cluster now; one row per cluster at most',
    );
    table.string('cluster_name', 255).primary().notNullable();
    table
      .string('holder', 255)
      .notNullable()
      .comment('replica and refresh that holds the claim');
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment('epoch ms after which another replica may take the claim');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cluster_readiness_refresh_claims');
  await knex.schema.alterTable('cluster_readiness_history', table => {
    table.dropUnique(
      ['cluster_name', 'digest'],
      'cluster_readiness_history_digest_uniq',
    );
  });
  await knex.schema.alterTable('cluster_readiness_history', table => {
    table.dropColumn('digest');
  });
};
