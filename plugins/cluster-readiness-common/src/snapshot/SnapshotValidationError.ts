/**
 * A snapshot (or a part of one) did not match the contract. The message is one line
 * naming the source and the field.
 * @public
 */
export class SnapshotValidationError extends Error {
  readonly name = 'SnapshotValidationError';
  constructor(
    readonly source: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${source}: ${field ? `${field}: ` : ''}${problem}`);
  }
}
