import { SnapshotIndex } from '../../engine/SnapshotIndex';
import { mirrorPod, snapshot } from '../../__testUtils__/factories';
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
