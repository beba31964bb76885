export interface Config {
  clusterReadiness?: {
    /** @cluster-readiness/backstage-plugin-backend-module-tech-insights */
    techInsights?: {
      /**
       * Set the tech-insights fact checker to a json-rules-engine checker with the
       * readiness fact checks. Default true; set false when another module (e.g. the
       * jsonfc module) sets the fact checker, and add the checks to its config.
       */
      factChecks?: boolean;
    };
  };
}
