import { parseMinorVersion } from '../../engine/SnapshotIndex';
import type { ReadinessCheck } from '../ReadinessCheck';
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
    "Kubernetes removed dockershim in 1.24, and containerd releases before 1.7 no longer get fixes. Each node's status.nodeInfo.containerRuntimeVersion is read: docker:// (Docker Engine, including through cri-dockerd) fails; containerd:// below 1.7 warns; containerd 1.7 or later, CRI-O and other CRI runtimes pass. A containerd version that cannot be parsed is not judged, and neither is a node that reports no runtime; the result is unknown when no node reports one, and not-applicable when there are no nodes.",
  rule: 'Any docker:// runtime: fail; any containerd:// older than 1.7: warn; otherwise pass.',
  remediation:
    'https://kubernetes.io/docs/setup/production-environment/container-runtimes/',
  reads: ['nodes'],
  evaluate({ index }) {
    const nodes = index.nodes;
    if (nodes.length === 0) {
      return { status: 'not-applicable', message: 'No nodes to check.' };
    }
    const docker: string[] = [];
    const dockerEvidence: string[] = [];
    const oldContainerd: string[] = [];
    const oldEvidence: string[] = [];
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
      const scheme = runtime.includes('://')
        ? runtime.slice(0, runtime.indexOf('://')).toLowerCase()
        : '';
      if (scheme === 'docker') {
        docker.push(`${nodeName(n)} ${runtime}`);
        dockerEvidence.push(line);
      } else if (scheme === 'containerd') {
        const v = parseMinorVersion(runtime.slice('containerd://'.length));
        if (!v) {
          unjudged.push(nodeName(n));
          unjudgedEvidence.push(`${line} (version not parseable)`);
        } else if (
          v.major < MIN_CONTAINERD.major ||
          (v.major === MIN_CONTAINERD.major && v.minor < MIN_CONTAINERD.minor)
        ) {
          oldContainerd.push(`${nodeName(n)} ${runtime}`);
          oldEvidence.push(line);
        } else {
          runtimes.add(runtime);
          okEvidence.push(line);
        }
      } else {
        runtimes.add(runtime);
        okEvidence.push(line);
      }
    }
    const evidence = bounded([
      ...dockerEvidence,
      ...oldEvidence,
      ...unjudgedEvidence,
      ...okEvidence,
    ]);
    const unjudgedNote = unjudged.length
      ? `; runtime not judged on ${plural(unjudged.length, 'node')} (${nameFew(
          unjudged,
        )})`
      : '';
    if (docker.length) {
      return {
        status: 'fail',
        message: `${plural(docker.length, 'node')} ${verb(
          docker.length,
          'run',
          'runs',
        )} Docker Engine, which Kubernetes no longer supports natively: ${nameFew(
          docker,
        )}; migrate them to containerd or CRI-O${unjudgedNote}.`,
        evidence,
      };
    }
    if (oldContainerd.length) {
      return {
        status: 'warn',
        message: `${plural(oldContainerd.length, 'node')} ${verb(
          oldContainerd.length,
          'run',
          'runs',
        )} containerd older than 1.7, which is out of support: ${nameFew(
          oldContainerd,
        )}; upgrade containerd to 1.7 or 2.x${unjudgedNote}.`,
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
