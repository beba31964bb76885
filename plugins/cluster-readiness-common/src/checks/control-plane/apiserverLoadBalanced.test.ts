import {
  forbidden,
  kubeadmControlPlane,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  apiserverEndpointSlice,
  managedSnapshot,
} from '../../__testUtils__/controlPlaneFactories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'control-plane.apiserver-load-balanced';
const KEY = 'endpointslices.discovery.k8s.io';

function run(
  slices: KubeObject[] | ReturnType<typeof forbidden>,
  server?: string,
) {
  const { nodes, pods } = kubeadmControlPlane();
  // cp-1 also has a public address, as on a cloud VM with an elastic IP.
  nodes[0].status.addresses.push({
    type: 'ExternalIP',
    address: '203.0.113.10',
  });
  return resultOf(
    ID,
    snapshot(
      { nodes, pods, [KEY]: slices },
      { cluster: { name: 'prod', ...(server ? { server } : {}) } },
    ),
  );
}

const THREE = [apiserverEndpointSlice(['10.0.0.1', '10.0.0.2', '10.0.0.3'])];

describe(ID, () => {
  it('passes with ≥2 ready addresses and a server URL behind a load balancer', () => {
    const r = run(THREE, 'https://api.prod.example.com:6443');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('api.prod.example.com');
    expect(r.evidence).toContain(
      'EndpointSlice/default/kubernetes .endpoints[].conditions.ready',
    );
  });

  it('passes when the server URL is not known', () => {
    const r = run(THREE);
    expect(r.status).toBe('pass');
    expect(r.message).toContain('not known');
  });

  it('warns when the server URL names one API server address', () => {
    const r = run(THREE, 'https://10.0.0.2:6443');
    expect(r.status).toBe('warn');
    expect(r.message).toContain('10.0.0.2');
    expect(r.evidence).toContain('cluster.server https://10.0.0.2:6443');
  });

  it("warns when the server URL is a control-plane node's ExternalIP", () => {
    const r = run(THREE, 'https://203.0.113.10:6443');
    expect(r.status).toBe('warn');
    expect(r.message).toContain('control-plane node cp-1');
    expect(r.evidence).toContain('Node/cp-1 .status.addresses');
  });

  it('compares IPv6 server hosts without brackets', () => {
    const slices = [
      apiserverEndpointSlice(['fd00::1', 'fd00::2'], { addressType: 'IPv6' }),
    ];
    expect(run(slices, 'https://[fd00::2]:6443').status).toBe('warn');
    expect(run(slices, 'https://[fd00::99]:6443').status).toBe('pass');
  });

  it('fails with a single address', () => {
    const r = run(
      [apiserverEndpointSlice(['10.0.0.1'])],
      'https://api.prod.example.com:6443',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('1 ready API server address(es) (10.0.0.1)');
  });

  it('fails when only one of two endpoints is ready', () => {
    const slices = [
      apiserverEndpointSlice(['10.0.0.1', { ip: '10.0.0.2', ready: false }]),
    ];
    expect(run(slices, 'https://api.prod.example.com:6443').status).toBe(
      'fail',
    );
  });

  it('counts an address once across slices and ignores other services', () => {
    const slices = [
      apiserverEndpointSlice(['10.0.0.1'], { name: 'kubernetes' }),
      apiserverEndpointSlice(['10.0.0.1'], { name: 'kubernetes-extra' }),
      apiserverEndpointSlice(['10.0.0.7', '10.0.0.8'], {
        name: 'web-x7k2p',
        serviceName: 'web',
      }),
    ];
    expect(run(slices).status).toBe('fail');
  });

  it('fails when no EndpointSlice of the kubernetes Service exists', () => {
    const r = run([]);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('No EndpointSlice');
  });

  it('is unknown when EndpointSlices are denied', () => {
    const r = run(forbidden(KEY));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'list endpointslices.discovery.k8s.io in default',
    ]);
  });

  it('is not-applicable on a managed control plane', () => {
    expect(resultOf(ID, managedSnapshot({ [KEY]: THREE })).status).toBe(
      'not-applicable',
    );
  });
});
