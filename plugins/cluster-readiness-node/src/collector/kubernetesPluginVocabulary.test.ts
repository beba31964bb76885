import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { classifyProxyError } from './BackstageProxyTransport';
import { ClusterAuthenticationError } from './errors';

describe("the Kubernetes plugin's vocabulary", () => {
  it('names the proxy permission of @backstage/plugin-kubernetes-common when the proxy refuses', () => {
    const error = classifyProxyError({
      clusterName: 'c1',
      status: 403,
      body: JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Unauthorized' },
      }),
    });
    expect(error).toBeInstanceOf(ClusterAuthenticationError);
    expect(kubernetesProxyPermission.name).toBe('kubernetes.proxy');
    expect(error?.message).toContain(
      `denied the permission ${kubernetesProxyPermission.name} (403)`,
    );
  });
});
