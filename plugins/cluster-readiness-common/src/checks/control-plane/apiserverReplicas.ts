import type { ReadinessCheck } from '../ReadinessCheck';

/** `control-plane.apiserver-replicas` @public */
export const apiserverReplicas: ReadinessCheck = {
  id: 'control-plane.apiserver-replicas',
  title: 'At least three API server instances',
  category: 'control-plane',
  severity: 'critical',
  controlPlane: true,
  description:
    'A production control plane runs several kube-apiserver instances so that losing one host does not take the cluster API down. Instances are counted as the larger of the kube-apiserver mirror pods and the kube-apiserver identity Leases in kube-system; when neither is visible, the control-plane nodes are counted.',
  rule: '≥3 instances: pass; 2: warn; 1 (or none): fail. Unknown only when none of pods, leases and nodes was read.',
  remediation:
    'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/high-availability/',
  reads: [],
  evaluate({ index }) {
    const instances = index.apiServerInstances;
    if (!instances) {
      return {
        status: 'unknown',
        message:
          'Cannot count API server instances: none of pods, leases and nodes was readable.',
        missingReads: [
          'list pods',
          'list leases.coordination.k8s.io in kube-system',
          'list nodes',
        ],
      };
    }
    const { count, source, evidence } = instances;
    const what = `${count} API server instance(s) (${source})`;
    if (count >= 3) return { status: 'pass', message: `${what}.`, evidence };
    if (count === 2) {
      return {
        status: 'warn',
        message: `${what}: two instances survive one failure but not a failure during maintenance; run three.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `${what}: the cluster API goes down with one host; run at least three.`,
      evidence,
    };
  },
};
