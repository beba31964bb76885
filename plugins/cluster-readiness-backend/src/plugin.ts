import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { BUILTIN_CHECKS } from '@cluster-readiness/backstage-plugin-common';
import {
  clusterReadinessChecksExtensionPoint,
  CustomCheckRegistry,
} from '@cluster-readiness/backstage-plugin-node';
import { createRouter } from './service/router';

/**
 * The Cluster Readiness backend plugin.
 * @public
 */
export const clusterReadinessPlugin = createBackendPlugin({
  pluginId: 'cluster-readiness',
  register(env) {
    const customChecks = new CustomCheckRegistry(
      new Set(BUILTIN_CHECKS.map(c => c.id)),
    );
    env.registerExtensionPoint(
      clusterReadinessChecksExtensionPoint,
      customChecks,
    );
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
      },
      async init({ httpRouter, httpAuth, logger }) {
        httpRouter.use(
          await createRouter({
            httpAuth,
            checks: [...BUILTIN_CHECKS, ...customChecks.list()],
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `Cluster Readiness ready with ${
            BUILTIN_CHECKS.length + customChecks.list().length
          } checks`,
        );
      },
    });
  },
});
