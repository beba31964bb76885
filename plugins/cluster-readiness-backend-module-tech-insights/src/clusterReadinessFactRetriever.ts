import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type {
  ClusterReport,
  ClusterSummary,
} from '@cluster-readiness/backstage-plugin-common';

/** The id of the fact retriever, and the key of its `techInsights.factRetrievers` config. @public */
export const CLUSTER_READINESS_FACT_RETRIEVER_ID =
  'clusterReadinessFactRetriever';

const CATEGORY_FACTS: Record<string, string> = {
  'control-plane': 'clusterReadinessControlPlaneScore',
  nodes: 'clusterReadinessNodesScore',
  access: 'clusterReadinessAccessScore',
  'resource-limits': 'clusterReadinessResourceLimitsScore',
};

const COUNT_FACTS: Record<string, string> = {
  fail: 'clusterReadinessFailCount',
  warn: 'clusterReadinessWarnCount',
  unknown: 'clusterReadinessUnknownCount',
  pass: 'clusterReadinessPassCount',
  'not-applicable': 'clusterReadinessNotApplicableCount',
  waived: 'clusterReadinessWaivedCount',
};

const integer = (description: string) => ({
  type: 'integer' as const,
  description,
});

/**
 * Readiness facts of every cluster entity (kind Resource, type kubernetes-cluster)
 * with a report, read from the Cluster Readiness backend with the tech-insights
 * plugin's own service credentials. A cluster without a report (pending, or failed
 * with no report yet) gets no facts; a fact whose value is unknown (an ungraded
 * cluster's grade) is left out.
 * @public
 */
export const clusterReadinessFactRetriever: FactRetriever = {
  id: CLUSTER_READINESS_FACT_RETRIEVER_ID,
  version: '0.1.0',
  title: 'Cluster Readiness',
  description:
    'Production-readiness score, grade, coverage, per-category scores and result counts of Kubernetes clusters',
  entityFilter: [{ kind: 'Resource', 'spec.type': 'kubernetes-cluster' }],
  schema: {
    clusterReadinessScore: integer('Readiness score, 0-100'),
    clusterReadinessGrade: {
      type: 'string',
      description: 'Readiness grade, A-F',
    },
    clusterReadinessCoverage: {
      type: 'float',
      description: 'Share (0-1) of applicable checks that could be observed',
    },
    clusterReadinessStale: {
      type: 'boolean',
      description: 'True when the last refresh failed and the report is older',
    },
    clusterReadinessCriticalFailCount: integer(
      'Failing critical checks, not waived',
    ),
    ...Object.fromEntries(
      Object.entries(CATEGORY_FACTS).map(([id, fact]) => [
        fact,
        integer(`Score of the ${id} category, 0-100`),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(COUNT_FACTS).map(([status, fact]) => [
        fact,
        integer(
          status === 'waived'
            ? 'Results accepted by a waiver'
            : `Checks with status ${status} (not waived)`,
        ),
      ]),
    ),
  },
  async handler({ discovery, auth, logger }) {
    const baseUrl = await discovery.getBaseUrl('cluster-readiness');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'cluster-readiness',
    });
    const response = await fetch(`${baseUrl}/export?format=json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as {
      clusters: ClusterSummary[];
      reports: ClusterReport[];
    };
    const reports = new Map(body.reports.map(r => [r.cluster.name, r]));
    const facts: TechInsightFact[] = [];
    for (const cluster of body.clusters) {
      if (!cluster.entityRef || cluster.score === null || !cluster.counts)
        continue;
      let ref;
      try {
        ref = parseEntityRef(cluster.entityRef);
      } catch {
        logger.warn(
          `Cluster ${cluster.name} has an invalid entity ref '${cluster.entityRef}'; no facts for it`,
        );
        continue;
      }
      const report = reports.get(cluster.name);
      const values: TechInsightFact['facts'] = {
        clusterReadinessScore: cluster.score,
        clusterReadinessStale: cluster.stale,
        clusterReadinessCriticalFailCount: (report?.checks ?? []).filter(
          r =>
            r.severity === 'critical' &&
            r.status === 'fail' &&
            !(r.waiver && !r.waiver.expired),
        ).length,
      };
      if (cluster.grade) values.clusterReadinessGrade = cluster.grade;
      if (cluster.coverage !== null)
        values.clusterReadinessCoverage = cluster.coverage;
      for (const category of cluster.categories) {
        const fact = CATEGORY_FACTS[category.id];
        if (fact && category.score !== null) values[fact] = category.score;
      }
      for (const [status, fact] of Object.entries(COUNT_FACTS)) {
        values[fact] = (cluster.counts as Record<string, number>)[status] ?? 0;
      }
      facts.push({
        entity: {
          // The catalog's spelling of the kind, as entity pages ask for it.
          kind:
            ref.kind.toLocaleLowerCase('en-US') === 'resource'
              ? 'Resource'
              : ref.kind,
          namespace: ref.namespace,
          name: ref.name,
        },
        facts: values,
      });
    }
    return facts;
  },
};
