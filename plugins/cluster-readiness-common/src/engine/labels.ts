import type { KubeObject, LabelSelector } from '../snapshot/kube';

/**
 * Whether a Kubernetes label selector matches a set of labels. An empty selector
 * matches everything, as for PodDisruptionBudgets in policy/v1.
 * @public
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (l[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `Kind/namespace/name` or `Kind/name`, as used in evidence. @public */
export function objectRef(
  obj: KubeObject,
  kind = obj.kind ?? 'Object',
): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${kind}/${m.namespace}/${m.name}` : `${kind}/${m.name}`;
}

/**
 * Reads `--name=value` flags (and `--name value` pairs) from a container's command
 * and args; the last occurrence wins. Flags without a value map to `'true'`.
 * @public
 */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq >= 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
      flags.set(arg.slice(2), argv[i + 1]);
      i++;
    } else {
      flags.set(arg.slice(2), 'true');
    }
  }
  return flags;
}
