import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshot } from './readSnapshot';

const snapshotDoc = {
  apiVersion: 'cluster-readiness/v1alpha1',
  kind: 'ClusterSnapshot',
  collectedAt: '2026-11-20T10:00:00Z',
  cluster: { name: 'prod-eu-1', server: 'https://api.example.com:6443' },
  serverVersion: { major: '1', minor: '34', gitVersion: 'v1.34.2' },
  extraField: { ignored: [1, 2, { deep: '}]"\\' }] },
  resources: {
    nodes: {
      items: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'n-1', labels: { 'weird"key': 'va}l]ue\\' } },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        },
        { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n-2 é ✓' } },
      ],
    },
    pods: { items: [] },
    'clusterrolebindings.rbac.authorization.k8s.io': {
      error: { code: 403, reason: 'Forbidden', message: 'denied' },
    },
  },
};

function chunked(text: string, sizes: () => number): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = Math.max(1, sizes());
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  return Readable.from(chunks);
}

describe('readSnapshot', () => {
  it('reads a snapshot identically whatever the chunk boundaries', async () => {
    const text = JSON.stringify(snapshotDoc, null, 2);
    const expected = await readSnapshot(Readable.from([Buffer.from(text)]), {
      trim: false,
    });
    expect(expected.resources.nodes.items).toEqual(
      snapshotDoc.resources.nodes.items,
    );
    expect(expected.cluster.name).toBe('prod-eu-1');
    expect(
      expected.resources['clusterrolebindings.rbac.authorization.k8s.io'],
    ).toEqual(
      snapshotDoc.resources['clusterrolebindings.rbac.authorization.k8s.io'],
    );
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (const max of [1, 2, 3, 7, 64]) {
      const got = await readSnapshot(
        chunked(text, () => 1 + (random() % max)),
        {
          trim: false,
        },
      );
      expect(got).toEqual(expected);
    }
  });

  it('trims identically whatever the chunk boundaries, skipping managedFields and annotations', async () => {
    const doc = JSON.parse(JSON.stringify(snapshotDoc));
    doc.resources.nodes.items[0].metadata.managedFields = [
      { manager: 'kubelet', fieldsV1: { 'f:status': { 'f:conditions': {} } } },
    ];
    doc.resources.nodes.items[0].metadata.annotations = { 'a"}': 'b]\\' };
    doc.resources.nodes.items[0].metadata.labels.annotations = 'kept';
    const text = JSON.stringify(doc, null, 1);
    const whole = await readSnapshot(Readable.from([Buffer.from(text)]));
    const meta = whole.resources.nodes.items?.[0].metadata;
    expect(meta).not.toHaveProperty('managedFields');
    expect(meta).not.toHaveProperty('annotations');
    expect(meta?.labels?.annotations).toBe('kept');
    expect(whole.resources.nodes.items?.[0].status?.conditions).toEqual([
      { type: 'Ready', status: 'True' },
    ]);
    for (const size of [1, 2, 5, 13]) {
      const got = await readSnapshot(chunked(text, () => size));
      expect(got).toEqual(whole);
    }
  });

  it('trims objects to the fields the checks read', async () => {
    const got = await readSnapshot(
      Readable.from([Buffer.from(JSON.stringify(snapshotDoc))]),
    );
    expect(got.resources.nodes.items?.[0]).not.toHaveProperty('extra');
    expect(got.resources.nodes.items?.[0].metadata?.name).toBe('n-1');
  });

  it('reads a kubectl List into resource keys and dates it from the items', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'n-1', creationTimestamp: '2026-01-01T00:00:00Z' },
          status: {
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                lastHeartbeatTime: '2026-11-20T09:59:30Z',
              },
            ],
          },
        },
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'coredns', namespace: 'kube-system' },
        },
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: 'elsewhere', namespace: 'default' },
        },
        {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
        },
      ],
    };
    const got = await readSnapshot(
      Readable.from([Buffer.from(JSON.stringify(list))]),
      { source: 'cluster.json' },
    );
    expect(got.collectedAt).toBe('2026-11-20T09:59:30.000Z');
    expect(got.cluster.name).toBe('cluster');
    expect(got.resources.nodes.items).toHaveLength(1);
    expect(
      got.resources['horizontalpodautoscalers.autoscaling'].items,
    ).toHaveLength(1);
    // Out of scope (leases are read in kube-system only) and unknown kinds are dropped.
    expect(got.resources['leases.coordination.k8s.io'].items).toEqual([]);
    // Every documented key counts as collected, optional CRDs do not.
    expect(got.resources.limitranges).toEqual({ items: [] });
    expect(got.resources['nodepools.karpenter.sh']).toBeUndefined();
  });

  it.each([
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot"',
      'bad.json: not valid JSON at byte 70: unexpected end of input',
    ],
    ['', 'bad.json: not valid JSON at byte 0: the input is empty'],
    [
      '[1,2]',
      'bad.json: expected a ClusterSnapshot, a kubectl List, a typed list (NodeList, PodList, …) or a Kubernetes object',
    ],
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot", "cluster": {"name": "x"}, "resources": {}}',
      'bad.json: collectedAt: is required (expected a string)',
    ],
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot", "collectedAt": "yesterday", "cluster": {"name": "x"}, "resources": {}}',
      'bad.json: collectedAt: expected an ISO 8601 date-time with a time zone (2024-05-01T12:00:00Z), got "yesterday"',
    ],
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot", "collectedAt": "2026-11-20T10:00:00Z", "cluster": {}, "resources": {}}',
      'bad.json: cluster.name: is required (expected a string)',
    ],
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot", "collectedAt": "2026-11-20T10:00:00Z", "cluster": {"name": "x"}}',
      'bad.json: resources: is required (expected object)',
    ],
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot", "collectedAt": "2026-11-20T10:00:00Z", "cluster": {"name": "x"}, "resources": {"pods": {"items": [1]}}}',
      'bad.json: resources.pods.items[0]: expected an object',
    ],
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot", "collectedAt": "2026-11-20T10:00:00Z", "cluster": {"name": "x"}, "resources": {"pods": {"error": {"code": "x"}}}}',
      'bad.json: resources.pods.error.code: expected a number, got a string',
    ],
    [
      '{"apiVersion": "cluster-readiness/v1alpha1", "kind": "ClusterSnapshot", "collectedAt": "2026-11-20T10:00:00Z", "cluster": {"name": "x"}, "resources": {"pods": []}}',
      'bad.json: resources.pods: expected { "items": [...] } or { "error": { "code", "reason", "message" } }',
    ],
    ['{"a": 1,}', 'bad.json: not valid JSON at byte 8: trailing comma'],
    [
      '{"a": 1}',
      'bad.json: expected a ClusterSnapshot, a kubectl List, a typed list (NodeList, PodList, …) or a Kubernetes object',
    ],
    [
      '{"kind": "NodeList", "apiVersion": "v1", "items": []} x',
      'bad.json: not valid JSON at byte 54: unexpected data after the document',
    ],
  ])('rejects %s with one line', async (text, message) => {
    await expect(
      readSnapshot(Readable.from([Buffer.from(text)]), { source: 'bad.json' }),
    ).rejects.toThrow(message);
  });

  it('names a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cr-'));
    await expect(readSnapshot(join(dir, 'nope.json'))).rejects.toThrow(
      `${join(dir, 'nope.json')}: no such file`,
    );
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(snapshotDoc));
    const got = await readSnapshot(join(dir, 'ok.json'));
    expect(got.resources.nodes.items).toHaveLength(2);
  });

  describe('checks the JSON type of every field a check reads, as it reads', () => {
    const withNodes = (items: unknown[]) =>
      Readable.from([
        Buffer.from(
          JSON.stringify({
            ...snapshotDoc,
            resources: { ...snapshotDoc.resources, nodes: { items } },
          }),
        ),
      ]);

    it('names the object and field of a wrong type', async () => {
      await expect(
        readSnapshot(
          withNodes([
            {
              kind: 'Node',
              metadata: { name: 'cp-1' },
              status: { conditions: 'Ready' },
            },
          ]),
          { source: 'dump.json' },
        ),
      ).rejects.toThrow(
        'dump.json: Node/cp-1 .status.conditions: expected a list, got a string',
      );
    });

    it('rejects an object without usable metadata by its position', async () => {
      await expect(
        readSnapshot(withNodes([{ kind: 'Node' }]), { source: 'dump.json' }),
      ).rejects.toThrow(
        'dump.json: Node at resources.nodes.items[0] .metadata: is required (expected an object)',
      );
    });

    it('checks kubectl List items too', async () => {
      const list = {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRoleBinding',
            metadata: { name: 'everyone' },
            subjects: 'all',
            roleRef: { kind: 'ClusterRole', name: 'view' },
          },
        ],
      };
      await expect(
        readSnapshot(Readable.from([Buffer.from(JSON.stringify(list))]), {
          source: 'list.json',
          collectedAt: '2026-11-20T10:00:00Z',
        }),
      ).rejects.toThrow(
        'list.json: ClusterRoleBinding/everyone .subjects: expected a list, got a string',
      );
    });
  });
});
