import { z } from 'zod';
import type { KubeObject } from './kube';
import { resourceType } from './resources';
import { describeJsonType, snapshotErrorMap } from './snapshotErrorMap';
import { SnapshotValidationError } from './SnapshotValidationError';

/*
 * The JSON type of every field some check (or the engine's index, or trimObject)
 * reads, per resource kind. Loose objects: unknown fields are ignored and kept. Every
 * field but `metadata` and `metadata.name` is optional and may be null (the API writes
 * `null` for some empty lists, e.g. a ClusterRole's `rules`); a present value of the
 * wrong JSON type is rejected with the object and the field named.
 */

const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();
const strList = z.array(z.string()).nullish();
const stringMap = z.record(z.string(), z.string()).nullish();
/** Quantities are strings in the API; a number is read the same way. */
const quantityMap = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .nullish();
const intOrString = z.union([z.number(), z.string()]).nullish();

const metadata = z.looseObject({
  name: z.string(),
  namespace: str,
  labels: stringMap,
  annotations: stringMap,
  creationTimestamp: str,
  ownerReferences: z.array(z.looseObject({ kind: str, name: str })).nullish(),
});

/** Metadata of a template: no name required. */
const templateMetadata = z.looseObject({
  name: str,
  namespace: str,
  labels: stringMap,
  annotations: stringMap,
});

const condition = z.looseObject({
  type: str,
  status: str,
  reason: str,
  message: str,
  lastTransitionTime: str,
});
const conditions = z.array(condition).nullish();

const labelSelector = z
  .looseObject({
    matchLabels: stringMap,
    matchExpressions: z
      .array(
        z.looseObject({
          key: str,
          operator: str,
          values: strList,
        }),
      )
      .nullish(),
  })
  .nullish();

const container = z.looseObject({
  name: str,
  image: str,
  command: strList,
  args: strList,
  resources: z
    .looseObject({ requests: quantityMap, limits: quantityMap })
    .nullish(),
});

const podSpec = z.looseObject({
  nodeName: str,
  serviceAccountName: str,
  serviceAccount: str,
  hostNetwork: bool,
  priorityClassName: str,
  containers: z.array(container).nullish(),
  initContainers: z.array(container).nullish(),
});

const podTemplate = z
  .looseObject({
    metadata: templateMetadata.nullish(),
    spec: podSpec.nullish(),
  })
  .nullish();

/** Every object: an object `metadata` with a string `name`. */
const kubeObject = z.looseObject({
  apiVersion: str,
  kind: str,
  metadata,
});

function withSpecStatus(
  spec: z.core.$ZodLooseShape,
  status: z.core.$ZodLooseShape = {},
) {
  return kubeObject.extend({
    spec: z.looseObject(spec).nullish(),
    status: z.looseObject(status).nullish(),
  });
}

const workload = withSpecStatus(
  {
    replicas: num,
    selector: labelSelector,
    template: podTemplate,
  },
  {
    replicas: num,
    readyReplicas: num,
    availableReplicas: num,
    updatedReplicas: num,
    numberReady: num,
    numberAvailable: num,
    desiredNumberScheduled: num,
    currentNumberScheduled: num,
    conditions,
  },
);

const policyRule = z.looseObject({
  verbs: strList,
  apiGroups: strList,
  resources: strList,
  resourceNames: strList,
  nonResourceURLs: strList,
});

const role = kubeObject.extend({ rules: z.array(policyRule).nullish() });

const binding = kubeObject.extend({
  subjects: z
    .array(
      z.looseObject({ kind: str, name: str, namespace: str, apiGroup: str }),
    )
    .nullish(),
  roleRef: z.looseObject({ kind: str, name: str, apiGroup: str }),
});

