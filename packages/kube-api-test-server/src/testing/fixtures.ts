import { execFile } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type {
  ClusterSnapshot,
  KubeObject,
} from '@cluster-readiness/backstage-plugin-common';
import type { KubeApiTestServer } from '../types';

/** Test helpers (not exported by the package). */

export const KUBECTL = '/usr/bin/kubectl';

const created = '2026-01-10T08:00:00Z';

export function node(
  name: string,
  role: 'control-plane' | 'worker',
  ip: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: '1001',
      creationTimestamp: created,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': role === 'worker' ? 'eu-1b' : 'eu-1a',
        ...(role === 'control-plane'
          ? { 'node-role.kubernetes.io/control-plane': '' }
          : {}),
      },
    },
    spec: {
      providerID: `aws:///eu-1a/${name}`,
      ...(role === 'control-plane'
        ? {
            taints: [
              {
                key: 'node-role.kubernetes.io/control-plane',
                effect: 'NoSchedule',
              },
            ],
          }
        : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      allocatable: { cpu: '3920m', memory: '15Gi', pods: '110' },
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: '2026-01-20T09:59:00Z',
          lastTransitionTime: created,
        },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.34.2',
        containerRuntimeVersion: 'containerd://2.1.4',
        osImage: 'Ubuntu 24.04.3 LTS',
        kernelVersion: '6.8.0-1021-aws',
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
    },
  } as KubeObject;
}

export function pod(ns: string, name: string, nodeName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `uid-${ns}-${name}`,
      resourceVersion: '2001',
      creationTimestamp: created,
      labels: { app: name.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '') },
    },
    spec: {
      nodeName,
      serviceAccountName: 'default',
      containers: [
        {
          name: 'main',
          image: 'registry.k8s.io/pause:3.10',
          resources: {
            requests: { cpu: '100m', memory: '64Mi' },
            limits: { memory: '128Mi' },
          },
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.244.1.10',
      containerStatuses: [
        {
          name: 'main',
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: created } },
        },
      ],
    },
  } as KubeObject;
}

function namespace(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: `uid-ns-${name}`, creationTimestamp: created },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  } as KubeObject;
}

/** A small, valid cluster: 3 nodes, 3 namespaces, 7 pods, a deployment, a velero backup, a denied resource. */
export function smallSnapshot(): ClusterSnapshot {
  const pods = [
    pod('kube-system', 'coredns-7db6d8ff4d-abcde', 'cp-1'),
    pod('kube-system', 'coredns-7db6d8ff4d-fghij', 'worker-1'),
    pod('kube-system', 'kube-proxy-k2x9p', 'worker-2'),
    pod('shop', 'web-5d4f8c7b9-aaaaa', 'worker-1'),
    pod('shop', 'web-5d4f8c7b9-bbbbb', 'worker-2'),
    pod('shop', 'cart-6c9f7d8b5-ccccc', 'worker-2'),
    pod('default', 'debug-shell', 'worker-1'),
  ];
  return {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-01-20T10:00:00Z',
    cluster: { name: 'test-eu-1', controlPlane: 'self-hosted' },
    serverVersion: { major: '1', minor: '34', gitVersion: 'v1.34.2' },
    serverCertificate: {
      notAfter: '2099-05-01T00:00:00.000Z',
      subject: 'CN=kube-apiserver',
      issuer: 'CN=kubernetes',
    },
    anonymousProbe: { status: 401 },
    resources: {
      nodes: {
        items: [
          node('cp-1', 'control-plane', '10.0.1.10'),
          node('worker-1', 'worker', '10.0.2.11'),
          node('worker-2', 'worker', '10.0.2.12'),
        ],
      },
      namespaces: {
        items: [
          namespace('default'),
          namespace('kube-system'),
          namespace('shop'),
        ],
      },
      pods: { items: pods },
      'deployments.apps': {
        items: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: {
              name: 'web',
              namespace: 'shop',
              creationTimestamp: created,
            },
            spec: {
              replicas: 2,
              selector: { matchLabels: { app: 'web' } },
              template: {
                metadata: { labels: { app: 'web' } },
                spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
              },
            },
            status: {
              replicas: 2,
              readyReplicas: 2,
              updatedReplicas: 2,
              availableReplicas: 2,
            },
          },
        ],
      },
      'backups.velero.io': {
        items: [
          {
            apiVersion: 'velero.io/v1',
            kind: 'Backup',
            metadata: {
              name: 'nightly-20260119',
              namespace: 'velero',
              creationTimestamp: created,
            },
            spec: { includedNamespaces: ['*'], ttl: '720h0m0s' },
            status: { phase: 'Completed' },
          },
        ],
      },
      'clusterrolebindings.rbac.authorization.k8s.io': {
        error: {
          code: 403,
          reason: 'Forbidden',
          message:
            'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:readiness:collector" cannot list resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope',
        },
      },
    },
  };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real kubectl asynchronously (the server answers from this same process, so
 * a synchronous child process would deadlock). HOME points at a temp dir so the
 * discovery cache never leaks between servers.
 */
export function kubectl(
  args: string[],
  env: { kubeconfig: string; home: string },
): Promise<KubectlResult> {
  return new Promise(resolve => {
    execFile(
      KUBECTL,
      args,
      {
        env: {
          PATH: process.env.PATH,
          HOME: env.home,
          KUBECONFIG: env.kubeconfig,
        },
        timeout: 20_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

export interface HttpsResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when the connection failed or the body was cut short. */
  error?: string;
  ms: number;
}

/** A GET (or other method) over HTTPS that trusts only the server's CA. */
export function fetchFrom(
  server: KubeApiTestServer,
  path: string,
  options: {
    token?: string | null;
    method?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpsResult> {
  const started = Date.now();
  const url = new URL(path, server.url);
  const token = options.token === undefined ? server.token : options.token;
  return new Promise(resolve => {
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    const done = (error?: string) =>
      resolve({
        status,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        error,
        ms: Date.now() - started,
      });
    const req = httpsRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        ca: server.caPem,
        agent: false,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
      },
      res => {
        status = res.statusCode ?? 0;
        headers = res.headers;
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => done());
        res.on('error', e => done(e.message));
        res.on('aborted', () => done('aborted'));
      },
    );
    req.on('error', e => done((e as NodeJS.ErrnoException).code ?? e.message));
    req.end();
  });
}
