import { isKubernetesClusterEntity } from './isKubernetesClusterEntity';
import { clusterEntity, componentEntity } from './__testUtils__/fixtures';

describe('isKubernetesClusterEntity', () => {
  it('matches Resources of type kubernetes-cluster, case-insensitively', () => {
    expect(isKubernetesClusterEntity(clusterEntity)).toBe(true);
    expect(
      isKubernetesClusterEntity({
        ...clusterEntity,
        kind: 'resource',
        spec: { type: 'Kubernetes-Cluster' },
      }),
    ).toBe(true);
    expect(
      isKubernetesClusterEntity({
        ...clusterEntity,
        spec: { type: 'database' },
      }),
    ).toBe(false);
    expect(
      isKubernetesClusterEntity({ ...clusterEntity, spec: undefined }),
    ).toBe(false);
    expect(isKubernetesClusterEntity(componentEntity)).toBe(false);
  });
});