const webhookConfiguration = kubeObject.extend({
  webhooks: z
    .array(
      z.looseObject({
        name: str,
        failurePolicy: str,
        timeoutSeconds: num,
        sideEffects: str,
        namespaceSelector: labelSelector,
        objectSelector: labelSelector,
        clientConfig: z
          .looseObject({
            url: str,
            service: z
              .looseObject({ name: str, namespace: str, path: str, port: num })
              .nullish(),
          })
          .nullish(),
        rules: z
          .array(
            z.looseObject({
              operations: strList,
              apiGroups: strList,
              apiVersions: strList,
              resources: strList,
              scope: str,
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

/**
 * The expected shape of one object per resource key: the JSON type of each field
 * the checks read. Keys not listed are checked as plain objects (metadata only).
 * @public
 */
export const ITEM_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  nodes: withSpecStatus(
    {
      taints: z
        .array(z.looseObject({ key: str, value: str, effect: str }))
        .nullish(),
      unschedulable: bool,
      providerID: str,
      podCIDR: str,
    },
    {
      conditions,
      addresses: z.array(z.looseObject({ type: str, address: str })).nullish(),
      allocatable: quantityMap,
      capacity: quantityMap,
      nodeInfo: z
        .looseObject({
          kubeletVersion: str,
          containerRuntimeVersion: str,
          osImage: str,
          kernelVersion: str,
          kubeProxyVersion: str,
          operatingSystem: str,
          architecture: str,
        })
        .nullish(),
    },
  ),
  namespaces: withSpecStatus({}, { phase: str }),
  pods: withSpecStatus(
    {
      nodeName: str,
      serviceAccountName: str,
      serviceAccount: str,
      hostNetwork: bool,
      priorityClassName: str,
      containers: z.array(container).nullish(),
      initContainers: z.array(container).nullish(),
    },
    { phase: str, hostIP: str, podIP: str, conditions },
  ),
  serviceaccounts: kubeObject.extend({
    automountServiceAccountToken: bool,
  }),
  resourcequotas: withSpecStatus(
    { hard: quantityMap },
    { hard: quantityMap, used: quantityMap },
  ),
  limitranges: withSpecStatus({
    limits: z
      .array(
        z.looseObject({
          type: str,
          default: quantityMap,
          defaultRequest: quantityMap,
          max: quantityMap,
          min: quantityMap,
        }),
      )
      .nullish(),
  }),
  configmaps: kubeObject.extend({ data: stringMap }),
  'deployments.apps': workload,
  'daemonsets.apps': workload,
  'statefulsets.apps': workload,
  'cronjobs.batch': withSpecStatus(
    {
      schedule: str,
      suspend: bool,
      jobTemplate: z
        .looseObject({
          metadata: templateMetadata.nullish(),
          spec: z.looseObject({ template: podTemplate }).nullish(),
        })
        .nullish(),
    },
    { lastScheduleTime: str, lastSuccessfulTime: str },
  ),
  'leases.coordination.k8s.io': withSpecStatus({
    holderIdentity: str,
    leaseDurationSeconds: num,
    acquireTime: str,
    renewTime: str,
    leaseTransitions: num,
  }),
  'endpointslices.discovery.k8s.io': kubeObject.extend({
    addressType: str,
    endpoints: z
      .array(
        z.looseObject({
          addresses: strList,
          conditions: z
            .looseObject({ ready: bool, serving: bool, terminating: bool })
            .nullish(),
          nodeName: str,
        }),
      )
      .nullish(),
    ports: z
      .array(z.looseObject({ name: str, port: num, protocol: str }))
      .nullish(),
  }),
  'clusterroles.rbac.authorization.k8s.io': role,
  'roles.rbac.authorization.k8s.io': role,
  'clusterrolebindings.rbac.authorization.k8s.io': binding,
  'rolebindings.rbac.authorization.k8s.io': binding,
  'poddisruptionbudgets.policy': withSpecStatus(
    {
      selector: labelSelector,
      minAvailable: intOrString,
      maxUnavailable: intOrString,
    },
    {
      disruptionsAllowed: num,
      currentHealthy: num,
      desiredHealthy: num,
      expectedPods: num,
    },
  ),
  'validatingwebhookconfigurations.admissionregistration.k8s.io':
    webhookConfiguration,
  'mutatingwebhookconfigurations.admissionregistration.k8s.io':
    webhookConfiguration,
  'certificatesigningrequests.certificates.k8s.io': withSpecStatus(
    {
      signerName: str,
      expirationSeconds: num,
      username: str,
      usages: strList,
      groups: strList,
    },
    { conditions, certificate: str },
  ),
  'networkpolicies.networking.k8s.io': withSpecStatus({
    podSelector: labelSelector,
    policyTypes: strList,
  }),
  'horizontalpodautoscalers.autoscaling': withSpecStatus(
    {
      scaleTargetRef: z
        .looseObject({ kind: str, name: str, apiVersion: str })
        .nullish(),
      minReplicas: num,
      maxReplicas: num,
    },
    { currentReplicas: num, desiredReplicas: num, conditions },
  ),
  'apiservices.apiregistration.k8s.io': withSpecStatus(
    {
      service: z
        .looseObject({ name: str, namespace: str, port: num })
        .nullish(),
      group: str,
      version: str,
      insecureSkipTLSVerify: bool,
    },
    { conditions },
  ),
  'nodepools.karpenter.sh': withSpecStatus({}, { conditions }),
  'backups.velero.io': withSpecStatus(
    { includedNamespaces: strList, storageLocation: str },
    {
      phase: str,
      startTimestamp: str,
      completionTimestamp: str,
      expiration: str,
    },
  ),
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Fits = (value: unknown) => boolean;

const NEVER: Fits = () => false;
const compiled = new WeakMap<z.core.$ZodType, Fits>();

/**
 * Whether a value certainly matches a schema made of the JSON types above, as a
 * function compiled once per schema: it reads only the fields the schema names and
 * allocates nothing (zod copies every object, which costs as much as half a
 * JSON.parse on full objects). Anything it does not know answers false, and zod
 * decides.
 */
function fits(schema: z.core.$ZodType): Fits {
  let f = compiled.get(schema);
  if (!f) {
    f = compile(schema);
    compiled.set(schema, f);
  }
  return f;
}

function compile(schema: z.core.$ZodType): Fits {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, any>;
  if (def.checks?.length) return NEVER;
  switch (def.type) {
    case 'optional': {
      const inner = fits(def.innerType);
      return v => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = fits(def.innerType);
      return v => v === null || inner(v);
    }
    case 'string':
      return v => typeof v === 'string';
    case 'number':
      return v => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return v => typeof v === 'boolean';
    case 'array': {
      const element = fits(def.element);
      return v => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object': {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      const fields = Object.keys(shape);
      const checks = fields.map(field => fits(shape[field]));
      return v => {
        if (!isObject(v)) return false;
        for (let i = 0; i < fields.length; i++) {
          if (!checks[i](v[fields[i]])) return false;
        }
        return true;
      };
    }
    case 'record': {
      if (def.keyType._zod.def.type !== 'string') return NEVER;
      const value = fits(def.valueType);
      return v => {
        if (!isObject(v)) return false;
        for (const field in v) if (!value(v[field])) return false;
        return true;
      };
    }
    case 'union': {
      const options = (def.options as z.core.$ZodType[]).map(fits);
      return v => {
        for (let i = 0; i < options.length; i++) if (options[i](v)) return true;
        return false;
      };
    }
    default:
      return NEVER;
  }
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('');
}

/**
 * One object of a snapshot failed its kind's expected shape. The message names the
 * object and the field: `Node/cp-1 .status.conditions: expected a list, got a string`.
 * @public
 */
export interface ItemProblem {
  /** `Node/cp-1`, `Pod/default/web-0`, or `Node at <position>` when it has no name. */
  object: string;
  /** `.status.conditions`, or '' for the object itself. */
  field: string;
  problem: string;
}

/**
 * Checks the JSON type of every field the checks read on one object stored under a
 * resource key; returns the first problem, or undefined when the object is usable.
 * `position` locates an object that has no usable name (`resources.nodes.items[3]`).
 * @public
 */
export function checkItem(
  key: string,
  item: unknown,
  position: string,
): ItemProblem | undefined {
  const kind = resourceType(key)?.kind ?? key;
  if (!ITEM_SCHEMAS[key] && !resourceType(key)) return undefined; // no check reads it
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    return {
      object: `${kind} at ${position}`,
      field: '',
      problem: `expected an object, got ${describeJsonType(item)}`,
    };
  }
  const schema = ITEM_SCHEMAS[key] ?? kubeObject;
  // Fast path: a walk of the schema over the fields it names, without copying.
  if (fits(schema)(item)) return undefined;
  // Only a suspect object pays for zod, which also words the problem.
  const result = schema.safeParse(item, { error: snapshotErrorMap });
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const meta = (item as KubeObject).metadata;
  const name =
    meta && typeof meta === 'object' && typeof meta.name === 'string'
      ? meta.name
      : undefined;
  const namespace =
    name !== undefined && typeof meta?.namespace === 'string'
      ? `${meta.namespace}/`
      : '';
  return {
    object:
      name !== undefined
        ? `${kind}/${namespace}${name}`
        : `${kind} at ${position}`,
    field: fieldPath(issue.path),
    problem: issue.message,
  };
}

/**
 * Renders an item problem as one line, e.g.
 * `Node/cp-1 .status.conditions: expected a list, got a string`.
 * @public
 */
export function describeItemProblem(p: ItemProblem): string {
  return `${p.object}${p.field ? ` ${p.field}` : ''}: ${p.problem}`;
}

/**
 * Throws `SnapshotValidationError` naming the source, the object and the field when
 * an object does not have the JSON types the checks read (see `checkItem`).
 * @public
 */
export function validateItem(
  key: string,
  item: unknown,
  source: string,
  position: string,
): void {
  const problem = checkItem(key, item, position);
  if (problem) {
    throw new SnapshotValidationError(
      source,
      `${problem.object}${problem.field ? ` ${problem.field}` : ''}`,
      problem.problem,
    );
  }
}
