import {
  forbidden,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import type { KubeObject } from '../../snapshot/kube';

const ID = 'nodes.kubelet-version-skew';

const kubelets = (...versions: string[]) =>
  versions.map((kubelet, i) => node(`w-${i + 1}`, { kubelet }));

function withoutKubeletVersion(n: KubeObject): KubeObject {
  delete n.status.nodeInfo.kubeletVersion;
  return n;
}

describe(ID, () => {
  // The default snapshot's server is v1.34.2.
  it.each([
    [['v1.34.2', 'v1.34.0'], 'pass'],
    [['v1.34.2', 'v1.33.5'], 'warn'],
    [['v1.32.1'], 'warn'],
    [['v1.31.9'], 'warn'], // exactly 3 minors older
    [['v1.30.14'], 'fail'], // 4 minors older
    [['v1.35.0'], 'fail'], // newer than the API server
    [['v1.34.2', 'v1.33.0', 'v1.29.0'], 'fail'],
    [['v2.34.0'], 'fail'], // another major
  ])('kubelets %j against v1.34: %s', (versions, status) => {
    expect(
      resultOf(ID, snapshot({ nodes: kubelets(...versions) })).status,
    ).toBe(status);
  });

  it('names the lagging kubelets and how far behind they are', () => {
    const r = resultOf(ID, snapshot({ nodes: kubelets('v1.34.2', 'v1.31.9') }));
    expect(r.message).toContain(
      '1 kubelet 1–3 minors behind API server v1.34: w-2 v1.31.9',
    );
    expect(r.evidence).toEqual([
      'serverVersion v1.34.2',
      'Node/w-2 .status.nodeInfo.kubeletVersion v1.31.9 (3 older)',
      'Node/w-1 .status.nodeInfo.kubeletVersion v1.34.2',
    ]);
  });

  it('says why a kubelet is out of skew', () => {
    const r = resultOf(ID, snapshot({ nodes: kubelets('v1.35.1', 'v1.30.0') }));
    expect(r.message).toContain('w-1 v1.35.1 (1 newer), w-2 v1.30.0 (4 older)');
  });

  it('handles provider version strings (GKE minor "34+")', () => {
    const r = resultOf(
      ID,
      snapshot(
        { nodes: kubelets('v1.34.1-gke.1200000', 'v1.34.1-gke.1200000') },
        {
          serverVersion: {
            major: '1',
            minor: '34+',
            gitVersion: 'v1.34.1-gke.1200000',
          },
        },
      ),
    );
    expect(r.status).toBe('pass');
  });

  it('is unknown without the server version', () => {
    const r = resultOf(
      ID,
      snapshot({ nodes: kubelets('v1.34.2') }, { serverVersion: undefined }),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('GET /version');
  });

  it('does not judge nodes without a kubelet version', () => {
    const nodes = [node('w-1'), withoutKubeletVersion(node('w-2'))];
    const r = resultOf(ID, snapshot({ nodes }));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('1 node reports no kubelet version (w-2)');
  });

  it('is unknown when no node reports a kubelet version', () => {
    const r = resultOf(
      ID,
      snapshot({ nodes: [withoutKubeletVersion(node('w-1'))] }),
    );
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
