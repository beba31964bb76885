import {
  container,
  forbidden,
  pod,
  resultOf,
  snapshot,
  SIZED,
} from '../../__testUtils__/factories';

const ID = 'resource-limits.container-resources';

const UNSIZED = {};
const sizedPods = (n: number, namespace = 'shop') =>
  Array.from({ length: n }, (_, i) => pod(`api-${i}`, { namespace }));

/** Pods of Deployment `web` (ReplicaSet `web-5d8f7c9b4d`), with the given containers. */
const webPods = (n: number, containers = [UNSIZED]) =>
  Array.from({ length: n }, (_, i) =>
    pod(`web-5d8f7c9b4d-x${i}`, {
      namespace: 'shop',
      labels: { app: 'web', 'pod-template-hash': '5d8f7c9b4d' },
      owner: { kind: 'ReplicaSet', name: 'web-5d8f7c9b4d' },
      containers,
    }),
  );

describe(ID, () => {
  it('passes when every container sets CPU and memory requests and a memory limit', () => {
    const r = resultOf(ID, snapshot({ pods: sizedPods(3) }));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('All 3 container(s)');
  });

  it('warns at exactly 80 % of containers', () => {
    const r = resultOf(
      ID,
      snapshot({ pods: [...sizedPods(4), ...webPods(1)] }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      '4 of 5 (80 %) containers set CPU and memory requests and a memory limit; size Deployment/shop/web (app).',
    );
    expect(r.evidence).toEqual([
      'Pod/shop/web-5d8f7c9b4d-x0 .spec.containers[app].resources: no requests.cpu, requests.memory, limits.memory',
    ]);
  });

  it('fails below 80 %, without rounding up', () => {
    // 399 of 500 is 79.8 %: shown rounded down, and a fail
    const r = resultOf(
      ID,
      snapshot({ pods: [...sizedPods(399), ...webPods(101)] }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('399 of 500 (79.8 %)');
  });

  it('counts every container of a pod, and a container missing only the memory limit', () => {
    const partial = { requests: { cpu: '100m', memory: '128Mi' } };
    const r = resultOf(
      ID,
      snapshot({
        pods: [
          pod('api-0', {
            namespace: 'shop',
            containers: [SIZED, { ...partial, name: 'sidecar' }],
          }),
        ],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('1 of 2 (50 %)');
    expect(r.evidence).toEqual([
      'Pod/shop/api-0 .spec.containers[sidecar].resources: no limits.memory',
    ]);
  });

  it('groups the pods of one workload into one evidence line', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: [
          ...webPods(3, [
            { requests: { memory: '64Mi' }, limits: { memory: '64Mi' } },
          ]),
          pod('debug', { namespace: 'shop', containers: [UNSIZED] }),
        ],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual([
      'Pod/shop/web-5d8f7c9b4d-x0 .spec.containers[app].resources: no requests.cpu (and 2 more pod(s) of Deployment/shop/web)',
      'Pod/shop/debug .spec.containers[app].resources: no requests.cpu, requests.memory, limits.memory',
    ]);
    expect(r.message).toContain(
      'size Deployment/shop/web (app), Pod/shop/debug (app).',
    );
  });

  it('ignores init containers, system namespaces and finished pods', () => {
    const withInit = pod('api-0', { namespace: 'shop' });
    withInit.spec.initContainers = [container({ name: 'migrate' })];
    const r = resultOf(
      ID,
      snapshot({
        pods: [
          withInit,
          pod('kube-proxy-abcde', {
            namespace: 'kube-system',
            containers: [UNSIZED],
          }),
          pod('report-28900000-xk2pq', {
            namespace: 'shop',
            phase: 'Succeeded',
            containers: [UNSIZED],
          }),
          pod('import-28900001-lq7zt', {
            namespace: 'shop',
            phase: 'Failed',
            containers: [UNSIZED],
          }),
        ],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('All 1 container(s)');
  });

  it('counts pending pods', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: [
          pod('web-0', {
            namespace: 'shop',
            unschedulable: true,
            containers: [UNSIZED],
          }),
        ],
      }),
    );
    expect(r.status).toBe('fail');
  });

  it('is not-applicable without running pods in non-system namespaces', () => {
    const r = resultOf(
      ID,
      snapshot({
        pods: [
          pod('coredns-1', { namespace: 'kube-system', containers: [UNSIZED] }),
          pod('job-1', { namespace: 'shop', phase: 'Succeeded' }),
        ],
      }),
    );
    expect(r.status).toBe('not-applicable');
  });

  it('keeps evidence bounded', () => {
    const pods = Array.from({ length: 30 }, (_, i) =>
      pod(`solo-${i}`, { namespace: 'shop', containers: [UNSIZED] }),
    );
    const r = resultOf(ID, snapshot({ pods }));
    expect(r.evidence).toHaveLength(21);
    expect(r.evidence[20]).toBe('… and 10 more');
  });

  it('is unknown when pods cannot be listed', () => {
    const r = resultOf(ID, snapshot({ pods: forbidden('pods') }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list pods']);
  });
});
