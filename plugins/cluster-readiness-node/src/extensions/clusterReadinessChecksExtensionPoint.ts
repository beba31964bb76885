import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ReadinessCheck } from '@cluster-readiness/backstage-plugin-common';

/**
 * Lets a backend module add custom readiness checks: each check is its metadata plus a
 * pure function of the snapshot index (see `ReadinessCheck`).
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'cluster-readiness',
 *   moduleId: 'my-checks',
 *   register(env) {
 *     env.registerInit({
 *       deps: { checks: clusterReadinessChecksExtensionPoint },
 *       async init({ checks }) { checks.addChecks(myCheck); },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export interface ClusterReadinessChecksExtensionPoint {
  addChecks(...checks: ReadinessCheck[]): void;
}

/** @public */
export const clusterReadinessChecksExtensionPoint =
  createExtensionPoint<ClusterReadinessChecksExtensionPoint>({
    id: 'cluster-readiness.checks',
  });

/**
 * Collects checks added through the extension point, refusing ids that clash with the
 * built-in catalog or with each other.
 * @public
 */
export class CustomCheckRegistry
  implements ClusterReadinessChecksExtensionPoint
{
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly reservedIds: ReadonlySet<string>) {}

  addChecks(...checks: ReadinessCheck[]): void {
    for (const check of checks) {
      if (this.reservedIds.has(check.id) || this.checks.has(check.id)) {
        throw new Error(
          `Cluster Readiness: a check with id '${check.id}' already exists`,
        );
      }
      this.checks.set(check.id, check);
    }
  }

  list(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
