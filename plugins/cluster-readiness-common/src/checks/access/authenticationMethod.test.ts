import {
  k3sCluster,
  openshiftAuthentication,
  openshiftCluster,
} from '../../__testUtils__/distributionFactories';
import {
  forbidden,
  kubeadmControlPlane,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';

const ID = 'access.authentication-method';

function selfHosted(flags: Record<string, string>) {
  const { nodes, pods } = kubeadmControlPlane(flags);
  return snapshot({ nodes, pods });
}

describe(ID, () => {
  it('warns on kubeadm defaults: client certificates only', () => {
    const r = resultOf(ID, selfHosted({}));
    expect(r.status).toBe('warn');
    expect(r.message).toContain('client certificates only');
    expect(r.evidence).toContain(
      'Pod/kube-system/kube-apiserver-cp-1 --oidc-issuer-url',
    );
  });

  it.each([
    ['oidc-issuer-url', 'https://login.example.com/realms/k8s'],
    ['authentication-config', '/etc/kubernetes/authn.yaml'],
    [
      'authentication-token-webhook-config-file',
      '/etc/kubernetes/webhook.kubeconfig',
    ],
  ])('passes with --%s', (flag, value) => {
    const r = resultOf(ID, selfHosted({ [flag]: value }));
    expect(r.status).toBe('pass');
    expect(r.evidence).toContain(
      `Pod/kube-system/kube-apiserver-cp-2 --${flag}`,
    );
  });

  it.each(['token-auth-file', 'basic-auth-file'])('fails with --%s', flag => {
    const r = resultOf(ID, selfHosted({ [flag]: '/etc/kubernetes/users.csv' }));
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain(
      `Pod/kube-system/kube-apiserver-cp-1 --${flag}`,
    );
  });

  it('fails a static token file even next to OIDC', () => {
    const r = resultOf(
      ID,
      selfHosted({
        'token-auth-file': '/etc/kubernetes/tokens.csv',
        'oidc-issuer-url': 'https://login.example.com',
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('--token-auth-file');
  });

  it('is not-applicable on a managed control plane', () => {
    const r = resultOf(
      ID,
      snapshot(
        { nodes: [node('w-1')], pods: [] },
        { cluster: { name: 'aks', controlPlane: 'managed' } },
      ),
    );
    expect(r.status).toBe('not-applicable');
  });

  it('is unknown when the control plane is neither visible nor managed', () => {
    const r = resultOf(ID, snapshot({ nodes: [node('w-1')], pods: [] }));
    expect(r.status).toBe('unknown');
  });

  it('is unknown when control-plane nodes are visible but no kube-apiserver pod', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [node('cp-1', { controlPlane: true }), node('w-1')],
        pods: [],
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('no kube-apiserver mirror pod');
  });

  it('is unknown naming list pods when pods are denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [node('cp-1', { controlPlane: true })],
        pods: forbidden('pods'),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });
});

describe('access.authentication-method per distribution (v2)', () => {
  it('k3s: unknown unless node-args set a provider (no documented default)', () => {
    const r = resultOf(ID, k3sCluster());
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'no documented k3s default in the defaults table',
    );
    expect(
      resultOf(
        ID,
        k3sCluster([
          '--kube-apiserver-arg',
          'oidc-issuer-url=https://idp.example.com',
        ]),
      ).status,
    ).toBe('pass');
    expect(
      resultOf(
        ID,
        k3sCluster(['--kube-apiserver-arg', 'token-auth-file=/etc/tokens.csv']),
      ).status,
    ).toBe('fail');
  });

  it('OpenShift: the built-in OAuth server or OIDC pass; None warns', () => {
    expect(resultOf(ID, openshiftCluster()).status).toBe('pass');
    expect(
      resultOf(
        ID,
        openshiftCluster({ authentication: openshiftAuthentication('OIDC') }),
      ).status,
    ).toBe('pass');
    expect(
      resultOf(
        ID,
        openshiftCluster({ authentication: openshiftAuthentication('None') }),
      ).status,
    ).toBe('warn');
  });
});
