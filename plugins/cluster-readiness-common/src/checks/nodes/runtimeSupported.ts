import { parseMinorVersion } from '../../engine/SnapshotIndex';
import type { ReadinessCheck } from '../ReadinessCheck';
import type { NodeObject } from '../../snapshot/kube';
import { bounded, nameFew, plural, verb } from '../shared/evidence';
import { nodeName, nodeRef } from './nodeHelpers';

/** containerd releases before this are out of upstream support. */
const MIN_CONTAINERD = { major: 1, minor: 7 };

/** `nodes.runtime-supported` @public */
export const runtimeSupported: ReadinessCheck = {
  id: 'nodes.runtime-supported',
  title: 'Supported container runtime',
  category: 'nodes',
  severity: 'high',
  description:
    "Kubernetes removed dockershim in 1.24, containerd releases before 1.7 no longer get fixes, and CRI-O versions follow Kubernetes minors. Each node's status.nodeInfo.containerRuntimeVersion is read and the worst node decides (v2): docker:// warns (below server 1.24 dockershim is deprecated and removed in 1.24; from 1.24 Docker Engine needs cri-dockerd, an extra component to keep patched); containerd:// below 1.7 warns, 1.7 or later passes; cri-o:// passes when its minor is the server's minor or one below (without a server version, the node's kubelet minor), else warns; any other runtime warns as unrecognised. A version that cannot be parsed is not judged, and neither is a node that reports no runtime; the result is unknown when no node can be judged, and not-applicable when there are no nodes.",
  rule: 'Per node, worst wins: docker:// warn; containerd:// < 1.7 warn, ≥ 1.7 pass; cri-o:// minor = server minor or one below pass, else warn (kubelet minor without a server version); any other runtime warn. unknown: no node reports a judgeable runtime.',
  remediation:
    'https://kubernetes.io/docs/setup/production-environment/container-runtimes/',
  reads: ['nodes'],
  evaluate({ index }) {
    const nodes = index.nodes;
    if (nodes.length === 0) {
      return { status: 'not-applicable', message: 'No nodes to check.' };
    }
    const server = index.serverMinor;
    const findings: Array<{ node: string; problem: string; line: string }> = [];
    const unjudged: string[] = [];
    const unjudgedEvidence: string[] = [];
    const okEvidence: string[] = [];
    const runtimes = new Set<string>();
    for (const n of nodes) {
      const runtime = n.status?.nodeInfo?.containerRuntimeVersion;
      const line = `${nodeRef(n)} .status.nodeInfo.containerRuntimeVersion ${
        runtime ?? 'missing'
      }`;
      if (!runtime) {
        unjudged.push(nodeName(n));
        unjudgedEvidence.push(line);
        continue;
      }
      const sep = runtime.indexOf('://');
      const scheme = sep >= 0 ? runtime.slice(0, sep).toLowerCase() : '';
      const version = parseMinorVersion(sep >= 0 ? runtime.slice(sep + 3) : '');
      const problem = judgeRuntime(scheme, version, server, n);
      if (problem === undefined) {
        runtimes.add(runtime);
        okEvidence.push(line);
      } else if (problem === null) {
        unjudged.push(nodeName(n));
        unjudgedEvidence.push(`${line} (version not parseable)`);
      } else {
        findings.push({ node: `${nodeName(n)} ${runtime}`, problem, line });
      }
    }
    const evidence = bounded([
      ...findings.map(f => f.line),
      ...unjudgedEvidence,
      ...okEvidence,
    ]);
    const unjudgedNote = unjudged.length
      ? `; runtime not judged on ${plural(unjudged.length, 'node')} (${nameFew(
          unjudged,
        )})`
      : '';
    if (findings.length) {
      const problems = [...new Set(findings.map(f => f.problem))];
      return {
        status: 'warn',
        message: `${plural(findings.length, 'node')} ${verb(
          findings.length,
          'need',
          'needs',
        )} runtime attention (${nameFew(
          findings.map(f => f.node),
        )}): ${problems.join('; ')}${unjudgedNote}.`,
        evidence,
      };
    }
    const judged = nodes.length - unjudged.length;
    if (judged === 0) {
      return {
        status: 'unknown',
        message:
          'No node reports a container runtime version that can be judged (status.nodeInfo.containerRuntimeVersion).',
        evidence,
      };
    }
    return {
      status: 'pass',
      message: `${judged === nodes.length ? 'All' : 'The'} ${plural(
        judged,
        judged === nodes.length ? 'node' : 'judged node',
      )} ${verb(judged, 'run', 'runs')} a supported runtime (${nameFew(
        [...runtimes].sort(),
        3,
      )})${unjudgedNote}.`,
      evidence,
    };
  },
};

/**
 * What is wrong with a node's runtime: undefined when supported, null when its
 * version cannot be judged, else the problem.
 */
function judgeRuntime(
  scheme: string,
  version: { major: number; minor: number } | undefined,
  server: { major: number; minor: number } | undefined,
  node: NodeObject,
): string | undefined | null {
  switch (scheme) {
    case 'docker':
      return server && (server.major > 1 || server.minor >= 24)
        ? 'Docker Engine needs cri-dockerd since Kubernetes 1.24, an extra component to keep patched; migrate to containerd or CRI-O'
        : 'Docker Engine runs through dockershim, deprecated and removed in Kubernetes 1.24; migrate to containerd or CRI-O before upgrading';
    case 'containerd':
      if (!version) return null;
      return version.major < MIN_CONTAINERD.major ||
        (version.major === MIN_CONTAINERD.major &&
          version.minor < MIN_CONTAINERD.minor)
        ? 'containerd older than 1.7 is out of support; upgrade containerd to 1.7 or 2.x'
        : undefined;
    case 'cri-o': {
      if (!version) return null;
      const reference =
        server ?? parseMinorVersion(node.status?.nodeInfo?.kubeletVersion);
      if (!reference) return null;
      const ok =
        version.major === reference.major &&
        (version.minor === reference.minor ||
          version.minor === reference.minor - 1);
      return ok
        ? undefined
        : `CRI-O ${version.major}.${version.minor} does not match Kubernetes ${
            reference.major
          }.${reference.minor} (${
            server ? 'server' : 'kubelet'
          }); CRI-O follows Kubernetes minors, so run CRI-O ${
            reference.major
          }.${reference.minor}`;
    }
    default:
      return 'unrecognised runtime: check it against the Container Runtimes page';
  }
}
