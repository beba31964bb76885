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

const ID = 'control-plane.audit-logging';
const POLICY = '/etc/kubernetes/audit/policy.yaml';

function run(flags: Record<string, string>) {
  const { nodes, pods } = kubeadmControlPlane(flags);
  return resultOf(ID, snapshot({ nodes, pods }));
}

describe(ID, () => {
  it.each([
    [
      {
        'audit-log-path': '/var/log/kubernetes/audit.log',
        'audit-policy-file': POLICY,
      },
      'pass',
    ],
    [{ 'audit-log-path': '-', 'audit-policy-file': POLICY }, 'pass'],
    [
      {
        'audit-webhook-config-file': '/etc/kubernetes/audit/webhook.yaml',
        'audit-policy-file': POLICY,
      },
      'pass',
    ],
    [{ 'audit-log-path': '/var/log/kubernetes/audit.log' }, 'warn'],
    [
      { 'audit-webhook-config-file': '/etc/kubernetes/audit/webhook.yaml' },
      'warn',
    ],
    [{ 'audit-policy-file': POLICY }, 'fail'],
    [{}, 'fail'],
    [{ 'audit-log-path': '', 'audit-policy-file': POLICY }, 'fail'],
  ])('kube-apiserver flags %j: %s', (flags, status) => {
    const r = run(flags);
    expect(r.status).toBe(status);
    expect(r.evidence).toContain(
      'Pod/kube-system/kube-apiserver-cp-1 --audit-policy-file',
    );
  });

  it('fails when any API server has no audit backend', () => {
    const { nodes, pods } = kubeadmControlPlane({
      'audit-log-path': '/var/log/kubernetes/audit.log',
      'audit-policy-file': POLICY,
    });
    const i = pods.findIndex(p => p.metadata?.name === 'kube-apiserver-cp-2');
    pods[i] = mirrorPod('kube-apiserver', 'cp-2', {
      'advertise-address': '10.0.0.2',
    });
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^kube-apiserver-cp-2 has no audit backend/);
  });

  it('is unknown when no kube-apiserver mirror pod is visible', () => {
    const { nodes } = kubeadmControlPlane();
    expect(resultOf(ID, snapshot({ nodes, pods: [] })).status).toBe('unknown');
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

describe('control-plane.audit-logging per distribution (v2)', () => {
  it('k3s: fails on the defaults, passes with --kube-apiserver-arg audit flags', () => {
    expect(resultOf(ID, k3sCluster()).status).toBe('fail');
    const r = resultOf(
      ID,
      k3sCluster([
        '--kube-apiserver-arg',
        'audit-log-path=/var/lib/rancher/k3s/server/logs/audit.log',
        '--kube-apiserver-arg=audit-policy-file=/etc/rancher/k3s/audit.yaml',
      ]),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('from k3s server server-1 (node-args)');
  });

  it('RKE2: passes on its default policy, warns when the policy is emptied', () => {
    expect(resultOf(ID, rke2Cluster()).status).toBe('pass');
    expect(
      resultOf(ID, rke2Cluster(['--kube-apiserver-arg', 'audit-policy-file=']))
        .status,
    ).toBe('warn');
  });

  it('OpenShift: profile None fails, any other profile passes', () => {
    expect(resultOf(ID, openshiftCluster()).status).toBe('pass');
    expect(
      resultOf(
        ID,
        openshiftCluster({
          apiServer: openshiftApiServerConfig({ audit: { profile: 'None' } }),
        }),
      ).status,
    ).toBe('fail');
  });
});
