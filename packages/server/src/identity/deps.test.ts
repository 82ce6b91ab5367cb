/**
 * The small helpers the identity routes rely on: an email address is found however the shopper types
 * it, a mobile number that cannot be dialled is refused as a validation error, and comparing a hash
 * with one of another length answers "no" instead of throwing.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { equalHex, normaliseEmail, normalisePhone } from './deps.js';

describe('identity helpers', () => {
  it('an email address typed with capitals or spaces is the same address', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe(normaliseEmail('ada.lovelace@example.com'));
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it('a mobile number is read in the session country; one that cannot exist is a 400', () => {
    expect(normalisePhone('0151 23456789', 'DE')).toEqual({ e164: '+4915123456789', country: 'DE' });
    for (const bad of ['+49 1', '+1 555 0100 000 000 000', 'not a number']) {
      let caught: unknown;
      try {
        normalisePhone(bad, 'DE');
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toBeInstanceOf(ApiError);
      expect((caught as ApiError).status, bad).toBe(400);
      // The form marks the phone field as the one to fix.
      expect((caught as ApiError).issues?.map((issue) => issue.path), bad).toEqual(['phone']);
    }
  });

  it('hashes compare equal only when they are the same', () => {
    expect(equalHex('ab01', 'ab01')).toBe(true);
    expect(equalHex('ab01', 'ab02')).toBe(false);
    expect(equalHex('ab01', 'ab01ff')).toBe(false);
  });
});
