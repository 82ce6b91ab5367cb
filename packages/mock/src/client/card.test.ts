import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../test-cards.js';
import {
  caretAfterDigits,
  formatCardNumber,
  formatCvc,
  formatExpiry,
  luhn,
  validateCardNumber,
  validateCvc,
  validateExpiry,
} from './card.js';

describe('card number', () => {
  it.each(Object.values(TEST_CARDS))('accepts the test card %s (Luhn-valid)', (card) => {
    expect(luhn(card)).toBe(true);
    expect(validateCardNumber(card)).toBeNull();
  });

  it('rejects a wrong check digit, and names an incomplete number', () => {
    expect(validateCardNumber('4242424242424241')).toMatchObject({ code: 'invalid_number' });
    expect(validateCardNumber('424242')).toMatchObject({ code: 'incomplete_number' });
    expect(validateCardNumber('')).toMatchObject({ code: 'incomplete_number' });
  });

  it('knows American Express has 15 digits', () => {
    expect(validateCardNumber('378282246310005')).toBeNull();
    expect(validateCardNumber('37828224631000')).toMatchObject({ code: 'incomplete_number' });
  });

  it('formats in groups of 4 and drops everything but 19 digits', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('4242-42 42')).toBe('4242 4242');
    expect(formatCardNumber('4242 ')).toBe('4242');
    expect(formatCardNumber('1'.repeat(25))).toBe('1111 1111 1111 1111 111');
  });

  it('keeps the caret after the same number of digits', () => {
    expect(caretAfterDigits('4242 4242', 5)).toBe(6);
    expect(caretAfterDigits('4242 4242', 4)).toBe(4);
    expect(caretAfterDigits('4242', 0)).toBe(0);
    expect(caretAfterDigits('42', 9)).toBe(2);
  });
});

describe('expiry', () => {
  const now = new Date(2026, 4, 15); // May 2026

  it.each([
    ['1', '1'],
    ['4', '04'],
    ['12', '12'],
    ['123', '12 / 3'],
    ['1234', '12 / 34'],
    ['12345', '12 / 34'],
    ['12/28', '12 / 28'],
    ['12 / 2028', '12 / 28'],
    ['4/2030', '04 / 30'],
    ['122030', '12 / 30'],
  ])('formats %j as %j', (input, output) => {
    expect(formatExpiry(input)).toBe(output);
  });

  it('accepts this month and later, refuses the past and month 13', () => {
    expect(validateExpiry('05 / 26', now)).toBeNull();
    expect(validateExpiry('12 / 45', now)).toBeNull();
    expect(validateExpiry('04 / 26', now)).toMatchObject({ code: 'invalid_expiry_year_past' });
    expect(validateExpiry('13 / 27', now)).toMatchObject({ code: 'invalid_expiry_month' });
    expect(validateExpiry('00 / 27', now)).toMatchObject({ code: 'invalid_expiry_month' });
    expect(validateExpiry('12 / 2', now)).toMatchObject({ code: 'incomplete_expiry' });
  });
});

describe('cvc', () => {
  it('keeps up to 4 digits and needs 3 (4 for American Express)', () => {
    expect(formatCvc('1a2b3c4d5')).toBe('1234');
    expect(validateCvc('12')).toMatchObject({ code: 'incomplete_cvc' });
    expect(validateCvc('123')).toBeNull();
    expect(validateCvc('123', '378282246310005')).toMatchObject({ code: 'incomplete_cvc' });
    expect(validateCvc('1234', '378282246310005')).toBeNull();
  });
});
