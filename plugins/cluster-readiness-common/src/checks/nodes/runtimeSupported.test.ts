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
    [['cri-o://1.30.4'], 'pass'],
    [['containerd://1.6.33'], 'warn'],
    [['containerd://v1.6.8', 'containerd://1.7.27'], 'warn'],
    [['containerd://1.5.11'], 'warn'],
    [['docker://24.0.7'], 'fail'],
    [['docker://27.3.1', 'containerd://1.6.33', 'containerd://1.7.27'], 'fail'],
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
    expect(r.message).toContain('1 node runs containerd older than 1.7');
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
