import {
  forbidden,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'nodes.runtime-supported';

const runtimes = (...versions: string[]) =>
  versions.map((runtime, i) => node(`w-${i + 1}`, { runtime }));

function withoutRuntime(n: KubeObject): KubeObject {
  delete n.status.nodeInfo.containerRuntimeVersion;
  return n;
}

describe(ID, () => {
  it.each([
    [['containerd://1.7.0'], 'pass'],
    [['containerd://1.7.27', 'containerd://2.1.4'], 'pass'],
    [['containerd://1.7.11-k3s2'], 'pass'],
    // The default server is 1.34: CRI-O 1.34 and 1.33 pass, others warn.
    [['cri-o://1.34.1'], 'pass'],
    [['cri-o://1.33.4'], 'pass'],
    [['cri-o://1.32.9'], 'warn'],
    [['cri-o://1.35.0'], 'warn'],
    [['runc://1.1.12'], 'warn'],
    [['kata://3.2.0', 'containerd://1.7.27'], 'warn'],
    [['containerd://1.6.33'], 'warn'],
    [['containerd://v1.6.8', 'containerd://1.7.27'], 'warn'],
    [['containerd://1.5.11'], 'warn'],
    [['docker://24.0.7'], 'warn'],
    [['docker://27.3.1', 'containerd://1.6.33', 'containerd://1.7.27'], 'warn'],
  ])('runtimes %j: %s', (versions, status) => {
    expect(
      resultOf(ID, snapshot({ nodes: runtimes(...versions) })).status,
    ).toBe(status);
  });

  it('names the Docker nodes first in its evidence', () => {
    const r = resultOf(
      ID,
      snapshot({ nodes: runtimes('containerd://1.7.27', 'docker://24.0.7') }),
    );
    expect(r.message).toContain('w-2 docker://24.0.7');
    expect(r.evidence[0]).toBe(
      'Node/w-2 .status.nodeInfo.containerRuntimeVersion docker://24.0.7',
    );
  });

  it('names the old containerd nodes', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: runtimes('containerd://1.7.27', 'containerd://1.6.33'),
      }),
    );
    expect(r.message).toContain('1 node needs runtime attention');
    expect(r.message).toContain('containerd older than 1.7');
    expect(r.message).toContain('w-2 containerd://1.6.33');
  });

  it('does not judge a containerd version it cannot parse', () => {
    const r = resultOf(
      ID,
      snapshot({ nodes: runtimes('containerd://1.7.27', 'containerd://dev') }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('not judged on 1 node (w-2)');
  });

  it('is unknown when no node reports its runtime', () => {
    const r = resultOf(ID, snapshot({ nodes: [withoutRuntime(node('w-1'))] }));
    expect(r.status).toBe('unknown');
  });

  it('is not-applicable without nodes', () => {
    expect(resultOf(ID, snapshot({ nodes: [] })).status).toBe('not-applicable');
  });

  it('is unknown when nodes cannot be listed', () => {
    const r = resultOf(ID, snapshot({ nodes: forbidden('nodes') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });
});

describe(`${ID} (v2 rules)`, () => {
  it('words Docker by server version: dockershim before 1.24, cri-dockerd from 1.24', () => {
    const old = resultOf(
      ID,
      snapshot(
        { nodes: runtimes('docker://20.10.7') },
        { serverVersion: { major: '1', minor: '23', gitVersion: 'v1.23.17' } },
      ),
    );
    expect(old.status).toBe('warn');
    expect(old.message).toContain(
      'dockershim, deprecated and removed in Kubernetes 1.24',
    );
    const current = resultOf(
      ID,
      snapshot({ nodes: runtimes('docker://27.3.1') }),
    );
    expect(current.message).toContain('cri-dockerd');
  });

  it('compares CRI-O with the kubelet minor when there is no server version', () => {
    const nodes = [
      node('w-1', { runtime: 'cri-o://1.29.2', kubelet: 'v1.30.1' }),
    ];
    const snap = snapshot({ nodes });
    delete snap.serverVersion;
    expect(resultOf(ID, snap).status).toBe('pass');
    nodes[0].status.nodeInfo.kubeletVersion = 'v1.31.0';
    expect(resultOf(ID, snap).message).toContain('(kubelet)');
  });

  it('names an unrecognised runtime', () => {
    const r = resultOf(ID, snapshot({ nodes: runtimes('gvisor://20240101') }));
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'unrecognised runtime: check it against the Container Runtimes page',
    );
  });

  it('passes OpenShift CRI-O builds that follow the server minor', () => {
    const r = resultOf(
      ID,
      snapshot(
        { nodes: runtimes('cri-o://1.31.5-3.rhaos4.18.gitdad78d5.el9') },
        { serverVersion: { major: '1', minor: '31', gitVersion: 'v1.31.6' } },
      ),
    );
    expect(r.status).toBe('pass');
  });
});
