import {
  ClusterReport,
  ClusterSnapshot,
  evaluate,
} from '@cluster-readiness/backstage-plugin-common';

/** The waiver the fleet tests apply to `nodes.worker-count`. */
export const FLEET_WAIVER = {
  check: 'nodes.worker-count',
  reason: 'small',
  owner: 'data',
  expires: '2027-01-31',
};

function snapshot(name: string, workers: number): ClusterSnapshot {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-20T10:00:00Z',
    cluster: { name, skipTLSVerify: workers < 3 },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
    resources: {
      nodes: {
        items: Array.from({ length: workers }, (_, i) => ({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: `w-${i}` },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        })),
      },
    },
  };
}

/**
 * A real report of a cluster with `workers` ready nodes: with 1–2 workers
 * worker-count fails or warns (waived by `FLEET_WAIVER` when asked), zone-spread and
 * tls-verification fail. `over` replaces fields of the evaluated report.
 */
export function fleetReport(
  name: string,
  workers: number,
  over: Partial<ClusterReport> = {},
  waived = false,
): ClusterReport {
  return {
    ...evaluate(
      snapshot(name, workers),
      waived ? { waivers: [FLEET_WAIVER] } : {},
    ),
    ...over,
  };
}
