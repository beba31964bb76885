/*
 * The parts of Kubernetes objects the checks read. Every field is optional: snapshots
 * may be trimmed (see trimObject) and real objects omit defaults.
 */

/** @public */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  ownerReferences?: Array<{
    kind?: string;
    name?: string;
    [key: string]: unknown;
  }>;
}

/** @public */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** @public */
export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  lastTransitionTime?: string;
}

/** @public */
export interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

/** @public */
export interface NodeObject extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean; providerID?: string };
  status?: {
    conditions?: Condition[];
    addresses?: Array<{ type?: string; address?: string }>;
    allocatable?: Record<string, string>;
    nodeInfo?: { kubeletVersion?: string; containerRuntimeVersion?: string };
  };
}

/** @public */
export interface ResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

/** @public */
export interface Container {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  resources?: ResourceRequirements;
}

/** @public */
export interface PodSpec {
  nodeName?: string;
  serviceAccountName?: string;
  serviceAccount?: string;
  containers?: Container[];
  initContainers?: Container[];
}

/** @public */
export interface PodObject extends KubeObject {
  spec?: PodSpec;
  status?: { phase?: string; conditions?: Condition[] };
}

/** @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/** @public */
export interface WorkloadObject extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { metadata?: ObjectMeta; spec?: PodSpec };
  };
  status?: {
    readyReplicas?: number;
    replicas?: number;
    numberReady?: number;
    desiredNumberScheduled?: number;
  };
}

/** @public */
export interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
  apiGroup?: string;
}

/** @public */
export interface RoleBindingObject extends KubeObject {
  subjects?: Subject[];
  roleRef?: { kind?: string; name?: string; apiGroup?: string };
}

/** @public */
export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  nonResourceURLs?: string[];
}

/** @public */
export interface ClusterRoleObject extends KubeObject {
  rules?: PolicyRule[];
}
