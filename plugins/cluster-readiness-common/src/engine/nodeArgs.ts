import type { NodeObject } from '../snapshot/kube';
import { parseFlags } from './labels';

/** The node-args annotations of k3s and RKE2. @public */
export const NODE_ARGS_ANNOTATIONS = {
  k3s: 'k3s.io/node-args',
  rke2: 'rke2.io/node-args',
} as const;

/**
 * A k3s/RKE2 server's arguments read from its node-args annotation: the
 * distribution's own flags, and the kube-apiserver flags it passes on.
 * @public
 */
export interface NodeArgs {
  distribution: 'k3s' | 'rke2';
  node: NodeObject;
  /** `Node/s1 annotation k3s.io/node-args`, the prefix of evidence. */
  ref: string;
  /** `server` or `agent`. */
  role: string;
  /** The distribution's flags (`cluster-init`, `datastore-endpoint`, …); flags without value are `true`. */
  args: Map<string, string>;
  /** kube-apiserver flags from `--kube-apiserver-arg NAME=VALUE` (and k3s `--secrets-encryption`). */
  apiserver: Map<string, string>;
}

const APISERVER_ARG = '--kube-apiserver-arg';

/**
 * The annotations the engine reads (checks.md v2): k3s/RKE2 node-args on Nodes, and
 * kubeadm's advertise-address annotation on kube-apiserver mirror pods (distribution
 * detection). Readers and the collector that trim objects must keep these keys.
 * @public
 */
export const ANNOTATIONS_READ: readonly string[] = [
  NODE_ARGS_ANNOTATIONS.k3s,
  NODE_ARGS_ANNOTATIONS.rke2,
  'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint',
];

/**
 * Parses a node's k3s/RKE2 node-args annotation, a JSON string array such as
 * `["server","--cluster-init","--kube-apiserver-arg","anonymous-auth=false"]`.
 * Undefined when the node has none or it is not a JSON string array.
 * @public
 */
export function readNodeArgs(
  node: NodeObject,
  distribution: 'k3s' | 'rke2',
): NodeArgs | undefined {
  const key = NODE_ARGS_ANNOTATIONS[distribution];
  const raw = node.metadata?.annotations?.[key];
  if (!raw) return undefined;
  let argv: unknown;
  try {
    argv = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!Array.isArray(argv) || !argv.every(a => typeof a === 'string')) {
    return undefined;
  }
  const words = argv as string[];
  const role = words[0]?.startsWith('-') ? '' : words[0] ?? '';
  const own: string[] = [];
  const apiserver = new Map<string, string>();
  for (let i = role ? 1 : 0; i < words.length; i++) {
    const word = words[i];
    let value: string | undefined;
    if (word === APISERVER_ARG) value = words[++i];
    else if (word.startsWith(`${APISERVER_ARG}=`)) {
      value = word.slice(APISERVER_ARG.length + 1);
    } else {
      own.push(word);
      continue;
    }
    if (value === undefined) continue;
    const eq = value.indexOf('=');
    const name = (eq >= 0 ? value.slice(0, eq) : value).replace(/^--/, '');
    apiserver.set(name, eq >= 0 ? value.slice(eq + 1) : 'true');
  }
  const args = parseFlags(own);
  if (
    distribution === 'k3s' &&
    args.has('secrets-encryption') &&
    args.get('secrets-encryption') !== 'false' &&
    !apiserver.has('encryption-provider-config')
  ) {
    apiserver.set('encryption-provider-config', '(k3s --secrets-encryption)');
  }
  return {
    distribution,
    node,
    ref: `Node/${node.metadata?.name} annotation ${key}`,
    role,
    args,
    apiserver,
  };
}
