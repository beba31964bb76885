import type { ReadinessCheck } from '../ReadinessCheck';
import { parseMinorVersion } from '../../engine/SnapshotIndex';
import { formatDuration, parseTime } from './controlPlaneHelpers';

const WARN_WINDOW = 60 * 24 * 3600_000;

type Minor = { major: number; minor: number };

function compare(a: Minor, b: Minor): number {
  return a.major - b.major || a.minor - b.minor;
}

/** `control-plane.version-supported` @public */
export const versionSupported: ReadinessCheck = {
  id: 'control-plane.version-supported',
  title: 'Kubernetes version still receives patches',
  category: 'control-plane',
  severity: 'high',
  description:
    'A Kubernetes minor release past its end of life gets no security or bug fixes. The server minor version (GET /version) is looked up in the end-of-life table kept in code (one row per minor, overridable with the versionEndOfLife option). A minor reaches end of life at the start (00:00 UTC) of the date in its row; within 60 days before that (60 days included) it warns. A minor older than the oldest row is end of life; one newer than the newest row is supported. A minor missing between two rows (a gap in an overridden table) is unknown rather than guessed. Provider-managed clusters follow the same upstream table; providers that offer longer support can be covered by overriding the rows.',
  rule: 'End of life passed: fail; end of life within 60 days: warn; otherwise pass. Older than the table: fail; newer than the table: pass. No server version: unknown.',
  remediation:
    'https://kubernetes.io/docs/tasks/administer-cluster/cluster-upgrade/',
  reads: [],
  evaluate({ index, options, referenceTime }) {
    const version = index.serverMinor;
    const git = index.snapshot.serverVersion?.gitVersion;
    if (!version) {
      return {
        status: 'unknown',
        message:
          'The server version was not captured in this snapshot (GET /version); collect it to check the release support window.',
        missingReads: ['get /version'],
      };
    }
    const key = `${version.major}.${version.minor}`;
    const label = `Kubernetes ${key}${git ? ` (${git})` : ''}`;
    const evidence = ['serverVersion .minor'];
    const rows = Object.entries(options.versionEndOfLife)
      .map(([minor, date]) => ({ minor, date, v: parseMinorVersion(minor) }))
      .filter(
        (r): r is { minor: string; date: string; v: Minor } =>
          r.v !== undefined,
      )
      .sort((a, b) => compare(a.v, b.v));
    if (!rows.length) {
      return {
        status: 'unknown',
        message: 'The end-of-life table is empty; configure versionEndOfLife.',
        evidence,
      };
    }
    const oldest = rows[0];
    const newest = rows[rows.length - 1];
    if (compare(version, oldest.v) < 0) {
      return {
        status: 'fail',
        message: `${label} is older than ${oldest.minor}, the oldest release in the end-of-life table, and gets no fixes; upgrade to a supported minor.`,
        evidence: [
          ...evidence,
          `versionEndOfLife[${oldest.minor}] ${oldest.date}`,
        ],
      };
    }
    if (compare(version, newest.v) > 0) {
      return {
        status: 'pass',
        message: `${label} is newer than ${newest.minor}, the newest release in the end-of-life table, so it is supported.`,
        evidence: [
          ...evidence,
          `versionEndOfLife[${newest.minor}] ${newest.date}`,
        ],
      };
    }
    const row = rows.find(r => compare(r.v, version) === 0);
    const eol = parseTime(row?.date);
    if (!row || eol === undefined) {
      return {
        status: 'unknown',
        message: row
          ? `The end-of-life date of ${key} (${row.date}) is not a date; fix the versionEndOfLife row.`
          : `The end-of-life table has no row for ${key}; add one with the versionEndOfLife option.`,
        evidence,
      };
    }
    evidence.push(`versionEndOfLife[${key}] ${row.date}`);
    const left = eol - referenceTime;
    if (left <= 0) {
      return {
        status: 'fail',
        message: `${label} reached end of life on ${row.date} and gets no fixes; upgrade to a supported minor.`,
        evidence,
      };
    }
    if (left <= WARN_WINDOW) {
      return {
        status: 'warn',
        message: `${label} reaches end of life on ${
          row.date
        }, in ${formatDuration(left)}; plan the upgrade now.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `${label} is supported until ${row.date}.`,
      evidence,
    };
  },
};
