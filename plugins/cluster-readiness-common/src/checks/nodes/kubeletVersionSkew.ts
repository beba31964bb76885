import { parseMinorVersion } from '../../engine/SnapshotIndex';
import type { ReadinessCheck } from '../ReadinessCheck';
import { bounded, nameFew, plural, verb } from '../shared/evidence';
import { nodeName, nodeRef } from './nodeHelpers';

/** Kubelets may be up to this many minors older than kube-apiserver (since 1.28). */
const MAX_OLDER_MINORS = 3;

/** `nodes.kubelet-version-skew` @public */
export const kubeletVersionSkew: ReadinessCheck = {
  id: 'nodes.kubelet-version-skew',
  title: 'Kubelet versions within the supported skew',
  category: 'nodes',
  severity: 'medium',
  description:
    "The kubelet must not be newer than kube-apiserver and may be at most three minor versions older (the Kubernetes version skew policy); kubelets that lag behind also miss fixes and block the next control-plane upgrade. Each node's status.nodeInfo.kubeletVersion is compared with the server version (GET /version). A kubelet of another major version counts as out of the supported skew (fail). Nodes that report no parseable kubelet version are named but not judged; the result is unknown when the server version was not captured or no node reports a version, and not-applicable when there are no nodes.",
  rule: 'Per node, kubelet minor vs server minor: any kubelet newer, or more than 3 minors older: fail; any 1–3 minors older: warn; all equal: pass.',
  remediation: 'https://kubernetes.io/releases/version-skew-policy/#kubelet',
  reads: ['nodes'],
  evaluate({ index }) {
    const server = index.serverMinor;
    if (!server) {
      return {
        status: 'unknown',
        message:
          'The server version (GET /version) was not captured, so kubelet skew cannot be measured; collect the snapshot with access to /version.',
      };
    }
    const nodes = index.nodes;
    if (nodes.length === 0) {
      return { status: 'not-applicable', message: 'No nodes to check.' };
    }
    const serverText = `v${server.major}.${server.minor}`;
    const unsupported: string[] = [];
    const unsupportedEvidence: string[] = [];
    const lagging: string[] = [];
    const laggingEvidence: string[] = [];
    const unparsed: string[] = [];
    const equalEvidence: string[] = [];
    for (const n of nodes) {
      const version = n.status?.nodeInfo?.kubeletVersion;
      const parsed = parseMinorVersion(version);
      const line = `${nodeRef(n)} .status.nodeInfo.kubeletVersion ${
        version ?? 'missing'
      }`;
      if (!parsed) {
        unparsed.push(nodeName(n));
        continue;
      }
      const behind =
        parsed.major === server.major ? server.minor - parsed.minor : undefined;
      if (behind === undefined || behind < 0 || behind > MAX_OLDER_MINORS) {
        let why = 'other major';
        if (behind !== undefined) {
          why = behind < 0 ? `${-behind} newer` : `${behind} older`;
        }
        unsupported.push(`${nodeName(n)} ${version} (${why})`);
        unsupportedEvidence.push(`${line} (${why})`);
      } else if (behind > 0) {
        lagging.push(`${nodeName(n)} ${version}`);
        laggingEvidence.push(`${line} (${behind} older)`);
      } else {
        equalEvidence.push(line);
      }
    }
    const judged = nodes.length - unparsed.length;
    const unparsedNote = unparsed.length
      ? `; ${plural(unparsed.length, 'node')} ${verb(
          unparsed.length,
          'report',
          'reports',
        )} no kubelet version (${nameFew(unparsed)})`
      : '';
    const evidence = bounded([
      `serverVersion ${index.snapshot.serverVersion?.gitVersion ?? serverText}`,
      ...unsupportedEvidence,
      ...laggingEvidence,
      ...unparsed.map(n => `Node/${n} .status.nodeInfo.kubeletVersion missing`),
      ...equalEvidence,
    ]);
    if (judged === 0) {
      return {
        status: 'unknown',
        message: `No node reports a kubelet version (status.nodeInfo.kubeletVersion), so skew against the API server ${serverText} cannot be measured.`,
        evidence,
      };
    }
    if (unsupported.length) {
      return {
        status: 'fail',
        message: `${plural(
          unsupported.length,
          'kubelet',
        )} outside the supported skew of API server ${serverText} (newer, or more than ${MAX_OLDER_MINORS} minors older): ${nameFew(
          unsupported,
        )}; upgrade or replace those nodes${unparsedNote}.`,
        evidence,
      };
    }
    if (lagging.length) {
      return {
        status: 'warn',
        message: `${plural(
          lagging.length,
          'kubelet',
        )} 1–${MAX_OLDER_MINORS} minors behind API server ${serverText}: ${nameFew(
          lagging,
        )}; upgrade them before the next control-plane upgrade${unparsedNote}.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `All ${plural(judged, 'kubelet')} ${verb(
        judged,
        'match',
        'matches',
      )} API server ${serverText}${unparsedNote}.`,
      evidence,
    };
  },
};
