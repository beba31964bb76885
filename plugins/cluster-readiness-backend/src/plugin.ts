import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
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
import { ReadinessAccess } from './service/ReadinessAccess';
import { registerReadinessActions } from './actions/registerReadinessActions';
import { ReadinessMetrics } from './metrics/ReadinessMetrics';
import { NotificationKeyStore } from './notifications/NotificationKeyStore';
import { ReadinessNotifier } from './notifications/ReadinessNotifier';
import { readNotificationsConfig } from './notifications/readNotificationsConfig';
import type { RefreshListener } from './service/ReadinessService';
import { ReadinessSignals } from './signals/ReadinessSignals';

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
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { httpRouter, logger, scheduler, auth, discovery, catalog } = deps;
        const config = readClusterReadinessConfig(deps.rootConfig);
        deps.permissionsRegistry.addPermissions(clusterReadinessPermissions);
        const readinessMetrics = new ReadinessMetrics();
        const store = readinessMetrics.instrumentStore(
          await DatabaseReadinessStore.create({ database: deps.database }),
        );
        readinessMetrics.observeClusters(store);

        const listeners: RefreshListener[] = [
          readinessMetrics,
          new ReadinessSignals({ signals: deps.signals, logger }),
        ];
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
          collectLive: readinessMetrics.instrumentCollector(
            collectThroughKubernetesBackend({
              discovery,
              auth,
              rootConfig: deps.rootConfig,
              config,
            }),
          ),
          customChecks: () => customChecks.list(),
          listeners,
        });

        // Listeners are read on every refresh: the notifier needs the service itself.
        const notificationsConfig = readNotificationsConfig(deps.rootConfig);
        if (notificationsConfig.enabled) {
          listeners.push(
            new ReadinessNotifier({
              notifications: deps.notifications,
              store,
              keys: new NotificationKeyStore(await deps.database.getClient()),
              config: notificationsConfig,
              ownerOf: async name => {
                const cluster = (await service.clusters()).find(c => c.name === name);
                return { owner: cluster?.owner, entityRef: cluster?.entityRef };
              },
              logger,
            }),
          );
        }

        // Every replica looks for due clusters each tick; the due times in the database
        // give each cluster to one replica per interval (ReadinessService.refreshDue).
        await scheduler.scheduleTask({
          id: 'cluster-readiness-refresh-due',
          scope: 'local',
          frequency: config.schedule.tick,
          timeout: config.schedule.timeout,
          initialDelay: config.schedule.initialDelay,
          fn: async () => {
            await service.refreshDue();
          },
        });
        deps.lifecycle.addShutdownHook(() => service.leave());
        // Global: one replica prunes per interval, locked in the database.
        await scheduler.scheduleTask({
          id: 'cluster-readiness-prune-history',
          scope: 'global',
          frequency: config.schedule.frequency,
          timeout: config.schedule.timeout,
          initialDelay: config.schedule.initialDelay,
          fn: () => service.pruneHistory(),
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auth,
            logger,
            permissions: deps.permissions,
            catalog,
            service,
            store,
            config,
            checks: () => [...BUILTIN_CHECKS, ...customChecks.list()],
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        registerReadinessActions({
          actionsRegistry: deps.actionsRegistry,
          access: new ReadinessAccess({
            permissions: deps.permissions,
            catalog,
            service,
            store,
            auth,
            logger,
          }),
          store,
          checks: () => [...BUILTIN_CHECKS, ...customChecks.list()],
        });
      },
    });
  },
});
