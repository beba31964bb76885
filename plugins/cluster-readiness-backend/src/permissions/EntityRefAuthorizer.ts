import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { FilterPredicate } from '@backstage/filter-predicates';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import type {
  CatalogService,
  EntitiesSearchFilter,
} from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ConditionTransformer,
  createConditionTransformer,
  PermissionRule,
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * What a caller may see of a collection of catalog entities: everything
 * (`all`, which also admits clusters without an entity), or exactly `refs`.
 * @public
 */
export type EntityRefDecision =
  | { all: true }
  | { all: false; refs: ReadonlySet<string> };

/** @public */
export interface EntityRefAuthorizerOptions {
  permissions: PermissionsService;
  catalog: CatalogService;
  auth: AuthService;
  logger?: LoggerService;
  /** Refs per `authorize` call when conditions cannot be resolved (the permission backend refuses bodies over 100 KB). */
  batchSize?: number;
  /** Entities per catalog page when resolving conditions. */
  pageSize?: number;
}

const transformConditions: ConditionTransformer<EntitiesSearchFilter> =
  createConditionTransformer(
    Object.values(permissionRules) as PermissionRule<
      Entity,
      EntitiesSearchFilter,
      'catalog-entity'
    >[],
  );

const NARROW_TO_REFS = 20;

function refPredicate(ref: string): FilterPredicate {
  const { kind, namespace, name } = parseEntityRef(ref);
  return {
    kind,
    'metadata.namespace': namespace,
    'metadata.name': name,
  } as FilterPredicate;
}

/** A catalog filter predicate for the criteria a catalog-entity rule produced. */
function toPredicate(
  criteria: PermissionCriteria<EntitiesSearchFilter>,
): FilterPredicate {
  if (isAndCriteria(criteria)) return { $all: criteria.allOf.map(toPredicate) };
  if (isOrCriteria(criteria)) return { $any: criteria.anyOf.map(toPredicate) };
  if (isNotCriteria(criteria)) return { $not: toPredicate(criteria.not) };
  const { key, values } = criteria;
  return (
    values === undefined
      ? { [key]: { $exists: true } }
      : { [key]: { $in: values } }
  ) as FilterPredicate;
}

/**
 * Authorizes a collection of catalog entities the way the catalog does: one
 * conditional decision, its conditions resolved by asking the catalog, page by page,
 * which entities match them. Conditions the catalog's rules cannot express fall back
 * to `authorize` calls in batches small enough for the permission backend.
 * @public
 */
export class EntityRefAuthorizer {
  private readonly batchSize: number;
  private readonly pageSize: number;

  constructor(private readonly options: EntityRefAuthorizerOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.pageSize = options.pageSize ?? 500;
  }

  /**
   * Which of `candidateRefs` the caller holds `permission` on. The candidates may be
   * a function, called only when the decision is conditional.
   */
  async decide(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    candidates: readonly string[] | (() => Promise<readonly string[]>),
  ): Promise<EntityRefDecision> {
    const { permissions } = this.options;
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return { all: true };
    if (
      decision.result !== AuthorizeResult.CONDITIONAL ||
      !('conditions' in decision)
    ) {
      return { all: false, refs: new Set() };
    }
    const candidateRefs =
      typeof candidates === 'function' ? await candidates() : candidates;
    const wanted = new Set(
      candidateRefs.map(r => r.toLocaleLowerCase('en-US')),
    );
    let predicate: FilterPredicate | undefined;
    if (decision.resourceType === RESOURCE_TYPE_CATALOG_ENTITY) {
      try {
        predicate = toPredicate(
          transformConditions(
            decision.conditions as PermissionCriteria<PermissionCondition>,
          ),
        );
      } catch {
        // A rule the catalog does not know: decide entity by entity below.
        this.options.logger?.debug(
          `Conditions for ${permission.name} use rules the catalog does not know; authorizing in batches`,
        );
      }
    }
    if (predicate) {
      // A few refs (one cluster's routes): ask only about them.
      if (wanted.size <= NARROW_TO_REFS) {
        predicate = {
          $all: [predicate, { $any: [...wanted].map(refPredicate) }],
        };
      }
      return { all: false, refs: await this.matching(predicate, wanted) };
    }
    return {
      all: false,
      refs: await this.inBatches(credentials, permission, [...wanted]),
    };
  }

  /** The wanted entity refs the catalog says match `predicate`, read in pages. */
  private async matching(
    predicate: FilterPredicate,
    wanted: Set<string>,
  ): Promise<Set<string>> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const refs = new Set<string>();
    if (!wanted.size) return refs;
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: this.pageSize }
          : {
              query: predicate,
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
              limit: this.pageSize,
            },
        { credentials },
      );
      for (const entity of page.items) {
        const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
        if (wanted.has(ref)) refs.add(ref);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return refs;
  }

  private async inBatches(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    refs: string[],
  ): Promise<Set<string>> {
    const allowed = new Set<string>();
    for (let i = 0; i < refs.length; i += this.batchSize) {
      const batch = refs.slice(i, i + this.batchSize);
      const decisions = await this.options.permissions.authorize(
        batch.map(resourceRef => ({ permission, resourceRef })),
        { credentials },
      );
      batch.forEach((ref, j) => {
        if (decisions[j].result === AuthorizeResult.ALLOW) allowed.add(ref);
      });
    }
    return allowed;
  }
}
