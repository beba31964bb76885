import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerCertificate } from 'node:tls';
import {
  defaultKubeconfigPath,
  DirectTransport,
  toServerCertificate,
} from './DirectTransport';
import { KubeconfigError } from './errors';

const dir = mkdtempSync(join(tmpdir(), 'direct-transport-'));

function kubeconfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const TWO_CONTEXTS = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://user:pw@10.0.0.1:6443/prefix
    insecure-skip-tls-verify: true
- name: broken
  cluster: {}
contexts:
- name: prod-admin
  context: { cluster: prod, user: admin }
- name: broken-ctx
  context: { cluster: broken, user: admin }
current-context: prod-admin
users:
- name: admin
  user:
    token: s3cr3t-token-value
`;

describe('DirectTransport.fromKubeconfig', () => {
  it('reads the cluster of the current context or of --context', async () => {
    const path = kubeconfig('two.yaml', TWO_CONTEXTS);
    const transport = await DirectTransport.fromKubeconfig({
      kubeconfigPath: path,
    });
    expect(transport.target).toEqual({
      name: 'prod',
      server: 'https://10.0.0.1:6443/prefix',
      skipTLSVerify: true,
    });
    transport.close();
    const renamed = await DirectTransport.fromKubeconfig({
      kubeconfigPath: path,
      context: 'prod-admin',
      name: 'prod-eu-1',
    });
    expect(renamed.target.name).toBe('prod-eu-1');
    renamed.close();
  });

  it('says in one line what is wrong, naming the file and never the token', async () => {
    const path = kubeconfig('two2.yaml', TWO_CONTEXTS);
    const fail = (
      options: Parameters<typeof DirectTransport.fromKubeconfig>[0],
    ) =>
      DirectTransport.fromKubeconfig(options).then(
        () => {
          throw new Error('expected a failure');
        },
        e => e,
      );
    const missing = await fail({ kubeconfigPath: join(dir, 'nope.yaml') });
    expect(missing).toBeInstanceOf(KubeconfigError);
    expect(missing.message).toBe(
      `kubeconfig ${join(dir, 'nope.yaml')}: no such file`,
    );

    const unknown = await fail({ kubeconfigPath: path, context: 'staging' });
    expect(unknown.message).toBe(
      `kubeconfig ${path}: no context 'staging' (contexts: prod-admin, broken-ctx)`,
    );
    const noServer = await fail({
      kubeconfigPath: path,
      context: 'broken-ctx',
    });
    expect(noServer.message).toBe(
      `kubeconfig ${path}: context 'broken-ctx' has no cluster with a server`,
    );
    const garbage = await fail({
      kubeconfigPath: kubeconfig(
        'bad.yaml',
        'users: [token: s3cr3t-token-value\n  - : :',
      ),
    });
    expect(garbage).toBeInstanceOf(KubeconfigError);
    expect(garbage.message).not.toContain('s3cr3t');
    expect(garbage.message).not.toContain('\n');

    const noContext = await fail({
      kubeconfigPath: kubeconfig(
        'empty.yaml',
        'apiVersion: v1\nkind: Config\n',
      ),
    });
    expect(noContext.message).toMatch(/no current context; pass --context$/);
  });

  it('defaults to the first path of KUBECONFIG, else ~/.kube/config', () => {
    expect(defaultKubeconfigPath({ KUBECONFIG: '/a/one:/b/two' })).toBe(
      '/a/one',
    );
    expect(defaultKubeconfigPath({})).toMatch(/\.kube\/config$/);
  });
});

describe('toServerCertificate', () => {
  it('turns the peer certificate into notAfter/subject/issuer', () => {
    const cert = {
      valid_to: 'May  1 00:00:00 2027 GMT',
      subject: { CN: 'kube-apiserver' },
      issuer: { CN: 'kubernetes' },
    } as unknown as PeerCertificate;
    expect(toServerCertificate(cert)).toEqual({
      notAfter: '2027-05-01T00:00:00Z',
      subject: 'CN=kube-apiserver',
      issuer: 'CN=kubernetes',
    });
    expect(toServerCertificate({} as PeerCertificate)).toBeUndefined();
  });
});
