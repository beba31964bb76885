import type {
  ClusterSnapshot,
  ResourceError,
} from '@cluster-readiness/backstage-plugin-common';
import {
  CollectProgressEvent,
  collectSnapshot,
  DirectTransport,
  writeSnapshot,
} from '@cluster-readiness/backstage-plugin-node';

/** Options shared by `collect` and `evaluate --kubeconfig`. */
export interface LiveOptions {
  kubeconfig?: string;
  context?: string;
  concurrency?: number;
  /** Seconds. */
  requestTimeout?: number;
  /** Seconds. */
  timeout?: number;
  clusterName?: string;
  controlPlane?: 'managed' | 'self-hosted';
}

export interface CollectCommandOptions extends LiveOptions {
  output?: string;
  trim: boolean;
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const number = new Intl.NumberFormat('en-US');

function describeError(error: ResourceError): string {
  return `${error.code} ${error.reason}`;
}

/**
 * Progress on a terminal: one line per finished resource, and a status line of the
 * lists still being read, rewritten in place.
 */
function terminalProgress(stderr: NodeJS.WritableStream) {
  const running = new Map<string, number>();
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) stderr.write('\r\u001b[K');
    statusShown = false;
  };
  const showStatus = () => {
    if (!running.size) return;
    const parts = [...running].map(([key, n]) => `${key} ${number.format(n)}`);
    const line = `  … ${parts.join(' · ')}`;
    const width = (stderr as { columns?: number }).columns ?? 100;
    stderr.write(
      line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line,
    );
    statusShown = true;
  };
  return {
    onProgress(event: CollectProgressEvent) {
      clearStatus();
      if (event.done) {
        running.delete(event.key);
        stderr.write(
          event.error
            ? `  ✗ ${event.key}: ${describeError(event.error)}\n`
            : `  ✓ ${event.key} ${number.format(event.items)}\n`,
        );
      } else {
        running.set(event.key, event.items);
      }
      showStatus();
    },
    end() {
      clearStatus();
    },
  };
}

/**
 * Collects a snapshot from the cluster of a kubeconfig context. Progress goes to
 * stderr only when it is a terminal.
 */
export async function collectLive(
  opts: LiveOptions & { trim?: boolean },
  io: Io,
): Promise<ClusterSnapshot> {
  const transport = await DirectTransport.fromKubeconfig({
    kubeconfigPath: opts.kubeconfig,
    context: opts.context,
    name: opts.clusterName,
    maxSockets: opts.concurrency,
  });
  const progress = io.stderr.isTTY ? terminalProgress(io.stderr) : undefined;
  if (progress) {
    io.stderr.write(
      `Collecting cluster '${transport.target.name}'${
        transport.target.server ? ` (${transport.target.server})` : ''
      }\n`,
    );
  }
  try {
    return await collectSnapshot(transport, {
      concurrency: opts.concurrency,
      requestTimeoutMs:
        opts.requestTimeout !== undefined
          ? opts.requestTimeout * 1000
          : undefined,
      deadlineMs: opts.timeout !== undefined ? opts.timeout * 1000 : undefined,
      trim: opts.trim ?? true,
      controlPlane: opts.controlPlane,
      onProgress: progress?.onProgress,
    });
  } finally {
    progress?.end();
    transport.close();
  }
}

export async function collectCommand(
  opts: CollectCommandOptions,
  io: Io,
): Promise<number> {
  const snapshot = await collectLive(opts, io);
  const toStdout = !opts.output || opts.output === '-';
  await writeSnapshot(snapshot, toStdout ? (io.stdout as any) : opts.output!);
  if (io.stderr.isTTY) {
    const lists = Object.values(snapshot.resources);
    const errors = lists.filter(l => l.error).length;
    io.stderr.write(
      `Collected ${lists.length} resources${
        errors ? ` (${errors} could not be read)` : ''
      }${toStdout ? '' : ` into ${opts.output}`}\n`,
    );
  }
  return 0;
}
