/*
 * One backend replica for replicas.test.ts, run as a real child process:
 * `node --require @backstage/cli/config/nodeTransform.cjs replicaBackend.ts --config <file>`.
 * The Kubernetes plugin and Cluster Readiness, with an empty in-memory catalog; the
 * configuration (database, ports, clusters) comes from the test.
 */
import { createBackend } from '@backstage/backend-defaults';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const backend = createBackend();
backend.add(catalogServiceMock.factory({ entities: [] }));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('../index'));
backend.start().catch(error => {
  process.stderr.write(`replica failed to start: ${error}\n`);
  process.exit(1);
});
