import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import plugin from './alpha';
import {
  clusterEntity,
  componentEntity,
  groupEntity,
} from './__testUtils__/fixtures';

const entities: Record<string, Entity> = {
  cluster: clusterEntity,
  databaseResource: {
    ...clusterEntity,
    metadata: { name: 'db' },
    spec: { type: 'database' },
  },
  component: componentEntity,
  componentWithDependsOn: {
    ...componentEntity,
    metadata: { name: 'web' },
    spec: {
      ...componentEntity.spec,
      dependsOn: ['resource:default/prod-eu-1'],
    },
  },
  bareComponent: { ...componentEntity, metadata: { name: 'lib' } },
  group: groupEntity,
};

function matching(filter: ((entity: Entity) => boolean) | undefined) {
  return Object.entries(entities)
    .filter(([, e]) => filter?.(e))
    .map(([k]) => k);
}

describe('cluster-readiness alpha plugin', () => {
  it('shows the Readiness tab on kubernetes-cluster Resources only', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:cluster-readiness/cluster'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Readiness');
    expect(tester.get(coreExtensionData.routePath)).toBe('/readiness');
    expect(
      matching(tester.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(['cluster']);
  });

  it('shows the Cluster readiness tab on components that can run on clusters', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:cluster-readiness/component'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Cluster readiness',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/cluster-readiness');
    expect(
      matching(tester.get(EntityContentBlueprint.dataRefs.filterFunction)),
    ).toEqual(['component', 'componentWithDependsOn']);
  });

  it('puts each card on its kind of entity', () => {
    const filterOf = (id: Parameters<typeof plugin.getExtension>[0]) =>
      createExtensionTester(plugin.getExtension(id)).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      );
    expect(matching(filterOf('entity-card:cluster-readiness/cluster'))).toEqual(
      ['cluster'],
    );
    expect(
      matching(filterOf('entity-card:cluster-readiness/component')),
    ).toEqual(['component', 'componentWithDependsOn']);
    expect(matching(filterOf('entity-card:cluster-readiness/group'))).toEqual([
      'group',
    ]);
  });

  it('provides the page and the API', () => {
    const page = createExtensionTester(
      plugin.getExtension('page:cluster-readiness'),
    );
    expect(page.get(coreExtensionData.routePath)).toBe('/cluster-readiness');
    expect(plugin.getExtension('api:cluster-readiness')).toBeDefined();
  });
});
