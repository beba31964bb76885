import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SnapshotValidationError } from '@cluster-readiness/backstage-plugin-common';
import { CliError } from './CliError';
import { evaluateCommand } from './commands/evaluate';
import { checksCommand } from './commands/checks';

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

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Runs the CLI; resolves with the exit code instead of exiting, so tests can call it.
 */
export async function main(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream & { isTTY?: boolean } } = process,
): Promise<number> {
  const program = new Command()
    .name(/kubectl-readiness$/.test(argv[1] ?? '') ? 'kubectl readiness' : 'cluster-readiness')
    .description('How production-ready is a Kubernetes cluster?')
    .exitOverride()
    .configureOutput({
      writeOut: s => io.stdout.write(s),
      writeErr: s => io.stderr.write(s),
    })
    .showHelpAfterError(false);

  let code = 0;

  program
    .command('evaluate')
    .description(
      'Evaluate a ClusterSnapshot or a kubectl List (kubectl get … -A -o json) against every check',
    )
    .argument('<file>', 'snapshot or kubectl List JSON file ("-" reads standard input)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'sarif', 'junit'])
        .default('table'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--waivers <file>', 'YAML or JSON waiver file')
    .option('--fail-under <score>', 'exit 1 when the score is below this (0-100)', integer)
    .addOption(
      new Option('--fail-on <status>', 'exit 1 on any unwaived result of this status or worse').choices(['fail', 'warn']),
    )
    .option('--cluster-name <name>', 'cluster name for a kubectl List (default: the file name)')
    .option('--collected-at <time>', 'reference time for a kubectl List (ISO 8601)')
    .option('--system-namespace <ns>', 'treat this namespace as a system namespace (repeatable)', collect, [])
    .option('--min-workers <n>', 'ready workers needed to pass nodes.worker-count (default 3)', integer)
    .option('--cluster-admin-limit <n>', 'cluster-admin subjects above which to warn (default 3)', integer)
    .addOption(
      new Option('--control-plane <mode>', 'override what the snapshot says about the control plane').choices(['managed', 'self-hosted']),
    )
    .action(async (file: string, opts) => {
      code = await evaluateCommand(file, opts, io);
    });

  program
    .command('checks')
    .description('List every check with its id, category, severity and rule')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
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
    if (e instanceof SnapshotValidationError || e instanceof CliError) {
      io.stderr.write(`cluster-readiness: ${e.message}\n`);
      return EXIT_INPUT;
    }
    io.stderr.write(`cluster-readiness: unexpected error: ${(e as Error).message}\n`);
    return EXIT_INPUT;
  }
}
