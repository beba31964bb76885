import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult, PolicyDecision } from '@backstage/plugin-permission-common';
import { clusterReadinessReadPermission } from '@cluster-readiness/backstage-plugin-common';
import { EntityRefAuthorizer, EntityRefDecision } from './EntityRefAuthorizer';

const refsOf = (d: EntityRefDecision) => (d.all ? 'all' : [...d.refs].sort());

const owners = ['group:default/a', 'group:default/b'];
const entities: Entity[] = Array.from({ length: 7 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: `c${i}`, namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: owners[i % 2] },
  relations: [{ type: 'ownedBy', targetRef: owners[i % 2] }],
}));
const refs = entities.map(e => `resource:default/${e.metadata.name}`);
const credentials = mockCredentials.user('user:default/alice');

function authorizer(decision: PolicyDecision, allowRef?: (ref: string) => boolean) {
  const authorize = jest.fn(async (requests: Array<{ resourceRef?: string }>) =>
    requests.map(r => ({
      result: allowRef?.(r.resourceRef!) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    })),
  );
  const permissions = mockServices.permissions.mock({
    authorize: authorize as any,
    authorizeConditional: async () => [decision as any],
  });
  const catalog = catalogServiceMock({ entities });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  const instance = new EntityRefAuthorizer({
    permissions,
    catalog,
    auth: mockServices.auth(),
    batchSize: 3,
    pageSize: 2,
  });
  return { instance, authorize, queryEntities };
}

describe('EntityRefAuthorizer', () => {
  it('answers unconditional decisions without asking per entity', async () => {
    const allow = authorizer({ result: AuthorizeResult.ALLOW });
    expect(await allow.instance.decide(credentials, clusterReadinessReadPermission, refs)).toEqual({ all: true });
    const deny = authorizer({ result: AuthorizeResult.DENY });
    const denied = await deny.instance.decide(credentials, clusterReadinessReadPermission, refs);
    expect(denied).toEqual({ all: false, refs: new Set() });
    expect(allow.authorize).not.toHaveBeenCalled();
    expect(deny.authorize).not.toHaveBeenCalled();
  });

  it('resolves catalog conditions in the catalog, across pages, including not', async () => {
    const owned = authorizer(
      createCatalogConditionalDecision(
        clusterReadinessReadPermission,
        catalogConditions.isEntityOwner({ claims: ['group:default/a'] }),
      ),
    );
    const decision = await owned.instance.decide(credentials, clusterReadinessReadPermission, refs);
    expect(decision.all).toBe(false);
    expect(refsOf(decision)).toEqual(
      ['c0', 'c2', 'c4', 'c6'].map(n => `resource:default/${n}`),
    );
    expect(owned.authorize).not.toHaveBeenCalled();
    // Four matches in pages of two.
    expect(owned.queryEntities.mock.calls.length).toBeGreaterThanOrEqual(2);

    const notOwned = authorizer(
      createCatalogConditionalDecision(clusterReadinessReadPermission, {
        not: catalogConditions.isEntityOwner({ claims: ['group:default/a'] }),
      }),
    );
    const inverse = await notOwned.instance.decide(credentials, clusterReadinessReadPermission, refs);
    expect(refsOf(inverse)).toEqual(
      ['c1', 'c3', 'c5'].map(n => `resource:default/${n}`),
    );
    // One cluster: the same answer, asked about that entity only.
    const one = await owned.instance.decide(credentials, clusterReadinessReadPermission, ['resource:default/c1']);
    expect(one).toEqual({ all: false, refs: new Set() });
  });

  it('falls back to authorize calls no larger than the batch size for rules the catalog does not know', async () => {
    const { instance, authorize } = authorizer(
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: { rule: 'SOMEONE_ELSES_RULE', resourceType: 'catalog-entity', params: {} },
      },
      ref => ref.endsWith('c5') || ref.endsWith('c0'),
    );
    const decision = await instance.decide(credentials, clusterReadinessReadPermission, refs);
    expect(refsOf(decision)).toEqual(['resource:default/c0', 'resource:default/c5']);
    expect(authorize.mock.calls.map(([requests]) => requests.length)).toEqual([3, 3, 1]);
  });
});
