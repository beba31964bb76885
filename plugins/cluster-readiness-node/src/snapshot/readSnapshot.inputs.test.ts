import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { create as createTar } from 'tar';
import { stringify } from 'yaml';
import { readSnapshot } from './readSnapshot';

const node = (name: string, seen: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' },
  status: {
    conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: seen }],
  },
});
const pod = (name: string, namespace: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: { containers: [{ name: 'c', image: 'x' }] },
});
const nodeList = {
  apiVersion: 'v1',
  kind: 'NodeList',
  metadata: { resourceVersion: '1' },
  items: [
    node('n-1', '2026-11-20T09:00:00Z'),
    node('n-2', '2026-11-20T09:30:00Z'),
  ],
};
const podList = (namespace: string, ...names: string[]) => ({
  apiVersion: 'v1',
  kind: 'PodList',
  metadata: {},
  items: names.map(n => pod(n, namespace)),
});
const emptyLimitRanges = {
  apiVersion: 'v1',
  kind: 'LimitRangeList',
  items: [],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cr-inputs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(path: string, content: unknown): string {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(
    full,
    typeof content === 'string' ? content : JSON.stringify(content, null, 2),
  );
  return full;
}

function stream(text: string, size = 7): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size)
    chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('readSnapshot input formats', () => {
  it('reads a typed list: its kind is collected, nothing else is', async () => {
    const got = await readSnapshot(stream(JSON.stringify(nodeList)), {
      source: 'nodes.json',
    });
    expect(got.cluster.name).toBe('nodes');
    expect(got.collectedAt).toBe('2026-11-20T09:30:00.000Z');
    expect(Object.keys(got.resources)).toEqual(['nodes']);
    expect(got.resources.nodes.items?.map(n => n.metadata?.name)).toEqual([
      'n-1',
      'n-2',
    ]);
  });

  it('reads a `kubectl get --raw` list whose items carry no kind, even when the list kind comes last', async () => {
    const { kind, apiVersion, ...rest } = nodeList;
    const bare = {
      ...rest,
      items: nodeList.items.map(({ kind: _k, apiVersion: _a, ...n }) => n),
      kind,
      apiVersion,
    };
    const got = await readSnapshot(stream(JSON.stringify(bare)), {
      source: 'raw.json',
    });
    expect(got.resources.nodes.items).toHaveLength(2);
  });

  it("reads kubectl's own key order (items before kind) as a single List", async () => {
    const text = `{"apiVersion": "v1", "items": [${JSON.stringify(
      node('n-1', '2026-11-20T09:00:00Z'),
    )}], "kind": "List", "metadata": {"resourceVersion": ""}}`;
    const got = await readSnapshot(stream(text), { source: 'cluster.json' });
    expect(got.resources.nodes.items).toHaveLength(1);
    // A single kubectl List collects every documented key.
    expect(got.resources.limitranges).toEqual({ items: [] });
  });

  it('reads several JSON documents in one file, each list collecting its kind', async () => {
    const text = [
      nodeList,
      podList('default', 'a'),
      podList('kube-system', 'b'),
      emptyLimitRanges,
    ]
      .map(d => JSON.stringify(d, null, 1))
      .join('\n');
    for (const size of [1, 5, 64, 1 << 16]) {
      const got = await readSnapshot(stream(text, size), {
        source: 'dump.json',
      });
      expect(Object.keys(got.resources).sort()).toEqual([
        'limitranges',
        'nodes',
        'pods',
      ]);
      expect(got.resources.pods.items?.map(p => p.metadata?.name)).toEqual([
        'a',
        'b',
      ]);
      expect(got.resources.limitranges).toEqual({ items: [] });
      // Not held by any list: not collected.
      expect(got.resources.resourcequotas).toBeUndefined();
    }
  });

  it('names the document of a multi-document file that is broken', async () => {
    const text = `${JSON.stringify(
      nodeList,
    )}\n{"kind": "PodList", "items": [1]}`;
    await expect(
      readSnapshot(stream(text), { source: 'dump.json' }),
    ).rejects.toThrow('dump.json (document 2): items[0]: expected an object');
  });

  it('reads YAML, one document or several, and trims like JSON', async () => {
    const one = await readSnapshot(stream(stringify(nodeList)), {
      source: 'nodes.yaml',
    });
    expect(one.resources.nodes.items).toHaveLength(2);
    expect(one.cluster.name).toBe('nodes');

    const several = [
      stringify(nodeList),
      stringify(podList('default', 'a')),
      stringify({ ...pod('single', 'default'), extra: { dropped: true } }),
    ].join('---\n');
    const got = await readSnapshot(stream(several), { source: 'all.yaml' });
    expect(got.resources.pods.items?.map(p => p.metadata?.name)).toEqual([
      'a',
      'single',
    ]);
    expect(got.resources.pods.items?.[1]).not.toHaveProperty('extra');
  });

  it('reads a kubectl List written as YAML and collects every documented key', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [node('n-1', '2026-11-20T09:00:00Z')],
    };
    const got = await readSnapshot(
      stream(`# kubectl get … -o yaml\n${stringify(list)}`),
      {
        source: 'cluster.yaml',
      },
    );
    expect(got.resources.limitranges).toEqual({ items: [] });
    expect(got.resources.nodes.items).toHaveLength(1);
  });

  it('rejects broken YAML naming the file, the document and the line', async () => {
    await expect(
      readSnapshot(stream('kind: NodeList\nitems: [\n'), {
        source: 'bad.yaml',
      }),
    ).rejects.toThrow(/^bad\.yaml: not valid YAML at line \d+, column \d+: /);
    await expect(
      readSnapshot(stream(`${stringify(nodeList)}---\nitems: {a: 1}\n`), {
        source: 'bad.yaml',
      }),
    ).rejects.toThrow('bad.yaml (document 2): items: expected an array');
  });

  it('no longer blames the snapshot apiVersion for a typed list', async () => {
    const got = await readSnapshot(
      stream(JSON.stringify(podList('default', 'a'))),
      {
        source: 'pods.json',
        collectedAt: '2026-11-20T10:00:00.000Z',
      },
    );
    expect(got.collectedAt).toBe('2026-11-20T10:00:00.000Z');
    expect(got.resources.pods.items).toHaveLength(1);
  });

  it('reads a directory recursively (the cluster-info dump layout), skipping logs in one line', async () => {
    write('nodes.json', nodeList);
    write('default/pods.json', podList('default', 'a'));
    write('default/events.json', {
      kind: 'EventList',
      apiVersion: 'v1',
      items: [],
    });
    write('default/a/logs.txt', 'log line\n');
    write('kube-system/pods.json', podList('kube-system', 'b', 'c'));
    write('kube-system/limitranges.yaml', stringify(emptyLimitRanges));
    const notices: string[] = [];
    const got = await readSnapshot(join(dir), {
      onNotice: m => notices.push(m),
      clusterName: 'eks-1',
    });
    expect(got.cluster.name).toBe('eks-1');
    expect(Object.keys(got.resources).sort()).toEqual([
      'limitranges',
      'nodes',
      'pods',
    ]);
    expect(got.resources.pods.items).toHaveLength(3);
    expect(notices).toEqual([
      `${dir}: skipped 1 file that hold no Kubernetes lists or objects (logs, host files, discovery): default/a/logs.txt`,
    ]);
  });

  it('names the file of a directory that looks like cluster data but does not parse', async () => {
    write('nodes.json', nodeList);
    write('kube-system/pods.json', '{"kind": "PodList", "items": [');
    await expect(readSnapshot(dir)).rejects.toThrow(
      `${dir}: kube-system/pods.json: not valid JSON at byte 30: unexpected end of input`,
    );
  });

  it('rejects a directory without any Kubernetes data', async () => {
    write('a.log', 'x');
    await expect(readSnapshot(dir)).rejects.toThrow(
      `${dir}: found no ClusterSnapshot, kubectl List, typed list (NodeList, PodList, …) or Kubernetes object`,
    );
  });

  it('reads a ClusterSnapshot written as YAML', async () => {
    const snapshot = {
      apiVersion: 'cluster-readiness/v1alpha1',
      kind: 'ClusterSnapshot',
      collectedAt: '2026-11-20T10:00:00Z',
      cluster: { name: 'yaml-1' },
      resources: {
        nodes: { items: [node('n-1', '2026-11-20T09:00:00Z')] },
        'clusterrolebindings.rbac.authorization.k8s.io': {
          error: { code: 403, reason: 'Forbidden', message: 'denied' },
        },
      },
    };
    const got = await readSnapshot(stream(stringify(snapshot)), {
      source: 'snap.yaml',
    });
    expect(got.cluster.name).toBe('yaml-1');
    expect(got.resources.nodes.items).toHaveLength(1);
    expect(
      got.resources['clusterrolebindings.rbac.authorization.k8s.io'].error
        ?.code,
    ).toBe(403);
  });

  it('drops Secrets, and in a directory a generic List collects only the kinds it holds', async () => {
    write('all.json', {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        pod('a', 'default'),
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 's', namespace: 'default' },
          data: { token: 'c2VjcmV0' },
        },
      ],
    });
    write('secrets.json', { apiVersion: 'v1', kind: 'SecretList', items: [] });
    const got = await readSnapshot(dir, {
      collectedAt: '2026-11-20T10:00:00Z',
    });
    expect(Object.keys(got.resources)).toEqual(['pods']);
    expect(JSON.stringify(got)).not.toContain('c2VjcmV0');
  });

  it('a single object makes its key collected with that object', async () => {
    write(
      'apiserver.yaml',
      stringify({
        apiVersion: 'config.openshift.io/v1',
        kind: 'APIServer',
        metadata: {
          name: 'cluster',
          creationTimestamp: '2026-11-01T00:00:00Z',
        },
        spec: { audit: { profile: 'Default' } },
      }),
    );
    write('nodes.json', nodeList);
    const got = await readSnapshot(dir);
    expect(got.resources['apiservers.config.openshift.io'].items).toHaveLength(
      1,
    );
    expect(Object.keys(got.resources).sort()).toEqual([
      'apiservers.config.openshift.io',
      'nodes',
    ]);
  });

  describe('support bundles', () => {
    function bundleTree(root: string) {
      write(
        `${root}/version.yaml`,
        'apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundleVersion\n',
      );
      write(`${root}/analysis.json`, '[{"name": "x"}]');
      write(`${root}/cluster-info/cluster_version.json`, {
        info: { major: '1', minor: '24', gitVersion: 'v1.24.4+k3s1' },
        string: 'v1.24.4+k3s1',
      });
      write(`${root}/cluster-resources/groups.json`, [
        { name: '', versions: [{ groupVersion: 'v1', version: 'v1' }] },
        {
          name: 'apps',
          versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
        },
      ]);
      write(`${root}/cluster-resources/nodes.json`, nodeList);
      write(
        `${root}/cluster-resources/pods/default.json`,
        podList('default', 'a'),
      );
      write(`${root}/cluster-resources/pods/logs/default/a/c.log`, 'log');
      write(
        `${root}/cluster-resources/limitranges/default.json`,
        emptyLimitRanges,
      );
      write(`${root}/cluster-resources/auth-cani-list/default.json`, {
        status: {},
      });
      // Outside cluster-resources: a run collector's pod is not the cluster's list.
      write(`${root}/run-example/run-example.json`, pod('run', 'default'));
    }

    function expectBundle(got: Awaited<ReturnType<typeof readSnapshot>>) {
      expect(got.serverVersion).toEqual({
        major: '1',
        minor: '24',
        gitVersion: 'v1.24.4+k3s1',
      });
      expect(got.apiGroupVersions).toEqual(['v1', 'apps/v1']);
      expect(Object.keys(got.resources).sort()).toEqual([
        'limitranges',
        'nodes',
        'pods',
      ]);
      expect(got.resources.pods.items?.map(p => p.metadata?.name)).toEqual([
        'a',
      ]);
    }

    async function pack(root: string, name: string): Promise<string> {
      const file = join(dir, name);
      await createTar({ gzip: true, file, cwd: dir }, [root]);
      return file;
    }

    it('reads a .tar.gz support bundle from its cluster-resources tree', async () => {
      bundleTree('support-bundle');
      const file = await pack('support-bundle', 'bundle.tar.gz');
      const notices: string[] = [];
      const got = await readSnapshot(file, { onNotice: m => notices.push(m) });
      expectBundle(got);
      expect(got.cluster.name).toBe('bundle');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        /bundle\.tar\.gz: skipped 5 files that hold no Kubernetes lists or objects/,
      );
      expect(notices[0]).toContain(
        'support-bundle/cluster-resources/pods/logs/default/a/c.log',
      );
    });

    it('reads the same bundle from a stream (gzip detected) and unpacked as a directory', async () => {
      bundleTree('support-bundle');
      const file = await pack('support-bundle', 'bundle.tar.gz');
      const fromStream = await readSnapshot(createReadStream(file), {
        source: 'stdin',
      });
      expectBundle(fromStream);
      expect(fromStream.cluster.name).toBe('stdin');
      const unpacked = await readSnapshot(join(dir, 'support-bundle'));
      expectBundle(unpacked);
      expect(unpacked.cluster.name).toBe('support-bundle');
    });

    it('reads every item of a large last member, streamed in many chunks', async () => {
      const names = Array.from({ length: 3000 }, (_, i) => `p-${i}`);
      write('big/cluster-resources/nodes.json', nodeList);
      write(
        'big/cluster-resources/pods/default.json',
        podList('default', ...names),
      );
      const file = await pack('big', 'big.tar.gz');
      const got = await readSnapshot(file);
      expect(got.resources.pods.items).toHaveLength(3000);
      expect(got.resources.pods.items?.[2999].metadata?.name).toBe('p-2999');
    });

    it('names the bundle and the member that does not parse', async () => {
      bundleTree('sb');
      write(
        'sb/cluster-resources/nodes.json',
        '{"kind": "NodeList", "items": [}',
      );
      const file = await pack('sb', 'broken.tgz');
      await expect(readSnapshot(file)).rejects.toThrow(
        `${file}: sb/cluster-resources/nodes.json: not valid JSON at byte 31: `,
      );
    });

    it('rejects a file that is not an archive, in one line', async () => {
      const file = write('fake.tar.gz', 'not a tarball');
      await expect(readSnapshot(file)).rejects.toThrow(
        new RegExp(
          `^${file.replace(
            /[.*+?^${}()|[\]\\]/g,
            '\\$&',
          )}: not a readable \\.tar\\.gz support bundle: [^\\n]+$`,
        ),
      );
    });
  });
});
