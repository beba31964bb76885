import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { clusterReadinessPermissions } from '@cluster-readiness/backstage-plugin-common';

/** @public */
export interface ClusterOwnershipPolicyOptions {
  /** Entity refs (users or groups) that may read and refresh every cluster. */
  admins: readonly string[];
}

const OURS = new Set(clusterReadinessPermissions.map(p => p.name));

/**
 * A permission policy that filters: a signed-in user reads and refreshes the
 * clusters owned (`spec.owner`) by themselves or a group they belong to; admins and
 * backend services everything. Every other permission is allowed. Install it with the
 * permission backend's `policyExtensionPoint`.
 * @public
 */
export class ClusterOwnershipPolicy implements PermissionPolicy {
  private readonly admins: Set<string>;

  constructor(options: ClusterOwnershipPolicyOptions) {
    this.admins = new Set(
      options.admins.map(r => r.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user || !OURS.has(request.permission.name))
      return { result: AuthorizeResult.ALLOW };
    const claims = user.info.ownershipEntityRefs;
    if (claims.some(ref => this.admins.has(ref.toLocaleLowerCase('en-US')))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      !isResourcePermission(request.permission, RESOURCE_TYPE_CATALOG_ENTITY)
    ) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      request.permission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}
