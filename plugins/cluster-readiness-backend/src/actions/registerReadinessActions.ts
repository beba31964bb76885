import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CATEGORIES,
  CheckResult,
  ClusterSummary,
  ReadinessCheck,
} from '@cluster-readiness/backstage-plugin-common';
import type { ReadinessStore } from '../database/ReadinessStore';
import type { ReadinessAccess } from '../service/ReadinessAccess';

type Z = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;

const clusterOutput = (z: Z) =>
  z.object({
    name: z.string(),
    entityRef: z.string().optional(),
    owner: z.string().optional(),
    system: z.string().optional(),
    source: z.string(),
    score: z.number().nullable(),
    grade: z.string().nullable(),
    coverage: z.number().nullable(),
    state: z.string(),
    stale: z.boolean(),
    evaluatedAt: z.string().optional(),
    error: z.string().optional(),
    categories: z.array(
      z.object({
        id: z.string(),
        score: z.number().nullable(),
        grade: z.string().nullable(),
      }),
    ),
  });

const findingOutput = (z: Z) =>
  z.object({
    id: z.string(),
    title: z.string(),
    category: z.string(),
    severity: z.string(),
    status: z.string(),
    message: z.string(),
    remediation: z.string(),
  });

function cluster(c: ClusterSummary) {
  return {
    name: c.name,
    entityRef: c.entityRef,
    owner: c.owner,
    system: c.system,
    source: c.source,
    score: c.score,
    grade: c.grade,
    coverage: c.coverage,
    state: c.state,
    stale: c.stale,
    evaluatedAt: c.evaluatedAt,
    error: c.error,
    categories: c.categories.map(({ id, score, grade }) => ({
      id,
      score,
      grade,
    })),
  };
}

/** Failing and warning results that no live waiver accepts, worst first. */
function failing(checks: CheckResult[]) {
  const rank = { fail: 0, warn: 1 } as Record<string, number>;
  const severity = { critical: 0, high: 1, medium: 2, low: 3 };
  return checks
    .filter(
      r =>
        (r.status === 'fail' || r.status === 'warn') &&
        !(r.waiver && !r.waiver.expired),
    )
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        severity[a.severity] - severity[b.severity] ||
        a.id.localeCompare(b.id),
    )
    .map(r => ({
      id: r.id,
      title: r.title,
      category: r.category,
      severity: r.severity,
      status: r.status,
      message: r.message,
      remediation: r.remediation,
    }));
}

/**
 * Registers the Cluster Readiness actions with the Actions Registry (and so as MCP
 * tools through `@backstage/plugin-mcp-actions-backend`). Every action decides with
 * the caller's credentials, exactly like the REST route it mirrors.
 * @public
 */
