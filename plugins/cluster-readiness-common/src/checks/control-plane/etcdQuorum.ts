import type { CheckOutcome, ReadinessCheck } from '../ReadinessCheck';
import { requiredGrant } from '../../snapshot/resources';
import { etcdMembers, isLoopback, urlHost } from './controlPlaneHelpers';

function judge(
  count: number,
  source: string,
  evidence: string[],
): CheckOutcome {
  const what = `${count} etcd member(s) (${source})`;
  if (count >= 3 && count % 2 === 1) {
    return {
      status: 'pass',
      message: `${what}: quorum survives ${(count - 1) / 2} member failure(s).`,
      evidence,
    };
  }
  if (count >= 4) {
    return {
      status: 'warn',
      message: `${what}: ${count} members tolerate ${
        count / 2 - 1
      } failure(s), no more than ${
        count - 1
      } would, with a larger quorum; run ${count - 1} or ${count + 1} members.`,
      evidence,
    };
  }
  return {
    status: 'fail',
    message: `${what}: losing one member loses quorum and the cluster API; run 3 (or 5) etcd members.`,
    evidence,
  };
}

/** `control-plane.etcd-quorum` @public */
export const etcdQuorum: ReadinessCheck = {
  id: 'control-plane.etcd-quorum',
  title: 'etcd runs an odd number of members, at least three',
  category: 'control-plane',
  severity: 'critical',
  controlPlane: true,
  description:
    'etcd needs a majority of its members to accept writes: 3 members survive one failure, 5 survive two, and an even count adds a member to the quorum without adding tolerance. Members come from the first source that exists (checks.md v2): etcd mirror pods (kube-system, component=etcd); pods in openshift-etcd labelled app=etcd; nodes labelled node-role.kubernetes.io/etcd (k3s/RKE2 embedded etcd); the distinct URLs of --etcd-servers over all kube-apiserver mirror pods. A k3s server whose node-args carry neither --cluster-init nor --server, with no etcd-role node, uses embedded SQLite: 0 members, fail. --datastore-endpoint means an external datastore (named without its credentials): unknown. When no source shows members, or every URL is a loopback address (etcd on each API server host outside kubelet), the result is unknown.',
  rule: 'Members = etcd members (mirror pods, openshift-etcd pods, etcd-role nodes, else --etcd-servers URLs). Odd and ≥3 pass; even and ≥4 warn; 0 (k3s embedded SQLite), 1 or 2 fail. unknown: external datastore, no member visible, or only loopback URLs.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/',
  reads: [],
  looksAt: ['pods', 'nodes'],
  evaluate({ index }) {
    const members = etcdMembers(index);
    switch (members.kind) {
      case 'members':
        return judge(members.count, members.source, members.evidence);
      case 'sqlite':
        return {
          status: 'fail',
          message:
            '0 etcd members: the k3s server uses its embedded SQLite datastore, and embedded SQLite cannot be replicated; losing this server loses the cluster state. Run 3 servers with embedded etcd (--cluster-init) or use an external datastore.',
          evidence: members.evidence,
        };
      case 'external-datastore':
        return {
          status: 'unknown',
          message: `The cluster keeps its state in an external datastore (${members.endpoint}), whose replication is not visible from the cluster; check it with the datastore's own tools.`,
          evidence: members.evidence,
        };
      default:
        break;
    }
    const { urls, evidence } = members;
    if (!urls.length) {
      const unread = ['pods', 'nodes'].filter(
        k => index.state(k) !== 'collected',
      );
      return {
        status: 'unknown',
        message: `No etcd member is visible (no etcd mirror pod, openshift-etcd pod, etcd-role node or kube-apiserver --etcd-servers flag${
          unread.length ? `; ${unread.join(' and ')} not read` : ''
        }), so the etcd members cannot be counted; check the etcd cluster with etcdctl member list.`,
        evidence,
        ...(unread.length
          ? { missingReads: unread.map(k => requiredGrant(k)) }
          : {}),
      };
    }
    if (urls.every(u => isLoopback(urlHost(u) ?? ''))) {
      return {
        status: 'unknown',
        message: `kube-apiserver reaches etcd on loopback (${urls.join(
          ', ',
        )}) and etcd runs outside kubelet, so its members cannot be counted; check them with etcdctl member list.`,
        evidence,
      };
    }
    return judge(urls.length, 'kube-apiserver --etcd-servers', evidence);
  },
};
