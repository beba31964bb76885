import type { Knex } from 'knex';

const TABLE = 'cluster_readiness_notification_keys';

/**
 * Claims notification keys in the database: the first replica to insert a key sends
 * the notification, every other one finds it taken. Unique by the primary key, with
 * insert-on-conflict-ignore: no read-then-write.
 * @public
 */
export class NotificationKeyStore {
  constructor(private readonly db: Knex) {}

  /** True when this call inserted the key (and so should send); false when it was taken. */
  async claim(key: string, clusterName: string, at: string): Promise<boolean> {
    const inserted = await this.db(TABLE)
      .insert({ key, cluster_name: clusterName, created_at: at })
      .onConflict('key')
      .ignore()
      .returning('key');
    return inserted.length === 1;
  }

  /** Deletes keys created before the given time; returns how many. */
  async prune(olderThan: string): Promise<number> {
    return this.db(TABLE).where('created_at', '<', olderThan).delete();
  }
}
