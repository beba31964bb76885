import { ANNOTATIONS_READ, readNodeArgs } from './nodeArgs';
import { node } from '../__testUtils__/factories';
import { k3sServer, rke2Server } from '../__testUtils__/distributionFactories';

describe('readNodeArgs', () => {
  it('reads k3s server args and --kube-apiserver-arg in both forms', () => {
    const args = readNodeArgs(
      k3sServer('s1', [
        '--cluster-init',
        '--kube-apiserver-arg',
        'anonymous-auth=false',
        '--kube-apiserver-arg=audit-log-path=/var/log/audit.log',
        '--disable',
        'traefik',
      ]),
      'k3s',
    );
    expect(args?.role).toBe('server');
    expect(args?.ref).toBe('Node/s1 annotation k3s.io/node-args');
    expect(Object.fromEntries(args!.apiserver)).toEqual({
      'anonymous-auth': 'false',
      'audit-log-path': '/var/log/audit.log',
    });
    expect(args?.args.get('cluster-init')).toBe('true');
    expect(args?.args.get('disable')).toBe('traefik');
  });

  it('counts k3s --secrets-encryption as --encryption-provider-config set', () => {
    const on = readNodeArgs(k3sServer('s1', ['--secrets-encryption']), 'k3s');
    expect(on?.apiserver.get('encryption-provider-config')).toBe(
      '(k3s --secrets-encryption)',
    );
    const off = readNodeArgs(
      k3sServer('s1', ['--secrets-encryption', 'false']),
      'k3s',
    );
    expect(off?.apiserver.has('encryption-provider-config')).toBe(false);
  });

  it('reads RKE2 node-args from rke2.io/node-args only', () => {
    const server = rke2Server('r1', [
      '--kube-apiserver-arg',
      'anonymous-auth=true',
    ]);
    expect(readNodeArgs(server, 'rke2')?.apiserver.get('anonymous-auth')).toBe(
      'true',
    );
    expect(readNodeArgs(server, 'k3s')).toBeUndefined();
  });

  it('ignores a missing or malformed annotation', () => {
    expect(readNodeArgs(node('n1'), 'k3s')).toBeUndefined();
    for (const raw of ['not json', '{"a":1}', '["server", 3]']) {
      expect(
        readNodeArgs(
          node('n1', { annotations: { 'k3s.io/node-args': raw } }),
          'k3s',
        ),
      ).toBeUndefined();
    }
  });
});

describe('ANNOTATIONS_READ', () => {
  it('lists every annotation the engine reads, for readers that trim objects', () => {
    expect(ANNOTATIONS_READ).toEqual([
      'k3s.io/node-args',
      'rke2.io/node-args',
      'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint',
    ]);
  });
});
