import { resultOf, snapshot } from '../../__testUtils__/factories';

const ID = 'access.tls-verification';

describe(ID, () => {
  it('fails when the cluster is read without TLS verification', () => {
    const r = resultOf(
      ID,
      snapshot({}, { cluster: { name: 'lab', skipTLSVerify: true } }),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain('insecure-skip-tls-verify');
    expect(r.evidence).toEqual(['ClusterSnapshot .cluster.skipTLSVerify']);
  });

  it.each([
    ['false', { name: 'prod', skipTLSVerify: false }],
    ['absent', { name: 'prod' }],
  ])('passes when skipTLSVerify is %s', (_, cluster) => {
    expect(resultOf(ID, snapshot({}, { cluster })).status).toBe('pass');
  });
});
