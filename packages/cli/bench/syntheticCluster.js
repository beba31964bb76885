/*
 * Writes a synthetic ClusterSnapshot of realistic, full Kubernetes objects (about
 * 4.3 KB per pod as the API server returns them, managedFields included) without
 * holding it in memory. Deterministic for a given size.
 */
const fs = require('node:fs');

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function managedFields(manager, time) {
  return [
    {
      manager,
      operation: 'Update',
      apiVersion: 'v1',
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': { '.': {} } },
        'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:resources': { '.': {}, 'f:limits': {}, 'f:requests': {} } } } },
      },
    },
    {
      manager: 'kubelet',
      operation: 'Update',
      apiVersion: 'v1',
      time,
      fieldsType: 'FieldsV1',
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': {}, 'f:startTime': {} } },
    },
  ];
}

function node(i, cp) {
  const name = cp ? `cp-${i}` : `worker-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-01-10T08:00:00Z',
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': ZONES[i % 3],
        'topology.kubernetes.io/region': 'eu-west-1',
        'node.kubernetes.io/instance-type': 'm6i.2xlarge',
        ...(cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: cp ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: {
      capacity: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '7910m', memory: '31Gi', pods: '110', 'ephemeral-storage': '92Gi' },
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map(type => ({
        type,
        status: type === 'Ready' ? 'True' : 'False',
        lastHeartbeatTime: '2026-11-20T09:59:30Z',
        lastTransitionTime: '2026-11-01T00:00:00Z',
        reason: type === 'Ready' ? 'KubeletReady' : `KubeletHasNo${type}`,
        message: type === 'Ready' ? 'kubelet is posting ready status' : `kubelet has no ${type}`,
      })),
      addresses: [
        { type: 'InternalIP', address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: `machine-${i}`,
        systemUUID: `uuid-${i}`,
        bootID: `boot-${i}`,
        kernelVersion: '6.1.0-25-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://2.0.5',
        kubeletVersion: 'v1.35.1',
        kubeProxyVersion: 'v1.35.1',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [
        { names: ['registry.k8s.io/kube-proxy@sha256:0f1e2d3c', 'registry.k8s.io/kube-proxy:v1.35.1'], sizeBytes: 30000000 },
        { names: ['registry.example.com/shop/app@sha256:aa11bb22', 'registry.example.com/shop/app:2.4.1'], sizeBytes: 80000000 },
      ],
    },
  };
}

function pod(i, nodeName) {
  const ns = `team-${i % 200}`;
  const app = `svc-${i % 5000}`;
  const name = `${app}-7d9c8b6f5d-${String(i).padStart(6, '0')}`;
  const time = '2026-11-19T12:00:00Z';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${app}-7d9c8b6f5d-`,
      namespace: ns,
      uid: `11111111-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(500000 + i),
      creationTimestamp: time,
      labels: { app, 'pod-template-hash': '7d9c8b6f5d', 'backstage.io/kubernetes-id': app, 'app.kubernetes.io/part-of': ns },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9c8b6f5d`, uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
      managedFields: managedFields('kube-controller-manager', time),
    },
    spec: {
      volumes: [
        { name: 'config', configMap: { name: `${app}-config`, defaultMode: 420 } },
        { name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }], defaultMode: 420 } },
      ],
      containers: [
        {
          name: 'app',
          image: `registry.example.com/${ns}/${app}:2.4.1`,
          args: ['--port=8080', '--log-level=info', `--service-name=${app}`],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
          env: [
            { name: 'SERVICE_NAME', value: app },
            { name: 'NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
          ],
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          volumeMounts: [{ name: 'config', mountPath: '/etc/app' }, { name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
          livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: app,
      serviceAccount: app,
      nodeName,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(type => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: time,
      })),
      hostIP: '10.0.0.1',
      hostIPs: [{ ip: '10.0.0.1' }],
      podIP: `100.64.${(i >> 8) & 255}.${i & 255}`,
      podIPs: [{ ip: `100.64.${(i >> 8) & 255}.${i & 255}` }],
      startTime: time,
      containerStatuses: [
        {
          name: 'app',
          state: { running: { startedAt: time } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: `registry.example.com/${ns}/${app}:2.4.1`,
          imageID: `registry.example.com/${ns}/${app}@sha256:aa11bb22cc33dd44ee55ff66`,
          containerID: `containerd://${String(i).padStart(64, 'c')}`,
          started: true,
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** Writes the snapshot and returns its size in bytes. */
function writeSyntheticSnapshot(file, { nodes, pods }) {
  const fd = fs.openSync(file, 'w');
  let pending = [];
  let pendingBytes = 0;
  let size = 0;
  const flush = () => {
    const buf = Buffer.from(pending.join(''));
    fs.writeSync(fd, buf);
    size += buf.length;
    pending = [];
    pendingBytes = 0;
  };
  const write = text => {
    pending.push(text);
    pendingBytes += text.length;
    if (pendingBytes > 4 << 20) flush();
  };
  const header = {
    apiVersion: 'cluster-readiness/v1alpha1',
    kind: 'ClusterSnapshot',
    collectedAt: '2026-11-20T10:00:00Z',
    cluster: { name: `synthetic-${pods}`, server: 'https://api.synthetic.example.com:6443' },
    serverVersion: { major: '1', minor: '35', gitVersion: 'v1.35.1' },
  };
  write(`${JSON.stringify(header).slice(0, -1)},"resources":{`);
  const cp = 3;
  write('"nodes":{"items":[');
  for (let i = 0; i < nodes; i++) write(`${i ? ',' : ''}${JSON.stringify(node(i, i < cp))}`);
  write(']},"pods":{"items":[');
  for (let i = 0; i < pods; i++) {
    write(`${i ? ',' : ''}${JSON.stringify(pod(i, `worker-${String(cp + (i % (nodes - cp))).padStart(5, '0')}`))}`);
  }
  write(']}');
  const namespaces = Array.from({ length: 200 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: `team-${i}`, labels: { 'kubernetes.io/metadata.name': `team-${i}`, 'pod-security.kubernetes.io/enforce': 'baseline' } },
  }));
  write(`,"namespaces":{"items":${JSON.stringify(namespaces)}}`);
  for (const key of ['deployments.apps', 'daemonsets.apps', 'statefulsets.apps', 'resourcequotas', 'limitranges', 'poddisruptionbudgets.policy', 'networkpolicies.networking.k8s.io', 'clusterrolebindings.rbac.authorization.k8s.io', 'clusterroles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io', 'leases.coordination.k8s.io', 'cronjobs.batch']) {
    write(`,${JSON.stringify(key)}:{"items":[]}`);
  }
  write('}}\n');
  flush();
  fs.closeSync(fd);
  return size;
}

module.exports = { writeSyntheticSnapshot, syntheticNode: node, syntheticPod: pod };
