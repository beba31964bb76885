import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import {
  techInsightsFactCheckerFactoryExtensionPoint,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import {
  CLUSTER_READINESS_FACT_RETRIEVER_ID,
  clusterReadinessFactRetriever,
} from './clusterReadinessFactRetriever';
import { clusterReadinessFactChecks } from './clusterReadinessFactChecks';

/**
 * Tech Insights module of Cluster Readiness: adds the readiness fact retriever and,
 * unless `clusterReadiness.techInsights.factChecks` is false, a json-rules-engine fact
 * checker with the readiness fact checks.
 * @public
 */
export const techInsightsModuleClusterReadiness = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'cluster-readiness',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        retrievers: techInsightsFactRetrieversExtensionPoint,
        checkers: techInsightsFactCheckerFactoryExtensionPoint,
      },
      async init({ config, logger, retrievers, checkers }) {
        retrievers.addFactRetrievers({
          [CLUSTER_READINESS_FACT_RETRIEVER_ID]: clusterReadinessFactRetriever,
        });
        if (
          !config.has(
            `techInsights.factRetrievers.${CLUSTER_READINESS_FACT_RETRIEVER_ID}`,
          )
        ) {
          logger.warn(
            `The Cluster Readiness fact retriever runs only when techInsights.factRetrievers.${CLUSTER_READINESS_FACT_RETRIEVER_ID}.cadence is configured`,
          );
        }
        if (
          config.getOptionalBoolean(
            'clusterReadiness.techInsights.factChecks',
          ) ??
          true
        ) {
          checkers.setFactCheckerFactory(
            new JsonRulesEngineFactCheckerFactory({
              checks: clusterReadinessFactChecks,
              logger,
            }),
          );
        }
      },
    });
  },
});
