import {
  readSnapshot,
  writeSnapshot,
} from '@cluster-readiness/backstage-plugin-node';
import { CliError } from '../CliError';

export interface ConvertCommandOptions {
  output?: string;
  trim: boolean;
  clusterName?: string;
  collectedAt?: string;
}

interface Io {
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Reads any input `evaluate` takes (kubectl output, a directory, a support bundle)
 * and writes it as one ClusterSnapshot, e.g. to push it with `POST /snapshots`.
 */
export async function convertCommand(
  path: string,
  opts: ConvertCommandOptions,
  io: Io,
): Promise<number> {
  if (
    opts.collectedAt !== undefined &&
    Number.isNaN(Date.parse(opts.collectedAt))
  ) {
    throw new CliError(
      `--collected-at: expected an ISO 8601 time, got '${opts.collectedAt}'`,
    );
  }
  const snapshot = await readSnapshot(
    path === '-' ? (process.stdin as any) : path,
    {
      source: path === '-' ? 'stdin' : path,
      trim: opts.trim,
      clusterName: opts.clusterName,
      collectedAt: opts.collectedAt && new Date(opts.collectedAt).toISOString(),
      onNotice: message => io.stderr.write(`cluster-readiness: ${message}\n`),
    },
  );
  const toStdout = !opts.output || opts.output === '-';
  await writeSnapshot(snapshot, toStdout ? (io.stdout as any) : opts.output!);
  if (!toStdout && io.stderr.isTTY) {
    const keys = Object.keys(snapshot.resources);
    io.stderr.write(
      `cluster-readiness: wrote ${snapshot.cluster.name} (${keys.length} resource keys) into ${opts.output}\n`,
    );
  }
  return 0;
}
