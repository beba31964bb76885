/**
 * End of maintenance of each Kubernetes minor release, from the upstream release
 * history (kubernetes.io/releases). One row per minor; `control-plane.version-supported`
 * treats a minor older than the table as end-of-life and a newer one as supported.
 * Override with the `versionEndOfLife` option when this table is behind.
 * @public
 */
export const KUBERNETES_END_OF_LIFE: Readonly<Record<string, string>> = {
  '1.19': '2021-10-28',
  '1.20': '2022-02-28',
  '1.21': '2022-06-28',
  '1.22': '2022-10-28',
  '1.23': '2023-02-28',
  '1.24': '2023-07-28',
  '1.25': '2023-10-28',
  '1.26': '2024-02-28',
  '1.27': '2024-06-28',
  '1.28': '2024-10-28',
  '1.29': '2025-02-28',
  '1.30': '2025-06-28',
  '1.31': '2025-10-28',
  '1.32': '2026-02-28',
  '1.33': '2026-06-28',
  '1.34': '2026-10-27',
  '1.35': '2027-02-28',
  '1.36': '2027-06-28',
};
