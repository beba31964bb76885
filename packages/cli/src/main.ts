import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import { SnapshotValidationError } from '@cluster-readiness/backstage-plugin-common';
import {
  ClusterCollectionError,
  fileProblem,
  isFileSystemError,
  KubeconfigError,
} from '@cluster-readiness/backstage-plugin-node';
import { CliError } from './CliError';
import { collectCommand } from './commands/collect';
import { convertCommand } from './commands/convert';
import { evaluateCommand } from './commands/evaluate';
import { checksCommand } from './commands/checks';
import { version } from '../package.json';

/** Exit codes: 0 ready, 1 the gate failed, 2 bad input. */
export const EXIT_GATE = 1;
export const EXIT_INPUT = 2;

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError('expected a whole number');
  }
  return n;
}

function positiveInteger(value: string): number {
  const n = integer(value);
  if (n < 1)
    throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('expected a number of seconds above 0');
  }
  return n;
}

/** Options that read a live cluster (`collect`, `evaluate --kubeconfig`). */
function addLiveOptions(command: Command): Command {
  return command
    .option(
      '--kubeconfig <file>',
      'kubeconfig to read the cluster with (default: $KUBECONFIG, else ~/.kube/config)',
    )
    .option(
      '--context <name>',
      'kubeconfig context (default: the current context)',
    )
    .option(
      '--concurrency <n>',
      'requests in flight at once (default 4)',
      positiveInteger,
    )
    .option(
      '--request-timeout <seconds>',
      'time for one request (default 15)',
      seconds,
    )
    .option(
      '--timeout <seconds>',
      'time for the whole collection (default 120)',
      seconds,
    );
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Runs the CLI; resolves with the exit code instead of exiting, so tests can call it.
 */
export async function main(
  argv: string[],
  io: {
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream & { isTTY?: boolean };
  } = process,
): Promise<number> {
  const program = new Command()
    .name(
      /kubectl-readiness$/.test(argv[1] ?? '')
        ? 'kubectl readiness'
        : 'cluster-readiness',
    )
    .description('How production-ready is a Kubernetes cluster?')
    .version(version, '-V, --version', 'print the version of cluster-readiness')
    .exitOverride()
    .configureOutput({
      writeOut: s => io.stdout.write(s),
      writeErr: s => io.stderr.write(s),
    })
    .showHelpAfterError(false);

  let code = 0;

  addLiveOptions(
    program
      .command('collect')
      .description(
        'Read a live cluster (GET only, never secrets) into a ClusterSnapshot file',
      ),
  )
    .option(
      '-o, --output <file>',
      'snapshot file to write ("-" or none: standard output)',
    )
    .option(
      '--no-trim',
      'keep whole objects instead of only the fields the checks read',
    )
    .option(
      '--cluster-name <name>',
      'cluster name to record (default: the kubeconfig cluster name)',
    )
    .addOption(
      new Option(
        '--control-plane <mode>',
        'record whether the control plane is managed',
      ).choices(['managed', 'self-hosted']),
    )
    .action(async opts => {
      code = await collectCommand(opts, io);
    });

  const evaluate = program
    .command('evaluate')
    .description(
      'Evaluate a ClusterSnapshot, kubectl output (a List, typed lists, JSON or YAML), a directory (kubectl cluster-info dump), a support bundle (.tar.gz) or a live cluster (--kubeconfig/--context) against every check',
    )
    .argument(
      '[path]',
      'snapshot, kubectl JSON/YAML file, directory or support bundle .tar.gz ("-" reads standard input); see docs/snapshot.md',
    );
  addLiveOptions(evaluate)
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'sarif', 'junit'])
        .default('table'),
    )
    .option(
      '-o, --output <file>',
      'write the report to a file instead of standard output',
    )
    .option('--waivers <file>', 'YAML or JSON waiver file')
    .option(
      '--fail-under <score>',
      'exit 1 when the score is below this (0-100)',
      integer,
    )
    .addOption(
      new Option(
        '--fail-on <status>',
        'exit 1 on any unwaived result of this status or worse',
      ).choices(['fail', 'warn']),
    )
    .option(
      '--cluster-name <name>',
      'cluster name for kubectl output, a directory or a bundle (default: the file name) or a live cluster',
    )
    .option(
      '--collected-at <time>',
      'reference time for kubectl output, a directory or a bundle (ISO 8601; default: the newest time in the items)',
    )
    .option(
      '--system-namespace <ns>',
      "treat this namespace as a system namespace (repeatable; a trailing * matches a prefix, e.g. 'cattle-*')",
      collect,
      [],
    )
    .option(
      '--min-workers <n>',
      'ready workers needed to pass nodes.worker-count (default 3)',
      integer,
    )
    .option(
      '--cluster-admin-limit <n>',
      'cluster-admin subjects above which to warn (default 3)',
      integer,
    )
    .addOption(
      new Option(
        '--control-plane <mode>',
        'override what the snapshot says about the control plane',
      ).choices(['managed', 'self-hosted']),
    )
    .action(async (file: string | undefined, opts) => {
      code = await evaluateCommand(file, opts, io);
    });

  program
    .command('convert')
    .description(
      'Read kubectl output (a List, typed lists, JSON or YAML), a directory (kubectl cluster-info dump) or a support bundle (.tar.gz) into one ClusterSnapshot, e.g. to push it to the backend',
    )
    .argument(
      '<path>',
      'file, directory or support bundle .tar.gz ("-" reads standard input); see docs/snapshot.md',
    )
    .option(
      '-o, --output <file>',
      'snapshot file to write ("-" or none: standard output)',
    )
    .option(
      '--no-trim',
      'keep whole objects instead of only the fields the checks read',
    )
    .option(
      '--cluster-name <name>',
      'cluster name to record (default: the file name)',
    )
    .option(
      '--collected-at <time>',
      'reference time (ISO 8601; default: the newest time in the items)',
    )
    .action(async (path: string, opts) => {
      code = await convertCommand(path, opts, io);
    });

  program
    .command('checks')
    .description('List every check with its id, category, severity and rule')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table'),
    )
    .action(opts => {
      checksCommand(opts, io);
    });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help).
      return e.exitCode === 0 ? 0 : EXIT_INPUT;
    }
    if (
      e instanceof SnapshotValidationError ||
      e instanceof CliError ||
      e instanceof ClusterCollectionError ||
      e instanceof KubeconfigError
    ) {
      io.stderr.write(`cluster-readiness: ${e.message}\n`);
      return EXIT_INPUT;
    }
    // Never an exception's own text: it may quote a credential or a file's content.
    if (isFileSystemError(e)) {
      io.stderr.write(
        `cluster-readiness: ${e.path ?? 'a file'}: ${fileProblem(e)}\n`,
      );
    } else {
      io.stderr.write(
        'cluster-readiness: unexpected error (a bug: please report it)\n',
      );
    }
    return EXIT_INPUT;
  }
}
