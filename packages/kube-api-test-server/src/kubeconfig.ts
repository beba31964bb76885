import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (s: string) => JSON.stringify(s);

/** Renders a kubeconfig (the `v1 Config` kubectl reads) for one cluster, user and context. */
export function renderKubeconfig(options: {
  server: string;
  name: string;
  token?: string;
  caPem?: string;
  insecure?: boolean;
  namespace?: string;
}): string {
  const { server, name, token, caPem, insecure, namespace } = options;
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${q(name)}`,
    '  cluster:',
    `    server: ${q(server)}`,
  ];
  if (insecure) {
    lines.push('    insecure-skip-tls-verify: true');
  } else if (caPem) {
    lines.push(
      `    certificate-authority-data: ${Buffer.from(caPem).toString(
        'base64',
      )}`,
    );
  }
  lines.push(
    'contexts:',
    `- name: ${q(name)}`,
    '  context:',
    `    cluster: ${q(name)}`,
    `    user: ${q(name)}`,
  );
  if (namespace) lines.push(`    namespace: ${q(namespace)}`);
  lines.push(`current-context: ${q(name)}`, 'preferences: {}', 'users:');
  lines.push(`- name: ${q(name)}`);
  lines.push(token ? `  user:\n    token: ${q(token)}` : '  user: {}');
  return `${lines.join('\n')}\n`;
}

export function writeKubeconfigFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { mode: 0o600 });
}
