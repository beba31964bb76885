import type { Entity } from '@backstage/catalog-model';
import {
  BUILTIN_CHECKS,
  categoryReports,
  CheckResult,
  ClusterDetails,
  ClusterReport,
  ClusterSummary,
  countStatuses,
  coverageOf,
  DetectedDistribution,
  gradeOf,
  GradeCap,
  scoreOf,
} from '@cluster-readiness/backstage-plugin-common';
import type { ClusterReadinessApi } from '../api';

/** A result of a built-in check, so ids, titles and categories are real. */
export function result(
  id: string,
  overrides: Partial<CheckResult> = {},
): CheckResult {
  const check = BUILTIN_CHECKS.find(c => c.id === id);
  if (!check) throw new Error(`no built-in check ${id}`);
  return {
    id,
    title: check.title,
    category: check.category,
    severity: check.severity,
    status: 'pass',
    message: `${check.title}: ok`,
    evidence: [],
    remediation: check.remediation,
    ...overrides,
  };
}

export function report(
  name: string,
  checks: CheckResult[],
  overrides: Partial<ClusterReport> = {},
): ClusterReport {
  const score = scoreOf(checks);
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterReport',
    cluster: { name, controlPlane: 'self-hosted', version: 'v1.31.2' },
    collectedAt: '2025-01-30T10:00:00Z',
    score,
    grade: gradeOf(score, checks),
    coverage: coverageOf(checks),
    counts: countStatuses(checks),
    categories: categoryReports(checks),
    checks,
    ...overrides,
  };
}

export function summary(
  name: string,
  overrides: Partial<ClusterSummary> = {},
): ClusterSummary {
  return {
    name,
    entityRef: `resource:default/${name}`,
    owner: 'group:default/platform-team',
    system: 'system:default/payments',
    source: 'live',
    score: 85,
    grade: 'B',
    coverage: 0.9,
    categories: [
      { id: 'control-plane', score: 95, grade: 'A' },
      { id: 'nodes', score: 82, grade: 'B' },
      { id: 'access', score: 71, grade: 'C' },
      { id: 'resource-limits', score: 40, grade: 'F' },
    ],
    counts: {
      pass: 30,
      warn: 4,
      fail: 3,
      unknown: 1,
      'not-applicable': 2,
      waived: 0,
    },
    evaluatedAt: '2025-01-30T10:00:00Z',
    refreshedAt: '2025-01-30T10:00:05Z',
    stale: false,
    state: 'ok',
    ...overrides,
  };
}

/** Summary plus report, with the summary's numbers taken from the report. */
export function details(
  name: string,
  checks: CheckResult[],
  overrides: Partial<ClusterDetails> = {},
  reportOverrides: Partial<ClusterReport> = {},
): ClusterDetails {
  const r = report(name, checks, reportOverrides);
  return {
    ...summary(name),
    score: r.score,
    grade: r.grade,
    coverage: r.coverage,
    counts: r.counts,
    ...(r.gradeCap ? { gradeCap: r.gradeCap } : {}),
    ...(r.distribution ? { distribution: r.distribution.name } : {}),
    categories: r.categories.map(c => ({
      id: c.id,
      score: c.score,
      grade: c.grade,
      ...(c.gradeCap ? { gradeCap: c.gradeCap } : {}),
    })),
    report: r,
    ...overrides,
  };
}

/** Grade caps as the engine writes them (checks.md v2, Scoring). */
export const caps = {
  /** Score alone gives A; 59 % coverage allows at most C. */
  coverage59: { by: 'coverage', coverage: 0.59, uncapped: 'A' },
  /** 80 % coverage allows at most B. */
  coverage80: { by: 'coverage', coverage: 0.8, uncapped: 'A' },
  /** Below 50 %: no grade. */
  coverage31: { by: 'coverage', coverage: 0.31, uncapped: 'B' },
  /** A failing critical check: at most D. */
  critical: { by: 'critical-fail', coverage: 0.95, uncapped: 'A' },
} satisfies Record<string, GradeCap>;

