import type { CheckOutcome, ReadinessCheck } from '../ReadinessCheck';
import {
  apiserverFlags,
  describeSource,
  unknownFlagsOutcome,
  whyNoApiserverFlags,
} from '../shared/apiserverFlags';

const FLAG = 'anonymous-auth';
import { bounded } from '../shared/evidence';

const PROBE_EVIDENCE = 'ClusterSnapshot .anonymousProbe.status';

function fromProbe(status: number): CheckOutcome | undefined {
  if (status === 401) {
    return {
      status: 'pass',
      message:
        'Anonymous GET /api is rejected with 401: anonymous authentication is off.',
      evidence: [PROBE_EVIDENCE],
    };
  }
  if (status === 403) {
    return {
      status: 'warn',
      message:
        'Anonymous GET /api returns 403: anonymous requests are authenticated and only RBAC stops them; set --anonymous-auth=false or limit anonymous access to health endpoints.',
      evidence: [PROBE_EVIDENCE],
    };
  }
  if (status >= 200 && status < 300) {
    return {
      status: 'fail',
      message: `Anonymous GET /api returns ${status}: anyone who reaches the API server can read it; set --anonymous-auth=false.`,
      evidence: [PROBE_EVIDENCE],
    };
  }
  return undefined;
}

/** `access.anonymous-auth` @public */
export const anonymousAuth: ReadinessCheck = {
  id: 'access.anonymous-auth',
  title: 'Anonymous requests are rejected',
  category: 'access',
  severity: 'high',
  description:
    'With anonymous authentication on (the kube-apiserver default), requests without credentials are treated as system:anonymous, and a single careless binding opens the API to anyone who can reach it. The collector sends GET /api without credentials: 401 means anonymous authentication is off, 403 that it is on but RBAC denies the request, 2xx that anonymous requests are served. Other probe statuses (5xx, 429, redirects) say nothing about authentication and are treated like a missing probe. Without a usable probe the kube-apiserver flags decide (checks.md v2), from the first source that exists (mirror pods, or k3s/RKE2 server node-args with the distribution’s documented default, false on both): --anonymous-auth=false on every instance passes; true, or the flag absent (the kube-apiserver default is true), warns, since anonymous requests then reach authorization. OpenShift’s config does not show the flag: unknown, as with no source at all.',
  rule: 'Probe 401: pass; 403: warn; 2xx: fail. No usable probe: --anonymous-auth=false on every instance: pass; true or absent (k3s/RKE2: the defaults table decides): warn; no flags visible: unknown.',
  remediation:
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
  reads: [],
  evaluate({ index }) {
    const probe = index.snapshot.anonymousProbe?.status;
    const verdict = probe === undefined ? undefined : fromProbe(probe);
    if (verdict) return verdict;
    const noProbe =
      probe === undefined
        ? 'no anonymous probe was captured'
        : `the anonymous probe returned ${probe}, which does not show how anonymous requests are handled`;

    const sets = apiserverFlags(index);
    if (sets.length) {
      const unknown = unknownFlagsOutcome(sets, [FLAG]);
      if (unknown) {
        return {
          ...unknown,
          message: `${unknown.message.replace(/\.$/, '')}; ${noProbe}.`,
        };
      }
      const evidence = bounded(sets.map(s => s.origin(FLAG)));
      const enabled = sets.filter(s => s.flags.get(FLAG) !== 'false');
      if (enabled.length === 0) {
        return {
          status: 'pass',
          message: `kube-apiserver runs with --anonymous-auth=false (from ${describeSource(
            sets[0],
          )}).`,
          evidence,
        };
      }
      const value = enabled[0].flags.get(FLAG);
      return {
        status: 'warn',
        message: `Anonymous authentication is on (${
          value === undefined
            ? '--anonymous-auth not set: kube-apiserver defaults to true'
            : `--anonymous-auth=${value}`
        } on ${enabled.length} of ${
          sets.length
        } instances, from ${describeSource(
          enabled[0],
        )}), so anonymous requests reach authorization; set --anonymous-auth=false or limit anonymous access to health endpoints.`,
        evidence,
      };
    }
    return {
      status: 'unknown',
      message: `Cannot tell whether anonymous requests are accepted: ${noProbe} and ${whyNoApiserverFlags(
        index,
      )}.`,
      ...(index.state('pods') === 'collected'
        ? {}
        : { missingReads: ['list pods'] }),
      evidence:
        probe === undefined
          ? ['anonymousProbe: not in the snapshot']
          : [PROBE_EVIDENCE],
    };
  },
};
