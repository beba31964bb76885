/**
 * A problem with the user's input: printed as one line, exit code 2.
 * @public
 */
export class CliError extends Error {
  readonly name = 'CliError';
}
