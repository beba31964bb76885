import { z } from 'zod';
import {
  describeJsonType,
  expectedError,
  snapshotErrorMap,
} from './snapshotErrorMap';

function message(schema: z.ZodType, value: unknown): string {
  const r = schema.safeParse(value, { error: snapshotErrorMap });
  if (r.success) throw new Error('expected a failure');
  return r.error.issues[0].message;
}

describe('snapshotErrorMap', () => {
  it('names JSON types in words', () => {
    expect(
      [null, [], {}, 's', 1, true, undefined].map(describeJsonType),
    ).toEqual([
      'null',
      'an array',
      'an object',
      'a string',
      'a number',
      'a boolean',
      'nothing',
    ]);
  });

  it('says what was expected and what came', () => {
    expect(message(z.object({}), [])).toBe('expected an object, got an array');
    expect(message(z.array(z.string()), 'x')).toBe(
      'expected a list, got a string',
    );
    expect(message(z.record(z.string(), z.string()), [])).toBe(
      'expected an object (key → value), got an array',
    );
    expect(message(z.number(), 'three')).toBe(
      'expected a number, got a string',
    );
    expect(message(z.object({ a: z.string() }), {})).toBe(
      'is required (expected a string)',
    );
    expect(message(z.string().min(1), '')).toBe(
      'expected a non-empty string, got an empty one',
    );
    expect(message(z.literal('a'), 'b')).toBe('expected "a", got "b"');
  });

  it('lets a schema name its shape', () => {
    const schema = z.record(z.string(), z.string(), {
      error: expectedError('an object (resource key → list)'),
    });
    expect(message(schema, [])).toBe(
      'expected an object (resource key → list), got an array',
    );
  });
});
