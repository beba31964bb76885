import {
  kubeadmControlPlane,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { managedSnapshot } from '../../__testUtils__/controlPlaneFactories';
import type { ClusterSnapshot } from '../../snapshot/ClusterSnapshot';

const ID = 'control-plane.version-supported';

function run(
  version: { major: string; minor: string; gitVersion?: string } | undefined,
  collectedAt = '2026-11-20T10:00:00Z',
  versionEndOfLife?: Record<string, string>,
) {
  const { nodes, pods } = kubeadmControlPlane();
  const snap: ClusterSnapshot = snapshot({ nodes, pods }, { collectedAt });
  // snapshot() defaults to v1.34.2; undefined means GET /version was not captured.
  if (version) snap.serverVersion = version;
  else delete snap.serverVersion;
  return resultOf(ID, snap, { versionEndOfLife });
}

const v = (minor: string) => ({
  major: '1',
  minor,
  gitVersion: `v1.${minor}.1`,
});

describe(ID, () => {
  // Built-in table: 1.34 reaches end of life on 2026-10-27, 1.35 on 2027-02-28.
  it.each([
    ['1.35 with 100 days left', v('35'), '2026-11-20T10:00:00Z', 'pass'],
    [
      '1.34 60 days + 1 s before end of life',
      v('34'),
      '2026-08-27T23:59:59Z',
      'pass',
    ],
    [
      '1.34 exactly 60 days before end of life',
      v('34'),
      '2026-08-28T00:00:00Z',
      'warn',
    ],
    [
      '1.34 one second before end of life',
      v('34'),
      '2026-10-26T23:59:59Z',
      'warn',
    ],
    ['1.34 on its end-of-life date', v('34'), '2026-10-27T00:00:00Z', 'fail'],
    ['1.34 after end of life', v('34'), '2026-11-20T10:00:00Z', 'fail'],
  ])('%s: %s', (_name, version, collectedAt, status) => {
    const r = run(version, collectedAt);
    expect(r.status).toBe(status);
    expect(r.evidence).toContain(
      `versionEndOfLife[1.${version.minor}] ${
        version.minor === '34' ? '2026-10-27' : '2027-02-28'
      }`,
    );
  });

  it('fails for a minor older than the table', () => {
    const r = run(v('16'));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('older than 1.19');
  });

  it('passes for a minor newer than the table', () => {
    const r = run(v('40'));
    expect(r.status).toBe('pass');
    expect(r.message).toContain('newer than 1.36');
  });

  it('uses rows from the versionEndOfLife option', () => {
    expect(
      run(v('34'), '2026-11-20T10:00:00Z', { '1.34': '2027-06-30' }).status,
    ).toBe('pass');
  });

  it('is unknown for a minor missing between two rows', () => {
    const r = run(v('38'), '2026-11-20T10:00:00Z', { '1.40': '2028-06-28' });
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('no row for 1.38');
  });

  it('reads provider minors such as "34+"', () => {
    const r = run({
      major: '1',
      minor: '34+',
      gitVersion: 'v1.34.1-gke.1234000',
    });
    expect(r.status).toBe('fail');
  });

  it('is unknown without a server version', () => {
    const r = run(undefined);
    expect(r.status).toBe('unknown');
    expect(r.missingReads).toEqual(['get /version']);
  });

  it('applies to managed control planes', () => {
    const r = resultOf(ID, managedSnapshot({}, { serverVersion: v('35') }));
    expect(r.status).toBe('pass');
  });
});
