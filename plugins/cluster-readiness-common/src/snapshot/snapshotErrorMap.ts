import type { z } from 'zod';

/**
 * Names the JSON type of a value as a sentence would: `an array`, `a string`, `null`.
 * @public
 */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return Number.isFinite(value) ? 'a number' : 'a non-finite number';
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'nothing';
    default:
      return `a ${typeof value}`;
  }
}

/** What zod calls a type, as a sentence names it. */
const EXPECTED: Record<string, string> = {
  object: 'an object',
  record: 'an object (key → value)',
  map: 'an object (key → value)',
  array: 'a list',
  tuple: 'a list',
  set: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  bigint: 'an integer',
  boolean: 'a boolean',
  null: 'null',
  literal: 'a fixed value',
  date: 'a date',
};

/** A short, one-line rendering of a scalar (long strings cut), never of objects. */
function shortValue(value: unknown): string {
  if (typeof value === 'string') {
    // JSON.stringify escapes control characters: the message stays one line.
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return String(value);
  }
  return describeJsonType(value);
}

function expectedType(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

/**
 * The one error map of every snapshot schema: each message says what was expected
 * and what came (`expected an object, got an array`), in words, without echoing more
 * than a short scalar of the input. Pass it as the `error` parse parameter (see
 * `validateWith`) or to a schema whose wording needs a hint (see `expectedError`).
 * @public
 */
export const snapshotErrorMap: z.core.$ZodErrorMap = issue => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return `is required (expected ${expectedType(issue.expected)})`;
      }
      return `expected ${expectedType(issue.expected)}, got ${describeJsonType(
        issue.input,
      )}`;
    case 'invalid_value':
      return `expected ${issue.values
        .map(v => JSON.stringify(v))
        .join(' or ')}, got ${shortValue(issue.input)}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? `expected an ISO 8601 date-time with a time zone (2024-05-01T12:00:00Z), got ${shortValue(
            issue.input,
          )}`
        : `expected a ${issue.format} string, got ${shortValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) {
        return 'expected a non-empty string, got an empty one';
      }
      return `expected at least ${issue.minimum}${
        issue.origin === 'string' ? ' characters' : ''
      }`;
    case 'too_big':
      return `expected at most ${issue.maximum}${
        issue.origin === 'string' ? ' characters' : ''
      }`;
    case 'invalid_union':
      return `expected one of several shapes, got ${describeJsonType(
        issue.input,
      )}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `unexpected field(s) ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    default:
      return undefined;
  }
};

/**
 * A schema-level error that names the expected shape in words and what came, for a
 * type mismatch: `expectedError('an object (resource key → list)')` gives
 * `expected an object (resource key → list), got an array`. Other problems fall back
 * to `snapshotErrorMap`.
 * @public
 */
export function expectedError(expected: string): z.core.$ZodErrorMap {
  return issue => {
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      return issue.input === undefined
        ? `is required (expected ${expected})`
        : `expected ${expected}, got ${describeJsonType(issue.input)}`;
    }
    return snapshotErrorMap(issue);
  };
}
