import type { CheckOutcome, ReadinessCheck } from '../ReadinessCheck';
import {
  etcdServerUrls,
  isLoopback,
  podRef,
  urlHost,
} from './controlPlaneHelpers';

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
    'etcd needs a majority of its members to accept writes: 3 members survive one failure, 5 survive two, and an even count adds a member to the quorum without adding tolerance. Members are the etcd mirror pods (kube-system, component=etcd); when there are none, the distinct URLs of --etcd-servers over all kube-apiserver mirror pods. When there are neither etcd mirror pods nor --etcd-servers flags, or every URL is a loopback address (each API server talks to an etcd on its own host that kubelet does not run, so the URLs say nothing about the member count), the result is unknown.',
  rule: 'Members = etcd mirror pods; if none, the URLs in kube-apiserver --etcd-servers. Odd and ≥3 pass; even and ≥4 warn; 1 or 2 fail. unknown: no member visible, or only loopback URLs.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/',
  reads: ['pods'],
  evaluate({ index }) {
    const etcdPods = index.mirrorPods('etcd');
    if (etcdPods.length) {
      return judge(
        etcdPods.length,
        'etcd mirror pods',
        etcdPods.map(p => `${podRef(p)} .metadata.labels.component`),
      );
    }
    const { urls, evidence } = etcdServerUrls(index);
    if (!urls.length) {
      return {
        status: 'unknown',
        message:
          'No etcd mirror pod and no kube-apiserver --etcd-servers flag is visible, so the etcd members cannot be counted; check the etcd cluster with etcdctl member list.',
        evidence,
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
