import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { RESOURCE_TYPES } from '@cluster-readiness/backstage-plugin-common';

/*
 * deploy/reader-rbac.yaml must let the collector's service account read every
 * resource of RESOURCE_TYPES (list, or get by name), and nothing more: no secrets,
 * no wildcard, no verb but get and list, and what is read in one namespace granted in
 * that namespace only.
 */

const FILE = resolve(__dirname, '../../../../deploy/reader-rbac.yaml');
const SA = { name: 'cluster-readiness-reader', namespace: 'cluster-readiness' };

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

const docs = parseAllDocuments(readFileSync(FILE, 'utf8')).map(
  d => d.toJS() as any,
);

function find(kind: string, name: string, namespace?: string) {
  return docs.find(
    d =>
      d.kind === kind &&
      d.metadata?.name === name &&
      (namespace === undefined || d.metadata?.namespace === namespace),
  );
}

function boundToSa(binding: any): boolean {
  return (binding.subjects ?? []).some(
    (s: any) =>
      s.kind === 'ServiceAccount' &&
      s.name === SA.name &&
      s.namespace === SA.namespace,
  );
}

/** Rules granted to the service account: cluster-wide, and per namespace. */
function grants() {
  const cluster: Rule[] = [];
  const namespaced = new Map<string, Rule[]>();
  for (const binding of docs.filter(
    d => d.kind === 'ClusterRoleBinding' && boundToSa(d),
  )) {
    expect(binding.roleRef.kind).toBe('ClusterRole');
    cluster.push(...find('ClusterRole', binding.roleRef.name).rules);
  }
  for (const binding of docs.filter(
    d => d.kind === 'RoleBinding' && boundToSa(d),
  )) {
    const ns = binding.metadata.namespace;
    const role =
      binding.roleRef.kind === 'Role'
        ? find('Role', binding.roleRef.name, ns)
        : find('ClusterRole', binding.roleRef.name);
    namespaced.set(ns, [...(namespaced.get(ns) ?? []), ...role.rules]);
  }
  return { cluster, namespaced };
}

function allows(
  rules: Rule[],
  group: string,
  resource: string,
  verb: string,
  name?: string,
) {
  return rules.some(
    r =>
      (r.apiGroups ?? []).includes(group) &&
      (r.resources ?? []).includes(resource) &&
      r.verbs.includes(verb) &&
      (!r.resourceNames?.length ||
        (name !== undefined && r.resourceNames.includes(name))),
  );
}

describe('deploy/reader-rbac.yaml', () => {
  const { cluster, namespaced } = grants();
  const everyRule = [
    ...docs
      .filter(d => d.kind === 'ClusterRole' || d.kind === 'Role')
      .flatMap(d => d.rules as Rule[]),
  ];

  it('has the service account, its namespace and a long-lived token Secret', () => {
    expect(find('Namespace', SA.namespace)).toBeDefined();
    expect(find('ServiceAccount', SA.name, SA.namespace)).toBeDefined();
    const secret = docs.find(d => d.kind === 'Secret');
    expect(secret.type).toBe('kubernetes.io/service-account-token');
    expect(secret.metadata.namespace).toBe(SA.namespace);
    expect(
      secret.metadata.annotations['kubernetes.io/service-account.name'],
    ).toBe(SA.name);
  });

  it.each(RESOURCE_TYPES.map(t => [t.key, t] as const))(
    'grants what the collector reads: %s',
    (_key, type) => {
      const verb = type.names ? 'get' : 'list';
      const where = type.namespace
        ? [...cluster, ...(namespaced.get(type.namespace) ?? [])]
        : cluster;
      for (const name of type.names ?? [undefined]) {
        expect(allows(where, type.group, type.plural, verb, name)).toBe(true);
      }
    },
  );

  it('grants what is read in one namespace in that namespace only', () => {
    for (const type of RESOURCE_TYPES.filter(t => t.namespace)) {
      expect(allows(cluster, type.group, type.plural, 'list')).toBe(false);
      for (const name of type.names ?? [undefined]) {
        expect(allows(cluster, type.group, type.plural, 'get', name)).toBe(
          false,
        );
        const elsewhere = [...namespaced].filter(
          ([ns]) => ns !== type.namespace,
        );
        expect(
          elsewhere.filter(([, rules]) =>
            allows(rules, type.group, type.plural, 'get', name),
          ),
        ).toEqual([]);
      }
    }
  });

  it('grants discovery and /version', () => {
    const urls = cluster.flatMap(r =>
      r.verbs.includes('get') ? r.nonResourceURLs ?? [] : [],
    );
    expect(urls).toEqual(
      expect.arrayContaining([
        '/version',
        '/api',
        '/api/*',
        '/apis',
        '/apis/*',
      ]),
    );
  });

  it('grants nothing else: no secrets, no wildcard, only get and list', () => {
    const known = new Set(RESOURCE_TYPES.map(t => `${t.group}/${t.plural}`));
    for (const rule of everyRule) {
      expect(rule.verbs.every(v => v === 'get' || v === 'list')).toBe(true);
      expect(rule.verbs).not.toContain('*');
      expect(rule.resources ?? []).not.toContain('secrets');
      expect(rule.resources ?? []).not.toContain('*');
      expect(rule.apiGroups ?? []).not.toContain('*');
      for (const group of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          expect(resource).not.toMatch(/\//); // no subresources (pods/exec, pods/log, nodes/proxy)
          expect(
            known.has(`${group}/${resource}`)
              ? `${group}/${resource}`
              : `extra: ${group}/${resource}`,
          ).toBe(`${group}/${resource}`);
        }
      }
    }
  });
});