export function registerReadinessActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: ReadinessAccess;
  store: ReadinessStore;
  checks: () => readonly ReadinessCheck[];
}) {
  const { actionsRegistry, access, store } = options;

  actionsRegistry.register({
    name: 'list-cluster-readiness',
    title: 'List cluster readiness',
    description:
      'Lists the Kubernetes clusters the caller may read with their production-readiness score (0-100), grade (A-F), coverage (0-1) and per-category scores. ' +
      "Filters: owner (a group entity ref such as group:default/platform-team), grade (one or more of A-F), category (control-plane, nodes, access, resource-limits: then score and grade are that category's and the grade filter applies to it).",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .optional()
            .describe(
              'Owning group entity ref, e.g. group:default/platform-team',
            ),
          grade: z
            .array(z.enum(GRADES))
            .optional()
            .describe('Only clusters with one of these grades'),
          category: z
            .enum(CATEGORIES)
            .optional()
            .describe(
              'Score and grade one category instead of the whole cluster',
            ),
        }),
      output: z =>
        z.object({
          clusters: z.array(clusterOutput(z)),
          totalItems: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      let items = (await access.readableSummaries(credentials)).map(cluster);
      if (input.owner) {
        const owner = input.owner.toLocaleLowerCase('en-US');
        items = items.filter(c => c.owner === owner);
      }
      if (input.category) {
        items = items.map(c => {
          const cat = c.categories.find(x => x.id === input.category);
          return { ...c, score: cat?.score ?? null, grade: cat?.grade ?? null };
        });
      }
      if (input.grade?.length) {
        const grades: readonly string[] = input.grade;
        items = items.filter(c => c.grade && grades.includes(c.grade));
      }
      return { output: { clusters: items, totalItems: items.length } };
    },
  });

  actionsRegistry.register({
    name: 'get-cluster-readiness',
    title: "Get a cluster's readiness",
    description:
      "One Kubernetes cluster's production-readiness: score, grade, coverage, per-category scores, and its failing and warning checks (not waived), worst first, each with a remediation link.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          cluster: z.string().min(1).describe('Cluster name, e.g. staging-1'),
        }),
      output: z =>
        z.object({
          cluster: clusterOutput(z),
          failingChecks: z.array(findingOutput(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      const summary = await access.readableCluster(credentials, input.cluster);
      const report = await store.getReport(summary.name);
      return {
        output: {
          cluster: cluster(summary),
          failingChecks: failing(report?.checks ?? []),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-entity-readiness',
    title: "Get an entity's cluster readiness",
    description:
      'Readiness for a catalog entity. A component: the clusters it runs on (dependsOn or pods labelled with its backstage.io/kubernetes-id) and its own workload findings there. A group: its clusters and their rollup. A cluster resource: its readiness and failing checks.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'Entity ref, e.g. component:default/checkout or group:default/platform-team',
            ),
        }),
      output: z =>
        z.object({
          kind: z.enum(['cluster', 'component', 'group']),
          entityRef: z.string(),
          clusters: z.array(
            z.object({
              cluster: clusterOutput(z),
              via: z.array(z.string()).optional(),
              workloadFindings: z
                .array(
                  z.object({
                    id: z.string(),
                    title: z.string(),
                    status: z.string(),
                    message: z.string(),
                  }),
                )
                .optional(),
              failingChecks: z.array(findingOutput(z)).optional(),
            }),
          ),
          rollup: z
            .object({
              clusters: z.number(),
              averageScore: z.number().nullable(),
              grades: z.record(z.number()),
              stale: z.number(),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      let ref;
      try {
        ref = parseEntityRef(input.entityRef);
      } catch {
        throw new InputError(
          `Invalid entityRef '${input.entityRef}': expected kind:namespace/name`,
        );
      }
      const readiness = await access.entityReadiness(credentials, ref);
      if (readiness.kind === 'cluster') {
        const c = readiness.cluster;
        return {
          output: {
            kind: 'cluster' as const,
            entityRef: readiness.entityRef,
            clusters: c
              ? [
                  {
                    cluster: cluster(c),
                    failingChecks: failing(c.report?.checks ?? []),
                  },
                ]
              : [],
          },
        };
      }
      if (readiness.kind === 'group') {
        return {
          output: {
            kind: 'group' as const,
            entityRef: readiness.entityRef,
            clusters: readiness.clusters.map(c => ({ cluster: cluster(c) })),
            rollup: {
              ...readiness.rollup,
              grades: readiness.rollup.grades as Record<string, number>,
            },
          },
        };
      }
      return {
        output: {
          kind: 'component' as const,
          entityRef: readiness.entityRef,
          clusters: readiness.clusters.map(c => ({
            cluster: cluster(c.cluster),
            via: c.via,
            workloadFindings: (c.workloads?.findings ?? []).map(f => ({
              id: f.id,
              title: f.title,
              status: f.status,
              message: f.message,
            })),
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'explain-readiness-check',
    title: 'Explain a readiness check',
    description:
      'What a Cluster Readiness check looks at, its rule (when it passes, warns or fails), its remediation link, and which of the clusters the caller may read currently fail or warn on it.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          check: z
            .string()
            .min(1)
            .describe('Check id, e.g. control-plane.etcd-topology'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          title: z.string(),
          category: z.string(),
          severity: z.string(),
          description: z.string(),
          rule: z.string(),
          remediation: z.string(),
          clusters: z.array(
            z.object({
              name: z.string(),
              status: z.string(),
              message: z.string(),
              waived: z.boolean(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const check = options.checks().find(c => c.id === input.check);
      if (!check) throw new NotFoundError(`No check with id '${input.check}'`);
      const clusters = [];
      for (const summary of await access.readableSummaries(credentials)) {
        const result = (await store.getReport(summary.name))?.checks.find(
          r => r.id === check.id,
        );
        if (result && (result.status === 'fail' || result.status === 'warn')) {
          clusters.push({
            name: summary.name,
            status: result.status,
            message: result.message,
            waived: !!result.waiver && !result.waiver.expired,
          });
        }
      }
      return {
        output: {
          id: check.id,
          title: check.title,
          category: check.category,
          severity: check.severity,
          description: check.description,
          rule: check.rule,
          remediation: check.remediation,
          clusters,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'refresh-cluster-readiness',
    title: "Refresh a cluster's readiness",
    description:
      'Reads one cluster again now (live, or its snapshot file) and stores a new evaluation; returns the new readiness. Needs the cluster-readiness.cluster.refresh permission. Only GET requests are made to the cluster.',
    // Stores a new evaluation (a history row) each time: not read-only, not idempotent; deletes nothing.
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({ cluster: z.string().min(1).describe('Cluster name') }),
      output: z => z.object({ cluster: clusterOutput(z) }),
    },
    action: async ({ input, credentials }) => {
      const refreshed = await access.refresh(credentials, input.cluster);
      return { output: { cluster: cluster(refreshed) } };
    },
  });
}
