import {
  k3sCluster,
  openshiftApiServerConfig,
  openshiftCluster,
  rke2Cluster,
} from '../../__testUtils__/distributionFactories';
import {
  forbidden,
  kubeadmControlPlane,
  mirrorPod,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { managedSnapshot } from '../../__testUtils__/controlPlaneFactories';

const ID = 'control-plane.secrets-encryption';
const CONFIG = '/etc/kubernetes/enc/encryption-config.yaml';

describe(ID, () => {
  it('passes when every API server sets --encryption-provider-config', () => {
    const { nodes, pods } = kubeadmControlPlane({
      'encryption-provider-config': CONFIG,
    });
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(
      'Pod/kube-system/kube-apiserver-cp-1 --encryption-provider-config',
    );
  });

  it('fails when the flag is absent', () => {
    const { nodes, pods } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'kube-apiserver-cp-1, kube-apiserver-cp-2, kube-apiserver-cp-3',
    );
  });

  it('fails when one API server lacks the flag', () => {
    const { nodes, pods } = kubeadmControlPlane({
      'encryption-provider-config': CONFIG,
    });
    const i = pods.findIndex(p => p.metadata?.name === 'kube-apiserver-cp-3');
    pods[i] = mirrorPod('kube-apiserver', 'cp-3', {
      'advertise-address': '10.0.0.3',
    });
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^kube-apiserver-cp-3 runs without/);
  });

  it('fails when the flag is empty', () => {
    const { nodes, pods } = kubeadmControlPlane({
      'encryption-provider-config': '',
    });
    expect(resultOf(ID, snapshot({ nodes, pods })).status).toBe('fail');
  });

  it('is unknown when no kube-apiserver mirror pod is visible', () => {
    const { nodes } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods: [] }));
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('no kube-apiserver mirror pod is visible');
  });

  it('is unknown when pods are denied', () => {
    const { nodes } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods: forbidden('pods') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });

  it('is not-applicable on a managed control plane', () => {
    expect(resultOf(ID, managedSnapshot()).status).toBe('not-applicable');
  });
});

describe('control-plane.secrets-encryption per distribution (v2)', () => {
  it('k3s: fails by default, passes with --secrets-encryption', () => {
    const off = resultOf(ID, k3sCluster());
    expect(off.status).toBe('fail');
    expect(off.message).toContain('(k3s: --secrets-encryption)');
    expect(off.evidence[0]).toMatch(
      /^k3s default for --encryption-provider-config: not set/,
    );
    const on = resultOf(ID, k3sCluster(['--secrets-encryption']));
    expect(on.status).toBe('pass');
    expect(on.message).toContain('k3s server server-1 (node-args)');
  });

  it('RKE2: passes on its documented default', () => {
    const r = resultOf(ID, rke2Cluster());
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toContain('docs.rke2.io/security/secrets_encryption');
  });

  it('OpenShift: aescbc/aesgcm pass, identity (none) fails', () => {
    for (const type of ['aescbc', 'aesgcm']) {
      expect(
        resultOf(
          ID,
          openshiftCluster({
            apiServer: openshiftApiServerConfig({ encryption: { type } }),
          }),
        ).status,
      ).toBe('pass');
    }
    expect(
      resultOf(
        ID,
        openshiftCluster({
          apiServer: openshiftApiServerConfig({
            encryption: { type: 'identity' },
          }),
        }),
      ).status,
    ).toBe('fail');
    const none = resultOf(
      ID,
      openshiftCluster({ apiServer: openshiftApiServerConfig() }),
    );
    expect(none.message).toContain(
      'set APIServer/cluster spec.encryption.type to aescbc or aesgcm',
    );
    const unread = resultOf(
      ID,
      openshiftCluster({ apiServer: null, authentication: null }),
    );
    expect(unread.status).toBe('unknown');
    expect(unread.message).toContain("OpenShift's config would decide");
  });
});
