import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  BUILTIN_CHECKS,
  clusterReadinessPermissions,
} from '@cluster-readiness/backstage-plugin-common';
import {
  clusterReadinessChecksExtensionPoint,
  CustomCheckRegistry,
} from '@cluster-readiness/backstage-plugin-node';
import { CatalogClusterSource } from './clusters/CatalogClusterSource';
import type { ClusterSource } from './clusters/ClusterSource';
import { KubernetesBackendClusterSource } from './clusters/KubernetesBackendClusterSource';
import { collectThroughKubernetesBackend } from './clusters/collectThroughKubernetesBackend';
import { readClusterReadinessConfig } from './config';
import { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
import { ReadinessService } from './service/ReadinessService';
import { EvaluationPool } from './evaluation/EvaluationPool';
import { createRouter } from './service/router';

/**
 * The Cluster Readiness backend plugin: finds clusters (catalog, Kubernetes plugin,
 * snapshot files), reads them on a schedule, stores reports with history and drift,
 * and serves them at `/api/cluster-readiness`.
 * @public
 */
export const clusterReadinessPlugin = createBackendPlugin({
  pluginId: 'cluster-readiness',
  register(env) {
    const customChecks = new CustomCheckRegistry(new Set(BUILTIN_CHECKS.map(c => c.id)));
    env.registerExtensionPoint(clusterReadinessChecksExtensionPoint, customChecks);
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { httpRouter, logger, scheduler, auth, discovery, catalog } = deps;
        const config = readClusterReadinessConfig(deps.rootConfig);
        deps.permissionsRegistry.addPermissions(clusterReadinessPermissions);
        const store = await DatabaseReadinessStore.create({ database: deps.database });

        const sources: ClusterSource[] = [new CatalogClusterSource(catalog, auth, logger)];
        if (config.kubernetesBackend.enabled) {
          sources.push(new KubernetesBackendClusterSource(discovery, auth, logger));
        }
        // Evaluation runs on worker threads, one per configured core; ended on shutdown.
        const evaluationPool = new EvaluationPool({ size: config.evaluation.workers });
        deps.lifecycle.addShutdownHook(() => evaluationPool.close());
        const service = new ReadinessService({
          evaluationPool,
          store,
          sources,
          config,
          logger,
          collectLive: collectThroughKubernetesBackend({
            discovery,
            auth,
            rootConfig: deps.rootConfig,
            config,
          }),
          customChecks: () => customChecks.list(),
        });

        // Global: one replica runs it per interval, locked in the database.
        await scheduler.scheduleTask({
          id: 'cluster-readiness-refresh',
          scope: 'global',
          frequency: config.schedule.frequency,
          timeout: config.schedule.timeout,
          initialDelay: config.schedule.initialDelay,
          fn: () => service.refreshAll(),
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog,
            service,
            store,
            config,
            checks: () => [...BUILTIN_CHECKS, ...customChecks.list()],
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
