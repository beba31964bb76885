import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { knex as createKnex } from 'knex';

/**
 * The database service for `startTestBackend`: an in-memory SQLite database per plugin
 * (as Backstage's default gives), destroyed when the test backend stops.
 *
 * Backstage's default database service never destroys its SQLite connections on
 * shutdown, and knex's pool keeps a reaping timer while a connection lives, so every
 * Jest worker that started a test backend and ran a query had to be force-exited.
 */
export function testDatabaseFactory() {
  return createServiceFactory({
    service: coreServices.database,
    deps: { lifecycle: coreServices.lifecycle },
    async factory({ lifecycle }) {
      const client = createKnex({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
      lifecycle.addShutdownHook(() => client.destroy());
      return { getClient: async () => client };
    },
  });
}
