import type { ReadinessCheck } from '../ReadinessCheck';
import { requiredGrant } from '../../snapshot/resources';
import { apiserverFlags } from '../shared/apiserverFlags';
import {
  controlPlaneHosts,
  etcdMembers,
  etcdServerUrls,
  isLoopback,
  urlHost,
} from './controlPlaneHelpers';

/** `control-plane.etcd-topology` @public */
export const etcdTopology: ReadinessCheck = {
  id: 'control-plane.etcd-topology',
  title: 'etcd runs apart from the control-plane nodes',
  category: 'control-plane',
  severity: 'low',
  controlPlane: true,
  description:
    'With stacked etcd, each control-plane node runs an API server and an etcd member, so losing one host loses both and etcd competes with the API server for disk and memory; an external etcd cluster decouples them at the cost of more hosts. Control-plane nodes are the nodes with the control-plane role label plus those running a kube-apiserver mirror pod. etcd mirror pods (kube-system, component=etcd) on any such node mean stacked etcd; etcd mirror pods only on other nodes mean dedicated etcd hosts. Without etcd mirror pods, the --etcd-servers URLs of the kube-apiserver mirror pods decide: a loopback host, or a host that is a control-plane node address or name, an API server --advertise-address or its pod hostIP, means stacked etcd run outside kubelet; all other hosts mean external etcd. The same holds (v2) for OpenShift etcd pods (openshift-etcd, app=etcd) and k3s/RKE2 etcd-role nodes: on a control-plane node they are stacked. With embedded SQLite or an external datastore (k3s/RKE2 node-args) there is no etcd: not-applicable. With no source of etcd members the topology is unknown.',
  rule: 'pass: no etcd mirror pods and --etcd-servers points away from the control-plane nodes (external etcd), or etcd mirror pods only on non-control-plane nodes. warn: stacked etcd (etcd mirror pods, OpenShift etcd pods or k3s/RKE2 etcd-role nodes on control-plane nodes, or --etcd-servers on loopback or a control-plane node address). not-applicable: no etcd (embedded SQLite or another datastore). unknown: no source of etcd members visible.',
  remediation:
    'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/ha-topology/',
  reads: [],
  looksAt: ['pods', 'nodes'],
  evaluate({ index }) {
    const hosts = controlPlaneHosts(index);
    const hostNames = new Set(hosts.map(h => h.name));
    const members = etcdMembers(index);
    if (members.kind === 'sqlite' || members.kind === 'external-datastore') {
      return {
        status: 'not-applicable',
        message:
          members.kind === 'sqlite'
            ? 'No etcd: the k3s server keeps its state in embedded SQLite.'
            : `No etcd: the cluster keeps its state in an external datastore (${members.endpoint}).`,
        evidence: members.evidence,
      };
    }
    if (members.kind === 'members' && members.nodes) {
      const evidence = members.nodeEvidence ?? members.evidence;
      const stacked = members.nodes.filter(n => hostNames.has(n));
      if (stacked.length) {
        return {
          status: 'warn',
          message: `Stacked etcd (${
            members.source
          }): etcd runs on control-plane node(s) ${stacked.join(
            ', ',
          )}, so one host failure costs an API server and an etcd member; consider an external etcd cluster for large or critical clusters.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        message: `etcd runs on dedicated nodes (${members.nodes.join(
          ', ',
        )}), apart from the control-plane nodes.`,
        evidence,
      };
    }

    const { urls, evidence } = etcdServerUrls(index);
    if (!urls.length) {
      const unread = ['pods', 'nodes'].filter(
        k => index.state(k) !== 'collected',
      );
      return {
        status: 'unknown',
        message: `No etcd member is visible (no etcd mirror pod, openshift-etcd pod, etcd-role node or kube-apiserver --etcd-servers flag${
          unread.length ? `; ${unread.join(' and ')} not read` : ''
        }), so the etcd topology cannot be told.`,
        evidence,
        ...(unread.length ? { missingReads: unread.map(requiredGrant) } : {}),
      };
    }
    const cpAddresses = new Map<string, string>();
    for (const { name, node } of hosts) {
      cpAddresses.set(name.toLowerCase(), `Node/${name} .metadata.name`);
      for (const a of node?.status?.addresses ?? []) {
        if (a.address) {
          cpAddresses.set(
            a.address.toLowerCase(),
            `Node/${name} .status.addresses`,
          );
        }
      }
    }
    const addIfNew = (address: string | undefined, where: string) => {
      const key = address?.toLowerCase();
      if (key && !cpAddresses.has(key)) cpAddresses.set(key, where);
    };
    for (const { pod, ref, flags } of apiserverFlags(index)) {
      addIfNew(flags.get('advertise-address'), `${ref} --advertise-address`);
      addIfNew(
        (pod?.status as { hostIP?: string } | undefined)?.hostIP,
        `${ref} .status.hostIP`,
      );
    }
    const stacked: string[] = [];
    for (const url of urls) {
      const host = urlHost(url) ?? '';
      const where = cpAddresses.get(host);
      if (where) evidence.push(where);
      if (where || isLoopback(host)) stacked.push(url);
    }
    if (stacked.length) {
      return {
        status: 'warn',
        message: `Stacked etcd: kube-apiserver reaches etcd on the control-plane hosts (${stacked.join(
          ', ',
        )}), so one host failure costs an API server and an etcd member; consider an external etcd cluster for large or critical clusters.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `External etcd: kube-apiserver uses ${urls.join(
        ', ',
      )}, away from the control-plane nodes.`,
      evidence,
    };
  },
};
