import {
  deployment,
  forbidden,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import {
  clusterAutoscalerStatus,
  configMap,
  nodePool,
  notFound,
} from '../../__testUtils__/nodeFactories';
import type { Resources } from '../../__testUtils__/factories';

const ID = 'nodes.autoscaling';

const none = (): Resources => ({
  'deployments.apps': [deployment('web', { namespace: 'shop' })],
  configmaps: [],
});

describe(ID, () => {
  it.each([
    ['cluster-autoscaler', 'kube-system'],
    ['karpenter', 'karpenter'],
    ['karpenter-controller', 'kube-system'],
    ['aws-cluster-autoscaler-chart', 'kube-system'],
  ])('passes with a Deployment named %s', (name, namespace) => {
    const r = resultOf(
      ID,
      snapshot({
        ...none(),
        'deployments.apps': [deployment(name, { namespace })],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain(`Deployment/${namespace}/${name}`);
    expect(r.evidence[0]).toBe(
      `Deployment/${namespace}/${name} .metadata.name (.status.readyReplicas 2)`,
    );
  });

  it('passes with the cluster-autoscaler status ConfigMap', () => {
    const r = resultOf(
      ID,
      snapshot({ ...none(), configmaps: [clusterAutoscalerStatus()] }),
    );
    expect(r.status).toBe('pass');
    expect(r.evidence).toEqual([
      'ConfigMap/kube-system/cluster-autoscaler-status .data.status',
    ]);
  });

  it('ignores a ConfigMap of that name outside kube-system', () => {
    const r = resultOf(
      ID,
      snapshot({
        ...none(),
        configmaps: [configMap('cluster-autoscaler-status', 'default')],
      }),
    );
    expect(r.status).toBe('warn');
  });

  it('passes with a Karpenter NodePool even when other reads are denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        'deployments.apps': forbidden('deployments.apps'),
        configmaps: forbidden('configmaps'),
        'nodepools.karpenter.sh': [nodePool('default')],
      }),
    );
    expect(r.status).toBe('pass');
    expect(r.message).toContain('1 Karpenter NodePool');
    expect(r.evidence).toEqual(['NodePool/default (karpenter.sh)']);
  });

  it('passes on a Deployment when the ConfigMap read is denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        'deployments.apps': [
          deployment('cluster-autoscaler', { namespace: 'kube-system' }),
        ],
        configmaps: forbidden('configmaps'),
      }),
    );
    expect(r.status).toBe('pass');
  });

  it('warns when nothing shows node autoscaling (NodePool CRD not installed)', () => {
    const r = resultOf(ID, snapshot(none()));
    expect(r.status).toBe('warn');
    expect(r.missingReads).toBeUndefined();
  });

  it('warns when the NodePool list answers 404 and the ConfigMap is absent (404)', () => {
    const r = resultOf(
      ID,
      snapshot({
        ...none(),
        configmaps: notFound('configmaps'),
        'nodepools.karpenter.sh': notFound('nodepools.karpenter.sh'),
      }),
    );
    expect(r.status).toBe('warn');
  });

  it('is unknown when Deployments cannot be read and nothing else shows autoscaling', () => {
    const r = resultOf(
      ID,
      snapshot({
        ...none(),
        'deployments.apps': forbidden('deployments.apps'),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list deployments.apps']);
  });

  it('is unknown when the status ConfigMap cannot be read', () => {
    const r = resultOf(
      ID,
      snapshot({ ...none(), configmaps: forbidden('configmaps') }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual([
      'get configmaps (kube-system/cluster-autoscaler-status, kube-system/kubeadm-config)',
    ]);
  });

  it('is unknown when the ConfigMap was not collected', () => {
    const r = resultOf(ID, snapshot({ 'deployments.apps': [] }));
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('configmaps not collected');
  });

  it('is unknown when NodePools are denied', () => {
    const r = resultOf(
      ID,
      snapshot({
        ...none(),
        'nodepools.karpenter.sh': forbidden('nodepools.karpenter.sh'),
      }),
    );
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['list nodepools.karpenter.sh']);
  });
});
