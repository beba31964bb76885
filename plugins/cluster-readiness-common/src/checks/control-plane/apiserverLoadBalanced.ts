import type { ReadinessCheck } from '../ReadinessCheck';
import type { KubeObject } from '../../snapshot/kube';
import { controlPlaneHosts, nodeIPs, urlHost } from './controlPlaneHelpers';

const SERVICE_LABEL = 'kubernetes.io/service-name';

interface Endpoint {
  addresses?: string[];
  conditions?: { ready?: boolean };
}

/** `control-plane.apiserver-load-balanced` @public */
export const apiserverLoadBalanced: ReadinessCheck = {
  id: 'control-plane.apiserver-load-balanced',
  title: 'API server reached through a load balancer',
  category: 'control-plane',
  severity: 'high',
  controlPlane: true,
  description:
    'Several API server instances only help if clients can reach any of them. The addresses behind the Service default/kubernetes come from its EndpointSlices (label kubernetes.io/service-name=kubernetes, namespace default); an endpoint counts when its conditions.ready is not false (the API treats an absent value as ready), and each distinct address counts once. The server URL of the cluster connection is then compared with those addresses and with the InternalIP/ExternalIP of the control-plane nodes (labelled nodes, plus nodes running a kube-apiserver mirror pod): a URL that names one of them pins every client to one instance. Node addresses are only compared when the node list was read; a missing server URL is not held against the cluster.',
  rule: 'fail: fewer than 2 ready addresses. warn: ≥2 addresses but the server URL host is one of them or a control-plane node InternalIP/ExternalIP. pass: ≥2 addresses and the server URL goes elsewhere (load balancer, VIP or DNS name) or is unknown.',
  remediation:
    'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/high-availability/',
  reads: ['endpointslices.discovery.k8s.io'],
  evaluate({ index }) {
    const slices = index
      .items('endpointslices.discovery.k8s.io')
      .filter(
        (s: KubeObject) =>
          s.metadata?.namespace === 'default' &&
          s.metadata?.labels?.[SERVICE_LABEL] === 'kubernetes',
      );
    const addresses = new Set<string>();
    const evidence: string[] = [];
    for (const slice of slices) {
      evidence.push(
        `EndpointSlice/default/${slice.metadata?.name} .endpoints[].conditions.ready`,
      );
      for (const ep of (slice as { endpoints?: Endpoint[] }).endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        for (const a of ep.addresses ?? []) addresses.add(a.toLowerCase());
      }
    }
    const shown = [...addresses].sort().join(', ');
    if (addresses.size < 2) {
      return {
        status: 'fail',
        message: slices.length
          ? `Service default/kubernetes has ${
              addresses.size
            } ready API server address(es)${
              shown ? ` (${shown})` : ''
            }; run at least two API servers behind it.`
          : 'No EndpointSlice in default is labelled kubernetes.io/service-name=kubernetes, so no API server address is published; run at least two API servers behind Service default/kubernetes.',
        evidence,
      };
    }

    const server = index.snapshot.cluster.server;
    const host = server ? urlHost(server) : undefined;
    if (!host) {
      return {
        status: 'pass',
        message: `${addresses.size} ready API server addresses (${shown}); the server URL of the connection is not known, so client pinning was not checked.`,
        evidence,
      };
    }
    evidence.push(`cluster.server ${server}`);
    if (addresses.has(host)) {
      return {
        status: 'warn',
        message: `Clients connect to ${host}, which is one API server instance of ${addresses.size}; put a load balancer, VIP or DNS name in front of the API servers and use it as the server URL.`,
        evidence,
      };
    }
    for (const { name, node } of controlPlaneHosts(index)) {
      if (node && nodeIPs(node).includes(host)) {
        evidence.push(`Node/${name} .status.addresses`);
        return {
          status: 'warn',
          message: `Clients connect to ${host}, the address of control-plane node ${name}; put a load balancer, VIP or DNS name in front of the API servers and use it as the server URL.`,
          evidence,
        };
      }
    }
    return {
      status: 'pass',
      message: `${addresses.size} ready API server addresses (${shown}) and clients connect through ${host}, not a single instance.`,
      evidence,
    };
  },
};
