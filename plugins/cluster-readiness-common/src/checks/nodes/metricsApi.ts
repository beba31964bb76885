import type { Condition, KubeObject } from '../../snapshot/kube';
import type { ReadinessCheck } from '../ReadinessCheck';

const METRICS_APISERVICE = 'v1beta1.metrics.k8s.io';

/** `nodes.metrics-api` @public */
export const metricsApi: ReadinessCheck = {
  id: 'nodes.metrics-api',
  title: 'Resource metrics API available',
  category: 'nodes',
  severity: 'low',
  description:
    'The resource metrics API (metrics.k8s.io, usually served by metrics-server) feeds kubectl top, the Horizontal and Vertical Pod Autoscalers. It is judged from the APIService v1beta1.metrics.k8s.io and its Available condition: anything but Available=True (False, Unknown or no condition yet) counts as not available.',
  rule: 'APIService v1beta1.metrics.k8s.io with Available=True: pass; present but not available: fail; absent: warn.',
  remediation:
    'https://kubernetes.io/docs/tasks/debug/debug-cluster/resource-metrics-pipeline/',
  reads: ['apiservices.apiregistration.k8s.io'],
  evaluate({ index }) {
    const svc = index
      .items<KubeObject>('apiservices.apiregistration.k8s.io')
      .find(a => a.metadata?.name === METRICS_APISERVICE);
    const ref = `APIService/${METRICS_APISERVICE}`;
    if (!svc) {
      return {
        status: 'warn',
        message:
          'No metrics API (APIService v1beta1.metrics.k8s.io): kubectl top and Pod autoscalers cannot work; install metrics-server.',
        evidence: [`${ref}: absent`],
      };
    }
    const available = ((svc.status?.conditions ?? []) as Condition[]).find(
      c => c.type === 'Available',
    );
    const service = svc.spec?.service
      ? ` (Service ${svc.spec.service.namespace}/${svc.spec.service.name})`
      : '';
    const condition = available
      ? `${available.status}${available.reason ? ` (${available.reason})` : ''}`
      : 'missing';
    const evidence = [`${ref} .status.conditions[Available] ${condition}`];
    if (available?.status === 'True') {
      return {
        status: 'pass',
        message: `The metrics API is available${service}.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `The metrics API is registered but not available${service}: Available is ${condition}; fix the metrics-server Deployment or its Service so that autoscalers get metrics.`,
      evidence,
    };
  },
};