/** The four grade states every view must tell apart. */
export type GradeState = 'capped' | 'withheld' | 'critical' | 'old';

export const GRADE_STATES: Record<
  GradeState,
  {
    name: string;
    /** What the overall grade must read as, in the shared words. */
    label: string;
    /** The chip's accessible name. */
    chip: string;
    distribution?: DetectedDistribution;
    report: Partial<ClusterReport>;
    /** A category and the words its grade must read as. */
    category?: { id: string; label: string };
  }
> = {
  capped: {
    name: 'edge-1',
    label: 'C · capped by coverage 59 %',
    chip: 'Grade C, capped by coverage 59 %',
    distribution: {
      name: 'k3s',
      evidence: ['serverVersion.gitVersion v1.31.4+k3s1'],
    },
    report: {
      score: 100,
      grade: 'C',
      coverage: 0.59,
      gradeCap: caps.coverage59,
    },
    category: { id: 'nodes', label: 'B · capped by coverage 80 %' },
  },
  withheld: {
    name: 'ocp-1',
    label: 'no grade · coverage 31 %',
    chip: 'No grade, coverage 31 %',
    distribution: {
      name: 'openshift',
      evidence: ['discovery serves config.openshift.io'],
    },
    report: {
      score: 85,
      grade: null,
      coverage: 0.31,
      gradeCap: caps.coverage31,
    },
    category: { id: 'access', label: 'no grade · coverage 31 %' },
  },
  critical: {
    name: 'kubeadm-1',
    label: 'D · capped by a failing critical check',
    chip: 'Grade D, capped by a failing critical check',
    distribution: {
      name: 'kubeadm',
      evidence: ['ConfigMap kube-system/kubeadm-config'],
    },
    report: { score: 92, grade: 'D', coverage: 0.95, gradeCap: caps.critical },
  },
  old: {
    name: 'legacy-1',
    label: 'B',
    chip: 'Grade B',
    report: { score: 85, grade: 'B', coverage: 0.9 },
  },
};

/**
 * A cluster in one grade state: its report carries the cap and distribution (absent
 * for `old`, a report made before checks v2), and so does its summary.
 */
export function gradedDetails(state: GradeState): ClusterDetails {
  const spec = GRADE_STATES[state];
  const checks = [
    result('nodes.worker-count'),
    result('access.tls-verification'),
    result('control-plane.apiserver-replicas', {
      status: state === 'critical' ? 'fail' : 'pass',
    }),
  ];
  const base = report(spec.name, checks);
  const categories = base.categories.map(c => {
    if (state === 'capped' && c.id === 'nodes') {
      return { ...c, grade: 'B' as const, gradeCap: caps.coverage80 };
    }
    if (state === 'withheld' && c.id === 'access') {
      return { ...c, grade: null, gradeCap: caps.coverage31 };
    }
    return c;
  });
  return details(
    spec.name,
    checks,
    {},
    {
      ...spec.report,
      ...(spec.distribution ? { distribution: spec.distribution } : {}),
      categories,
    },
  );
}

/** The summary of {@link gradedDetails} (what `GET /clusters` answers). */
export function gradedSummary(
  state: GradeState,
  overrides: Partial<ClusterSummary> = {},
): ClusterSummary {
  const { report: _report, ...rest } = gradedDetails(state);
  return { ...rest, ...overrides };
}

