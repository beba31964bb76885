import { parseClusterSnapshot } from './ClusterSnapshot';
import { checkItem, describeItemProblem, validateItem } from './itemSchemas';

const node = (over: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'cp-1', labels: { a: 'b' } },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
  ...over,
});

function snapshotWith(key: string, items: unknown[]) {
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2024-05-01T12:00:00Z',
    cluster: { name: 'c' },
    resources: { [key]: { items } },
  };
}

function problem(key: string, item: unknown): string | undefined {
  const p = checkItem(key, item, `resources.${key}.items[0]`);
  return p && describeItemProblem(p);
}

describe('checkItem', () => {
  it('accepts real-looking objects, unknown fields and nulls the API writes', () => {
    expect(
      problem('nodes', node({ extra: { anything: [1] } })),
    ).toBeUndefined();
    expect(
      problem('clusterroles.rbac.authorization.k8s.io', {
        metadata: { name: 'agg', creationTimestamp: null },
        rules: null,
      }),
    ).toBeUndefined();
  });

  it('names the object and the field of a wrong JSON type', () => {
    expect(problem('nodes', node({ status: { conditions: 'Ready' } }))).toBe(
      'Node/cp-1 .status.conditions: expected a list, got a string',
    );
    expect(
      problem('pods', {
        metadata: { name: 'web-0', namespace: 'shop' },
        spec: { containers: [{ name: 'a', resources: { limits: [] } }] },
      }),
    ).toBe(
      'Pod/shop/web-0 .spec.containers[0].resources.limits: expected an object (key → value), got an array',
    );
    expect(
      problem('deployments.apps', {
        metadata: { name: 'web', namespace: 'shop' },
        spec: { replicas: 'three' },
      }),
    ).toBe(
      'Deployment/shop/web .spec.replicas: expected a number, got a string',
    );
    expect(
      problem('clusterrolebindings.rbac.authorization.k8s.io', {
        metadata: { name: 'all' },
        subjects: 'all',
        roleRef: { kind: 'ClusterRole', name: 'x' },
      }),
    ).toBe('ClusterRoleBinding/all .subjects: expected a list, got a string');
    expect(
      problem('nodes', node({ metadata: { name: 'n', labels: ['a'] } })),
    ).toBe(
      'Node/n .metadata.labels: expected an object (key → value), got an array',
    );
  });

  it('rejects a binding without roleRef', () => {
    expect(
      problem('rolebindings.rbac.authorization.k8s.io', {
        metadata: { name: 'b', namespace: 'ns' },
        subjects: [],
      }),
    ).toBe('RoleBinding/ns/b .roleRef: is required (expected an object)');
  });

  it('rejects objects without an object metadata or a string name, by position', () => {
    expect(problem('nodes', { kind: 'Node' })).toBe(
      'Node at resources.nodes.items[0] .metadata: is required (expected an object)',
    );
    expect(problem('pods', { metadata: 'web-0' })).toBe(
      'Pod at resources.pods.items[0] .metadata: expected an object, got a string',
    );
    expect(problem('nodes', node({ metadata: { name: 12 } }))).toBe(
      'Node at resources.nodes.items[0] .metadata.name: expected a string, got a number',
    );
    expect(problem('nodes', [])).toBe(
      'Node at resources.nodes.items[0]: expected an object, got an array',
    );
  });

  it('leaves keys that no check reads alone', () => {
    expect(problem('widgets.example.com', { metadata: 'x' })).toBeUndefined();
  });

  it('validateItem throws one line naming the source', () => {
    expect(() =>
      validateItem(
        'nodes',
        node({ status: { conditions: 'Ready' } }),
        'dump.json',
        'items[3]',
      ),
    ).toThrow(
      'dump.json: Node/cp-1 .status.conditions: expected a list, got a string',
    );
  });
});

describe('parseClusterSnapshot messages', () => {
  it('says what was expected and what came', () => {
    expect(() => parseClusterSnapshot([])).toThrow(
      'snapshot: expected an object, got an array',
    );
    expect(() =>
      parseClusterSnapshot({ ...snapshotWith('nodes', []), resources: [] }),
    ).toThrow(
      'snapshot: resources: expected an object (resource key → list), got an array',
    );
    expect(() =>
      parseClusterSnapshot({ ...snapshotWith('nodes', []), cluster: 'c' }),
    ).toThrow('snapshot: cluster: expected an object, got a string');
    expect(() =>
      parseClusterSnapshot({ ...snapshotWith('nodes', []), kind: 'Other' }),
    ).toThrow('snapshot: kind: expected "ClusterSnapshot", got "Other"');
    expect(() =>
      parseClusterSnapshot({
        ...snapshotWith('nodes', []),
        collectedAt: 'yesterday',
      }),
    ).toThrow(
      'snapshot: collectedAt: expected an ISO 8601 date-time with a time zone (2024-05-01T12:00:00Z), got "yesterday"',
    );
    expect(() =>
      parseClusterSnapshot({
        ...snapshotWith('nodes', []),
        resources: { nodes: [] },
      }),
    ).toThrow(
      'snapshot: resources.nodes: expected { "items": [...] } or { "error": { "code", "reason", "message" } }, got an array',
    );
  });

  it('checks every item, naming the object and field', () => {
    expect(() =>
      parseClusterSnapshot(
        snapshotWith('nodes', [
          node(),
          node({ status: { conditions: 'Ready' } }),
        ]),
        'push',
      ),
    ).toThrow(
      'push: Node/cp-1 .status.conditions: expected a list, got a string',
    );
  });

  it('never echoes more than a short scalar of the input', () => {
    const secret = `token-${'x'.repeat(5000)}`;
    let message = '';
    try {
      parseClusterSnapshot({ ...snapshotWith('nodes', []), kind: secret });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^snapshot: kind: expected "ClusterSnapshot", got "token-x+…"$/,
    );
    expect(message.length).toBeLessThan(120);
    expect(() =>
      parseClusterSnapshot({
        ...snapshotWith('nodes', []),
        kind: 'a\nb\u0000',
      }),
    ).toThrow('snapshot: kind: expected "ClusterSnapshot", got "a\\nb\\u0000"');
  });
});
