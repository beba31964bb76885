import { KUBERNETES_ANNOTATION } from '@backstage/plugin-kubernetes-common';
import { KUBERNETES_ID_LABEL } from '@cluster-readiness/backstage-plugin-common';
import { BACKSTAGE_KUBERNETES_CLUSTER_HEADER } from '@cluster-readiness/backstage-plugin-node';
import { readFileSync } from 'node:fs';

describe("the Kubernetes plugin's vocabulary", () => {
  it('selects clusters with the header the kubernetes backend reads', () => {
    // @backstage/plugin-kubernetes-common does not export the proxy header; the
    // kubernetes backend does (HEADER_KUBERNETES_CLUSTER). Its module graph loads the
    // ESM-only @kubernetes/client-node, which plain Jest cannot require, so read the
    // constant from its built proxy module.
    const proxySource = readFileSync(
      require.resolve(
        '@backstage/plugin-kubernetes-backend/dist/service/KubernetesProxy.cjs.js',
      ),
      'utf8',
    );
    const declared = /const HEADER_KUBERNETES_CLUSTER = "([^"]+)"/.exec(
      proxySource,
    );
    expect(declared?.[1]).toBe(BACKSTAGE_KUBERNETES_CLUSTER_HEADER);
  });

  it("ties workloads to components with the kubernetes plugin's annotation", () => {
    expect(KUBERNETES_ID_LABEL).toBe(KUBERNETES_ANNOTATION);
    expect(KUBERNETES_ANNOTATION).toBe('backstage.io/kubernetes-id');
  });
});
