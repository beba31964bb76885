import {
  forbidden,
  node,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { daemonSet, npdDaemonSet } from '../../__testUtils__/nodeFactories';

const ID = 'nodes.problem-detector';

const nodes = () => [node('w-1'), node('w-2'), node('w-3')];
const npdConditions = (kernelDeadlock = 'False') => ({
  KernelDeadlock: kernelDeadlock,
  ReadonlyFilesystem: 'False',
  FrequentContainerdRestart: 'False',
});

describe(ID, () => {
  it('passes with a fully ready node-problem-detector DaemonSet', () => {
    const r = resultOf(
      ID,
      snapshot({ nodes: nodes(), 'daemonsets.apps': [npdDaemonSet()] }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('DaemonSet/kube-system/node-problem-detector');
    expect(r.evidence).toContain(
      'DaemonSet/kube-system/node-problem-detector .status.numberReady 3 / .status.desiredNumberScheduled 3',
    );
  });

  it.each([
    [
      'named node-problem-detector',
      daemonSet('npd-node-problem-detector', { labels: { team: 'sre' } }),
    ],
    [
      'labelled app=node-problem-detector',
      daemonSet('npd', { labels: { app: 'node-problem-detector' } }),
    ],
    [
      'labelled app.kubernetes.io/name=node-problem-detector',
      daemonSet('npd', {
        labels: { 'app.kubernetes.io/name': 'node-problem-detector' },
      }),
    ],
    [
      'with pods labelled app.kubernetes.io/name=node-problem-detector',
      daemonSet('npd', {
        labels: { team: 'sre' },
        podLabels: { 'app.kubernetes.io/name': 'node-problem-detector' },
      }),
    ],
  ])('recognises a DaemonSet %s', (_, ds) => {
    const r = resultOf(
      ID,
      snapshot({ nodes: nodes(), 'daemonsets.apps': [ds] }),
    );
    expect(r.status).toBe('pass');
  });

  it('fails without any node-problem-detector', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: nodes(),
        'daemonsets.apps': [daemonSet('kube-proxy')],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('No node-problem-detector');
  });

  it('passes on NPD conditions alone (NPD run outside Kubernetes)', () => {
    const withNpd = [1, 2].map(i =>
      node(`w-${i}`, { conditions: npdConditions() }),
    );
    const r = resultOf(ID, snapshot({ nodes: withNpd, 'daemonsets.apps': [] }));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('conditions on 2 nodes');
    expect(r.evidence).toEqual([
      'Node/w-1 .status.conditions: NPD condition types reported (and on 1 other node)',
    ]);
  });

  it('fails when an NPD condition is True, even with a ready DaemonSet', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [
          node('w-1', { conditions: npdConditions('True') }),
          node('w-2'),
        ],
        'daemonsets.apps': [npdDaemonSet()],
      }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('w-1 KernelDeadlock');
    expect(r.evidence[0]).toMatch(
      /^Node\/w-1 \.status\.conditions\[KernelDeadlock\] True/,
    );
  });

  it.each([
    'ReadonlyFilesystem',
    'FrequentKubeletRestart',
    'FrequentDockerRestart',
    'FrequentContainerdRestart',
    'CorruptDockerOverlay2',
  ])('fails when %s is True', type => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: [node('w-1', { conditions: { [type]: 'True' } })],
        'daemonsets.apps': [],
      }),
    );
    expect(r.status).toBe('fail');
  });

  it('warns when the DaemonSet is not ready on every node', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: nodes(),
        'daemonsets.apps': [npdDaemonSet({ desired: 3, ready: 2 })],
      }),
    );
    expect(r.status).toBe('warn');
    expect(r.message).toContain(
      'DaemonSet/kube-system/node-problem-detector (2/3 ready)',
    );
  });

  it('warns when the DaemonSet is scheduled on no node', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: nodes(),
        'daemonsets.apps': [npdDaemonSet({ desired: 0, ready: 0 })],
      }),
    );
    expect(r.status).toBe('warn');
  });

  it('decides from node conditions when DaemonSets are denied', () => {
    const withNpd = [node('w-1', { conditions: npdConditions() })];
    const r = resultOf(
      ID,
      snapshot({
        nodes: withNpd,
        'daemonsets.apps': forbidden('daemonsets.apps'),
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('DaemonSet readiness not checked');
    expect(r.missingReads).toBeUndefined();
  });

  it('is unknown when DaemonSets are denied and no node shows NPD conditions', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: nodes(),
        'daemonsets.apps': forbidden('daemonsets.apps'),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list daemonsets.apps']);
    expect(r.message).toContain('list daemonsets.apps failed (403 Forbidden)');
  });

  it('is unknown when DaemonSets were not collected and no node shows NPD conditions', () => {
    const r = resultOf(ID, snapshot({ nodes: nodes() }));
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list daemonsets.apps']);
  });

  it('is unknown when nodes cannot be listed', () => {
    const r = resultOf(
      ID,
      snapshot({
        nodes: forbidden('nodes'),
        'daemonsets.apps': [npdDaemonSet()],
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodes']);
  });
});
