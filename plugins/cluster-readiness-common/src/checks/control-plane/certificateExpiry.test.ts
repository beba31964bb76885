import {
  ago,
  DAY,
  HOUR,
  kubeadmControlPlane,
  resultOf,
  snapshot,
} from '../../__testUtils__/factories';
import { managedSnapshot } from '../../__testUtils__/controlPlaneFactories';

const ID = 'control-plane.certificate-expiry';
const SECOND = 1000;

/** A certificate whose notAfter is `left` ms after COLLECTED_AT. */
function certificate(left: number) {
  return {
    notAfter: ago(-left),
    subject: 'CN=kube-apiserver',
    issuer: 'CN=kubernetes',
  };
}

function run(left: number) {
  const { nodes, pods } = kubeadmControlPlane();
  return resultOf(
    ID,
    snapshot({ nodes, pods }, { serverCertificate: certificate(left) }),
  );
}

describe(ID, () => {
  it.each([
    [180 * DAY, 'pass'],
    [30 * DAY + SECOND, 'pass'],
    [30 * DAY, 'warn'],
    [7 * DAY, 'warn'],
    [7 * DAY - SECOND, 'fail'],
    [HOUR, 'fail'],
    [-DAY, 'fail'],
  ])('notAfter %ims after the reference time: %s', (left, status) => {
    const r = run(left);
    expect(r.status).toBe(status);
    expect(r.evidence).toEqual([`serverCertificate .notAfter ${ago(-left)}`]);
  });

  it('says when the certificate already expired', () => {
    expect(run(-2 * DAY).message).toContain('expired 2d ago');
  });

  it('is unknown when the certificate was not captured', () => {
    const { nodes, pods } = kubeadmControlPlane();
    const r = resultOf(ID, snapshot({ nodes, pods }));
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('not captured');
  });

  it('applies to managed control planes', () => {
    const r = resultOf(
      ID,
      managedSnapshot({}, { serverCertificate: certificate(5 * DAY) }),
    );
    expect(r.status).toBe('fail');
  });
});
