export interface Config {
  /** Configuration of the Cluster Readiness plugin. */
  clusterReadiness?: {};
}
