import {
  BUILTIN_CHECKS,
  checkMetadata,
} from '@cluster-readiness/backstage-plugin-common';

export function checksCommand(
  opts: { format: 'table' | 'json' },
  io: { stdout: NodeJS.WritableStream },
): void {
  const checks = BUILTIN_CHECKS.map(checkMetadata);
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
    return;
  }
  const width = Math.max(...checks.map(c => c.id.length));
  for (const c of checks) {
    io.stdout.write(`${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.title}\n`);
  }
}
