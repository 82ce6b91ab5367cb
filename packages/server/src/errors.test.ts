/**
 * Validation errors read as sentences a person understands: a schema's own message is kept, and
 * zod's English defaults for bounds and options ("Too small: expected number to be >=1") are said
 * plainly, with the value that would be accepted.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationError } from './errors.js';

function messages(schema: z.ZodType, input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  return Object.fromEntries((validationError(parsed.error, input).issues ?? []).map((i) => [i.path, i.message]));
}

describe('validationError', () => {
  it('says bounds and options plainly, instead of zod’s defaults', () => {
    const schema = z.object({
      amount: z.number().int().min(1),
      above: z.number().gt(0),
      most: z.number().max(100),
      name: z.string().max(3),
      note: z.string().min(1),
      code: z.string().min(4),
      pin: z.string().length(6),
      method: z.enum(['card', 'paypal']),
      kind: z.literal('refund'),
      items: z.array(z.string()).min(1),
      tags: z.array(z.string()).max(2),
      ref: z.string().regex(/^re_/),
    });
    expect(
      messages(schema, { amount: 0, above: 0, most: 101, name: 'abcd', note: '', code: 'ab', pin: '12', method: 'cash', kind: 'charge', items: [], tags: ['a', 'b', 'c'], ref: 'x' }),
    ).toEqual({
      amount: 'Must be 1 or more',
      above: 'Must be more than 0',
      most: 'Must be 100 or less',
      name: 'Must be at most 3 characters long',
      note: 'Must not be empty',
      code: 'Must be at least 4 characters long',
      pin: 'Must be exactly 6 characters long',
      method: 'Must be one of: card, paypal',
      kind: 'Must be refund',
      items: 'Must have at least 1 item',
      tags: 'Must have at most 2 items',
      ref: 'Is not in the expected format',
    });
  });

  it('keeps a schema’s own message, and the overall message names the first field', () => {
    const schema = z.object({ amount: z.number().int().min(1, 'A refund is at least 1 minor unit') });
    const parsed = schema.safeParse({ amount: 0 });
    const error = validationError(parsed.error!, { amount: 0 });
    expect(error.issues).toEqual([{ path: 'amount', message: 'A refund is at least 1 minor unit' }]);
    expect(error.message).toBe('Some fields are missing or invalid (amount: A refund is at least 1 minor unit).');
    expect(error.code).toBe('validation_failed');
  });

  it('calls only an absent field required', () => {
    expect(messages(z.object({ amount: z.number() }), {})).toEqual({ amount: 'Required' });
    expect(messages(z.object({ amount: z.number() }), { amount: '5' })).toEqual({ amount: 'Expected a number, got a string' });
  });
});
