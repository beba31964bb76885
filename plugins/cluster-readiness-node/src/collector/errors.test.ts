import {
  ClusterCollectionError,
  ClusterUnreachableError,
  displayServer,
  redactCredentials,
} from './errors';

describe('redactCredentials', () => {
  it('removes tokens, passwords, JWTs and URL user info, on one line', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(
      redactCredentials(
        `Authorization: Bearer abc.def-123\nurl https://admin:hunter2@h:6443 token=xyz password: "p" ${jwt} Basic dXNlcjpwdw==`,
      ),
    ).toBe(
      'Authorization: Bearer [redacted] url https://h:6443 token=[redacted] password: "[redacted]" [redacted] Basic [redacted]',
    );
    expect(
      redactCredentials('leaked my-secret-value here', ['my-secret-value']),
    ).toBe('leaked [redacted] here');
  });

  it('keeps errors one line, naming the cluster and the cause', () => {
    const e = new ClusterUnreachableError(
      'prod',
      'cannot reach\nhttps://h: Bearer tok',
      'ECONNREFUSED',
    );
    expect(e).toBeInstanceOf(ClusterCollectionError);
    expect(e.name).toBe('ClusterUnreachableError');
    expect(e.message).toBe(
      "cluster 'prod': cannot reach https://h: Bearer [redacted]",
    );
    expect(e.cluster).toBe('prod');
    expect(e.cause).toBe('cannot reach https://h: Bearer [redacted]');
    expect(e.code).toBe('ECONNREFUSED');
  });

  it('shows a server without credentials', () => {
    expect(displayServer('https://u:p@h:6443/?token=x#f')).toBe(
      'https://h:6443',
    );
    expect(displayServer(undefined)).toBeUndefined();
  });
});
