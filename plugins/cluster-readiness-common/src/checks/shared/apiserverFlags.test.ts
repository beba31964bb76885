import { SnapshotIndex } from '../../engine/SnapshotIndex';
import { mirrorPod, snapshot } from '../../__testUtils__/factories';
import {
  K3S_VERSION,
  k3sAgent,
  k3sCluster,
  openshiftApiServerConfig,
  openshiftCluster,
} from '../../__testUtils__/distributionFactories';
import { DISTRIBUTION_FLAG_DEFAULTS } from '../../engine/distributionDefaults';
import {
  apiserverFlags,
  flagList,
  flagSet,
  whyNoApiserverFlags,
} from './apiserverFlags';

describe('shared kube-apiserver flag readers', () => {
  it('reads the flags of every kube-apiserver mirror pod', () => {
    const index = new SnapshotIndex(
      snapshot({
        pods: [
          mirrorPod('kube-apiserver', 'cp-1', { 'audit-log-path': '-' }),
          mirrorPod('kube-apiserver', 'cp-2', { 'audit-log-path': '' }),
          mirrorPod('etcd', 'cp-1'),
        ],
      }),
    );
    const servers = apiserverFlags(index);
    expect(servers.map(s => s.ref)).toEqual([
      'Pod/kube-system/kube-apiserver-cp-1',
      'Pod/kube-system/kube-apiserver-cp-2',
    ]);
    expect(servers.map(s => s.pod?.metadata?.name)).toEqual([
      'kube-apiserver-cp-1',
      'kube-apiserver-cp-2',
    ]);
    expect(servers.map(s => flagSet(s.flags, 'audit-log-path'))).toEqual([
      true,
      false,
    ]);
    expect(flagSet(servers[0].flags, 'audit-policy-file')).toBe(false);
  });

  it('says why no flags can be read', () => {
    expect(whyNoApiserverFlags(new SnapshotIndex(snapshot({})))).toBe(
      'pods were not collected (kube-apiserver mirror pods would decide)',
    );
    expect(
      whyNoApiserverFlags(new SnapshotIndex(snapshot({ pods: [], nodes: [] }))),
    ).toBe('no kube-apiserver mirror pod is visible in kube-system');
  });

  it('splits comma-separated flag values', () => {
    expect(flagList(undefined)).toEqual([]);
    expect(flagList(' Node, RBAC,,')).toEqual(['Node', 'RBAC']);
  });
});

describe('kube-apiserver flag sources (v2)', () => {
  it('reads k3s server node-args, applying the documented k3s defaults', () => {
    const index = new SnapshotIndex(
      k3sCluster(['--kube-apiserver-arg', 'audit-log-path=/var/log/a.log']),
    );
    const [server, ...rest] = apiserverFlags(index);
    expect(rest).toHaveLength(0); // agents are not API servers
    expect(server.source).toBe('k3s node-args');
    expect(server.flags.get('audit-log-path')).toBe('/var/log/a.log');
    expect(server.flags.get('anonymous-auth')).toBe('false'); // k3s default
    expect(server.knows('encryption-provider-config')).toBe(true); // default: not set
    expect(server.flags.has('encryption-provider-config')).toBe(false);
    expect(server.knows('oidc-issuer-url')).toBe(false); // no row in the table
    expect(server.origin('anonymous-auth')).toMatch(
      /^k3s default for --anonymous-auth: false \(https:\/\/docs\.k3s\.io\//,
    );
    expect(server.origin('audit-log-path')).toBe(
      'Node/server-1 annotation k3s.io/node-args --kube-apiserver-arg audit-log-path',
    );
  });

  it('gives every row of the defaults table a documentation link', () => {
    for (const rows of Object.values(DISTRIBUTION_FLAG_DEFAULTS)) {
      for (const row of rows) expect(row.docs).toMatch(/^https:\/\/docs\./);
    }
  });

  it('prefers mirror pods over node-args', () => {
    const snap = k3sCluster();
    (snap.resources.pods as { items: unknown[] }).items.push(
      mirrorPod('kube-apiserver', 'server-1'),
    );
    expect(apiserverFlags(new SnapshotIndex(snap))[0].source).toBe(
      'mirror pod',
    );
  });

  it('reads OpenShift config objects as flag equivalents', () => {
    const index = new SnapshotIndex(
      openshiftCluster({
        apiServer: openshiftApiServerConfig({
          encryption: { type: 'aesgcm' },
          audit: { profile: 'None' },
        }),
      }),
    );
    const [config] = apiserverFlags(index);
    expect(config.source).toBe('OpenShift config');
    expect(flagSet(config.flags, 'encryption-provider-config')).toBe(true);
    expect(flagSet(config.flags, 'audit-log-path')).toBe(false);
    expect(config.knows('audit-log-path')).toBe(true);
    expect(config.knows('anonymous-auth')).toBe(false);
    expect(flagSet(config.flags, 'oidc-issuer-url')).toBe(true);
  });

  it('names the source that would decide', () => {
    expect(
      whyNoApiserverFlags(
        new SnapshotIndex(
          snapshot({ nodes: [k3sAgent('a1')] }, { serverVersion: K3S_VERSION }),
        ),
      ),
    ).toBe('no k3s server node carries k3s.io/node-args');
    expect(
      whyNoApiserverFlags(
        new SnapshotIndex(
          openshiftCluster({ apiServer: null, authentication: null }),
        ),
      ),
    ).toContain("OpenShift's config would decide");
  });
});
