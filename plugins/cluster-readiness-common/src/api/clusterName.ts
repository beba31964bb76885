/**
 * The one rule for cluster names, shared by every source (catalog, the Kubernetes
 * plugin's configuration, snapshot files), pushed snapshots, API routes and the store.
 *
 * Kubernetes itself does not name clusters; `@backstage/plugin-kubernetes-backend`
 * takes any string as `clusters[].name` and sends it in the `Backstage-Kubernetes-Cluster`
 * header of its proxy, so a name must be a valid header value. Real configurations use
 * DNS-1123 names (`prod-eu-1`), kubeconfig context names (`gke_project_zone_name`,
 * `kind-kind`, `admin@cluster`) and EKS ARNs (`arn:aws:eks:region:account:cluster/name`).
 * Hence: 1 to 253 printable ASCII characters, no control characters, no leading or
 * trailing space. 253 fits the store's `varchar(255)` columns on SQLite and PostgreSQL.
 */

/** Longest cluster name accepted. @public */
export const CLUSTER_NAME_MAX_LENGTH = 253;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** C0 controls, DEL and C1 controls. */
function isControlCharacter(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** A short, safe description of a value that is not a valid name (never the whole value). */
function describe(value: unknown): string {
  if (typeof value !== 'string') {
    if (value === null) return 'null';
    return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  }
  if (value.length === 0) return 'an empty string';
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `${JSON.stringify(shown)} (${value.length} characters)`;
}

/**
 * Why `value` is not a valid cluster name, in one sentence; undefined when it is valid.
 * The sentence never contains the value's control characters or more than 40 of its
 * characters.
 * @public
 */
export function clusterNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    return `a cluster name must be a non-empty string, got ${describe(value)}`;
  }
  if (value.length > CLUSTER_NAME_MAX_LENGTH) {
    return `a cluster name may have at most ${CLUSTER_NAME_MAX_LENGTH} characters, got ${describe(
      value,
    )}`;
  }
  if ([...value].some(isControlCharacter)) {
    return `a cluster name may not contain control characters, got ${describe(
      value,
    )}`;
  }
  if (!PRINTABLE_ASCII.test(value)) {
    return `a cluster name may contain only printable ASCII characters, got ${describe(
      value,
    )}`;
  }
  if (value.trim() !== value) {
    return `a cluster name may not start or end with a space, got ${describe(
      value,
    )}`;
  }
  return undefined;
}

/** True when `value` is a valid cluster name. @public */
export function isValidClusterName(value: unknown): value is string {
  return clusterNameProblem(value) === undefined;
}
