import { writeFile } from 'node:fs/promises';
import {
  BUILTIN_CHECKS,
  checkMetadata,
  ClusterReport,
  evaluate,
  EvaluateOptions,
  isWaived,
  toJunit,
  toSarif,
} from '@cluster-readiness/backstage-plugin-common';
import {
  readSnapshot,
  readWaiversFile,
} from '@cluster-readiness/backstage-plugin-node';
import { CliError } from '../CliError';
import { formatTable } from '../output/formatTable';
import { collectLive, LiveOptions } from './collect';

export interface EvaluateCommandOptions extends LiveOptions {
  format: 'table' | 'json' | 'sarif' | 'junit';
  output?: string;
  waivers?: string;
  failUnder?: number;
  failOn?: 'fail' | 'warn';
  clusterName?: string;
  collectedAt?: string;
  systemNamespace: string[];
  minWorkers?: number;
  clusterAdminLimit?: number;
  controlPlane?: 'managed' | 'self-hosted';
}

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function render(report: ClusterReport, format: EvaluateCommandOptions['format'], colour: boolean): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif([report], BUILTIN_CHECKS.map(checkMetadata)), null, 2)}\n`;
    case 'junit':
      return toJunit(report);
    default:
      return formatTable(report, colour);
  }
}

/** Why the gate fails, or undefined when it passes. */
export function gateFailure(report: ClusterReport, opts: Pick<EvaluateCommandOptions, 'failUnder' | 'failOn'>): string | undefined {
  if (opts.failUnder !== undefined) {
    if (opts.failUnder > 100) throw new CliError('--fail-under: expected a score from 0 to 100');
    if (report.score === null || report.score < opts.failUnder) {
      return `score ${report.score ?? 'none'} is below ${opts.failUnder}`;
    }
  }
  if (opts.failOn) {
    const bad = report.checks.filter(
      r => !isWaived(r) && (r.status === 'fail' || (opts.failOn === 'warn' && r.status === 'warn')),
    );
    if (bad.length) {
      return `${bad.length} check(s) ${opts.failOn === 'warn' ? 'warn or fail' : 'fail'}: ${bad.map(r => r.id).join(', ')}`;
    }
  }
  return undefined;
}

/** Reads the snapshot of a file, or collects one when `--kubeconfig`/`--context` is given. */
async function loadSnapshot(file: string | undefined, opts: EvaluateCommandOptions, io: Io) {
  const live = opts.kubeconfig !== undefined || opts.context !== undefined;
  if (file !== undefined && live) {
    throw new CliError('evaluate: give either a snapshot file or --kubeconfig/--context, not both');
  }
  if (file === undefined && !live) {
    throw new CliError('evaluate: give a snapshot file, or --kubeconfig/--context to collect from a live cluster');
  }
  if (live) {
    if (opts.collectedAt !== undefined) {
      throw new CliError('--collected-at applies to a file; a live collection is stamped with the current time');
    }
    return collectLive(opts, io);
  }
  if (opts.collectedAt !== undefined && Number.isNaN(Date.parse(opts.collectedAt))) {
    throw new CliError(`--collected-at: expected an ISO 8601 time, got '${opts.collectedAt}'`);
  }
  return readSnapshot(file === '-' ? process.stdin : file!, {
    source: file === '-' ? 'stdin' : file,
    clusterName: opts.clusterName,
    collectedAt: opts.collectedAt && new Date(opts.collectedAt).toISOString(),
    onNotice: message => io.stderr.write(`cluster-readiness: ${message}\n`),
  });
}

export async function evaluateCommand(file: string | undefined, opts: EvaluateCommandOptions, io: Io): Promise<number> {
  const snapshot = await loadSnapshot(file, opts, io);
  const options: EvaluateOptions = {
    extraSystemNamespaces: opts.systemNamespace,
    minWorkerNodes: opts.minWorkers,
    clusterAdminSubjectLimit: opts.clusterAdminLimit,
    controlPlane: opts.controlPlane,
    waivers: opts.waivers ? await readWaiversFile(opts.waivers) : [],
  };
  const report = evaluate(snapshot, options);
  const colour = !opts.output && !!io.stdout.isTTY && !process.env.NO_COLOR;
  const text = render(report, opts.format, colour);
  if (opts.output) {
    await writeFile(opts.output, text);
  } else {
    io.stdout.write(text);
  }
  const failure = gateFailure(report, opts);
  if (failure) {
    io.stderr.write(`cluster-readiness: gate failed: ${failure}\n`);
    return 1;
  }
  return 0;
}
