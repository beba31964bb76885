import { SnapshotIndex } from './SnapshotIndex';
import { detectDistribution } from './detectDistribution';
import {
  kubeadmControlPlane,
  mirrorPod,
  namespace,
  node,
  snapshot,
} from '../__testUtils__/factories';
import {
  K3S_VERSION,
  k3sServer,
  openshiftApiServerConfig,
  openshiftApiserverPod,
  RKE2_VERSION,
  rke2Server,
} from '../__testUtils__/distributionFactories';
import { configMap } from '../__testUtils__/nodeFactories';
import type { ClusterSnapshot } from '../snapshot/ClusterSnapshot';

const detect = (snap: ClusterSnapshot) =>
  detectDistribution(new SnapshotIndex(snap));

describe('detectDistribution (checks.md v2, Distribution)', () => {
  it('detects k3s by its version or by the node-args annotation', () => {
    expect(
      detect(snapshot({ nodes: [] }, { serverVersion: K3S_VERSION })),
    ).toEqual({
      name: 'k3s',
      evidence: ['serverVersion.gitVersion v1.31.4+k3s1'],
    });
    expect(detect(snapshot({ nodes: [k3sServer('s1')] })).evidence).toEqual([
      'Node/s1 annotation k3s.io/node-args',
    ]);
  });

  it('detects RKE2 by its version or by rke2.io/node-args', () => {
    expect(
      detect(snapshot({ nodes: [] }, { serverVersion: RKE2_VERSION })).name,
    ).toBe('rke2');
    expect(detect(snapshot({ nodes: [rke2Server('s1')] }))).toEqual({
      name: 'rke2',
      evidence: ['Node/s1 annotation rke2.io/node-args'],
    });
  });

  it('detects OpenShift by discovery or by its apiserver namespace', () => {
    expect(
      detect(
        snapshot(
          { nodes: [] },
          { apiGroupVersions: ['v1', 'config.openshift.io/v1'] },
        ),
      ),
    ).toEqual({
      name: 'openshift',
      evidence: ['discovery serves config.openshift.io/v1'],
    });
    expect(
      detect(snapshot({ namespaces: [namespace('openshift-kube-apiserver')] }))
        .name,
    ).toBe('openshift');
    expect(
      detect(snapshot({ pods: [openshiftApiserverPod('master-0')] })).evidence,
    ).toEqual(['pods in namespace openshift-kube-apiserver']);
  });

  it('detects OpenShift by its config objects where there is no discovery (typed lists, Insights archives)', () => {
    expect(
      detect(
        snapshot({
          nodes: [],
          'apiservers.config.openshift.io': [openshiftApiServerConfig()],
        }),
      ),
    ).toEqual({
      name: 'openshift',
      evidence: ['APIServer/cluster (apiservers.config.openshift.io)'],
    });
  });

  it('detects kind by providerID, before kubeadm', () => {
    const { nodes, pods } = kubeadmControlPlane();
    nodes.push(
      node('kind-worker', { providerID: 'kind://docker/kind/kind-worker' }),
    );
    expect(detect(snapshot({ nodes, pods })).name).toBe('kind');
  });

  it('detects kubeadm by its ConfigMap or its mirror-pod annotation', () => {
    expect(
      detect(
        snapshot({
          configmaps: [configMap('kubeadm-config', 'kube-system')],
        }),
      ),
    ).toEqual({
      name: 'kubeadm',
      evidence: ['ConfigMap/kube-system/kubeadm-config'],
    });
    const apiserver = mirrorPod('kube-apiserver', 'cp-1');
    apiserver.metadata!.annotations = {
      'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint':
        '10.0.0.1:6443',
    };
    expect(detect(snapshot({ pods: [apiserver] })).name).toBe('kubeadm');
    // A mirror pod without kubeadm's annotation decides nothing.
    expect(
      detect(snapshot({ pods: [mirrorPod('kube-apiserver', 'cp-1')] })).name,
    ).toBe('unknown');
  });

  it('names a managed provider only when the control plane is managed', () => {
    const eks = snapshot(
      {
        nodes: [
          node('ip-10-0-1-5', { providerID: 'aws:///eu-west-1a/i-0abc' }),
        ],
      },
      {
        serverVersion: {
          major: '1',
          minor: '31',
          gitVersion: 'v1.31.4-eks-2d5f260',
        },
      },
    );
    expect(detect(eks).name).toBe('eks');
    const gke = snapshot({
      nodes: [
        node('gke-pool-1', {
          labels: { 'cloud.google.com/gke-nodepool': 'pool' },
        }),
      ],
    });
    expect(detect(gke)).toEqual({
      name: 'gke',
      evidence: ['Node/gke-pool-1 label cloud.google.com/gke-nodepool'],
    });
    const aks = snapshot({
      nodes: [
        node('aks-pool-1', { providerID: 'azure:///subscriptions/s/vm/0' }),
      ],
    });
    expect(detect(aks).name).toBe('aks');
    // kubeadm on EC2: the control plane is visible, so the provider is not named.
    const { nodes, pods } = kubeadmControlPlane();
    nodes.push(node('w1', { providerID: 'aws:///eu-west-1a/i-0def' }));
    expect(detect(snapshot({ nodes, pods })).name).toBe('unknown');
    expect(
      detect(
        snapshot({
          nodes,
          pods,
          configmaps: [configMap('kubeadm-config', 'kube-system')],
        }),
      ).name,
    ).toBe('kubeadm');
  });

  it('takes the first match in the order of the definition', () => {
    // A k3s version wins over OpenShift-looking discovery.
    expect(
      detect(
        snapshot(
          { nodes: [] },
          {
            serverVersion: K3S_VERSION,
            apiGroupVersions: ['config.openshift.io/v1'],
          },
        ),
      ).name,
    ).toBe('k3s');
    expect(detect(snapshot({}))).toEqual({ name: 'unknown', evidence: [] });
  });
});
