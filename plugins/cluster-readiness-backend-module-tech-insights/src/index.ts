/**
 * Tech Insights module of Cluster Readiness: readiness facts for cluster entities and
 * fact checks on them.
 * @packageDocumentation
 */
export { techInsightsModuleClusterReadiness as default } from './module';
export {
  clusterReadinessFactRetriever,
  CLUSTER_READINESS_FACT_RETRIEVER_ID,
} from './clusterReadinessFactRetriever';
export { clusterReadinessFactChecks } from './clusterReadinessFactChecks';
