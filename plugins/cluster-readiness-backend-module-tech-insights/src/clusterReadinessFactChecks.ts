import {
  JSON_RULE_ENGINE_CHECK_TYPE,
  TechInsightJsonRuleCheck,
} from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { CLUSTER_READINESS_FACT_RETRIEVER_ID } from './clusterReadinessFactRetriever';

const base = {
  type: JSON_RULE_ENGINE_CHECK_TYPE,
  factIds: [CLUSTER_READINESS_FACT_RETRIEVER_ID],
};

/**
 * Fact checks on the readiness facts (json-rules-engine checks): grade at least B, no
 * failing critical check, coverage at least 75 %.
 * @public
 */
export const clusterReadinessFactChecks: TechInsightJsonRuleCheck[] = [
  {
    ...base,
    id: 'clusterReadinessGradeAtLeastB',
    name: 'Readiness grade at least B',
    description:
      "The cluster's production-readiness grade is A or B (Cluster Readiness tab)",
    rule: {
      conditions: {
        all: [
          { fact: 'clusterReadinessGrade', operator: 'in', value: ['A', 'B'] },
        ],
      },
    },
  },
  {
    ...base,
    id: 'clusterReadinessNoFailingCriticalCheck',
    name: 'No failing critical readiness check',
    description:
      'No critical check fails on the cluster (waived findings do not count)',
    rule: {
      conditions: {
        all: [
          {
            fact: 'clusterReadinessCriticalFailCount',
            operator: 'equal',
            value: 0,
          },
        ],
      },
    },
  },
  {
    ...base,
    id: 'clusterReadinessCoverageAtLeast75',
    name: 'Readiness coverage at least 75 %',
    description:
      'The reader could observe at least 75 % of what the checks need (grant the reader RBAC otherwise)',
    rule: {
      conditions: {
        all: [
          {
            fact: 'clusterReadinessCoverage',
            operator: 'greaterThanInclusive',
            value: 0.75,
          },
        ],
      },
    },
  },
];