export const sampleChecks: CheckResult[] = [
  result('control-plane.apiserver-replicas', {
    status: 'fail',
    message: 'Only 1 API server instance runs.',
    evidence: ['Pod/kube-system/kube-apiserver-cp-1'],
  }),
  result('control-plane.etcd-backup', {
    status: 'warn',
    message: 'The newest etcd backup is 3 days old.',
    evidence: ['CronJob/kube-system/etcd-backup .status.lastSuccessfulTime'],
  }),
  result('nodes.worker-count', { status: 'pass', message: '4 ready workers.' }),
  result('nodes.metrics-api', {
    status: 'unknown',
    message: 'APIServices were not readable (list apiservices).',
    missingReads: ['list apiservices.apiregistration.k8s.io'],
  }),
  result('access.network-policies', {
    status: 'warn',
    message: '2 of 5 workload namespaces have no NetworkPolicy.',
    waiver: {
      check: 'access.network-policies',
      reason: 'Migrating to Cilium policies',
      owner: 'group:default/platform-team',
      expires: '2099-12-31',
      expired: false,
    },
  }),
  result('access.tls-verification', {
    status: 'fail',
    message: 'TLS verification is skipped.',
    waiver: {
      check: 'access.tls-verification',
      reason: 'Lab cluster',
      owner: 'jane',
      expires: '2024-01-01',
      expired: true,
    },
  }),
  result('resource-limits.namespace-quotas', {
    status: 'not-applicable',
    message: 'No workload namespaces.',
  }),
];

export const clusterEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-eu-1', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** An API whose every method rejects unless overridden. */
export function mockReadinessApi(
  overrides: Partial<ClusterReadinessApi> = {},
): jest.Mocked<ClusterReadinessApi> {
  const unexpected = (method: string) =>
    jest.fn(async () => {
      throw new Error(`unexpected call to ${method}`);
    });
  return {
    listClusters: unexpected('listClusters'),
    getCluster: unexpected('getCluster'),
    getHistory: jest.fn(async () => ({ items: [] })),
    getDrift: jest.fn(async () => ({ items: [] })),
    refreshCluster: unexpected('refreshCluster'),
    getEntityReadiness: unexpected('getEntityReadiness'),
    listChecks: unexpected('listChecks'),
    getFleet: unexpected('getFleet'),
    listCheckClusters: unexpected('listCheckClusters'),
    exportReadiness: unexpected('exportReadiness'),
    ...overrides,
  } as jest.Mocked<ClusterReadinessApi>;
}

export const checkoutOnClusters = {
  kind: 'component' as const,
  entityRef: 'component:default/checkout',
  kubernetesId: 'checkout',
  clusters: [
    {
      cluster: summary('prod-eu-1', { score: 91, grade: 'A' as const }),
      via: ['dependsOn' as const, 'pods' as const],
      workloads: {
        kubernetesId: 'checkout',
        namespaces: ['payments'],
        pods: 3,
        findings: [
          {
            id: 'workload.container-resources' as const,
            title: 'Containers set CPU and memory requests and a memory limit',
            status: 'pass' as const,
            message:
              'All 3 container(s) set CPU and memory requests and a memory limit.',
            evidence: [],
            relatedCheck: 'resource-limits.container-resources',
          },
          {
            id: 'workload.service-account' as const,
            title: 'Pods do not run as the default service account',
            status: 'fail' as const,
            message: '3 pod(s) run as the default service account.',
            evidence: ['Pod/payments/checkout-1 .spec.serviceAccountName'],
            relatedCheck: 'access.default-service-account',
          },
        ],
      },
    },
    {
      cluster: summary('prod-us-1', {
        score: 62,
        grade: 'D' as const,
        stale: true,
        state: 'stale' as const,
        error: 'timeout',
      }),
      via: ['dependsOn' as const],
    },
  ],
};

export const ALL_GRADE_STATES: GradeState[] = [
  'capped',
  'withheld',
  'critical',
  'old',
];

/** `checkout` on one cluster in each grade state. */
export const checkoutOnGradedClusters = {
  kind: 'component' as const,
  entityRef: 'component:default/checkout',
  kubernetesId: 'checkout',
  clusters: ALL_GRADE_STATES.map(state => ({
    cluster: gradedSummary(state),
    via: ['dependsOn' as const],
  })),
};
