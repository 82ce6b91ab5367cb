/**
 * Text the database cannot store, and text that disguises what a person reads (docs/security.md,
 * "Text"), on PGlite and PostgreSQL. Each request below answered 500 before the core text type:
 * NUL anywhere in text or JSON, and lone surrogates in JSON. Now each is a 400 with a stable code
 * (`invalid_characters`), writes nothing, and bidi controls or zero-width characters in a field a
 * person reads later are a 400 `hidden_characters` naming the field.
 */
import { SAVE_CONSENT_VERSION } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import type { Mailer } from './notifications/mailer.js';
import { onEachDatabase } from './test/databases.js';
import { clientFor, countRows, createMerchant, createSession, createTestEnv, merchantPost, SAMPLE_SESSION, type TestEnv } from './test/env.js';
import { randomVault } from './identity/vault.js';

const NUL = '\u0000';
const LONE_HIGH = '\uD800';
const LONE_LOW = '\uDC00';

/** A raw JSON body with `\ud800`-style escapes kept as escapes (JSON.stringify would keep them too, but say it plainly). */
const raw = (json: string) => json;

onEachDatabase((name, getDb) => {
  let env: TestEnv;
  const mailer: Mailer = { send: async () => undefined, close: () => undefined };
  const setup = async () =>
    (env ??= await createTestEnv({ db: getDb(), app: { identity: { db: getDb(), vault: randomVault(), mailer, sms: null } } }));

  async function client() {
    await setup();
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const c = clientFor(env, merchant, created);
    await c.fill();
    return { merchant, created, c };
  }

  const code = async (response: Response) => ({ status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code });

  describe(`${name}: NUL and lone surrogates are refused with invalid_characters, never a 500`, () => {
    const bad = [
      ['NUL', NUL],
      ['a lone high surrogate', LONE_HIGH],
      ['a lone low surrogate', LONE_LOW],
    ] as const;

    for (const [label, char] of bad) {
      it(`${label} in a session's metadata key and value, line-item name and shipping label`, async () => {
        await setup();
        const merchant = await createMerchant(env);
        const before = await countRows(getDb());
        const bodies = [
          { ...SAMPLE_SESSION, metadata: { [`order${char}`]: 'x' } },
          { ...SAMPLE_SESSION, metadata: { order: `4${char}2` } },
          { ...SAMPLE_SESSION, lineItems: [{ id: 'tee', name: `T${char}shirt`, unitAmount: 1999, quantity: 1 }] },
          { ...SAMPLE_SESSION, shippingOptions: [{ id: 'std', label: `Std${char}`, amount: 495, deliveryEstimate: { minDays: 1, maxDays: 2 } }] },
        ];
        for (const body of bodies) {
          expect(await code(await merchantPost(env, merchant, '/v1/checkout-sessions', body))).toEqual({ status: 400, code: 'invalid_characters' });
        }
        expect((await countRows(getDb())).sessions).toBe(before.sessions);
      });

      it(`${label} in confirm's paymentMethod, identity save/share textVersion, passkey challenge and credential id`, async () => {
        const { c } = await client();
        expect(await code(await c.confirm(`pm${char}ok`))).toEqual({ status: 400, code: 'invalid_characters' });
        expect(await code(await c.post('/identity/save', { consent: true, textVersion: `${SAVE_CONSENT_VERSION}${char}` }))).toEqual({ status: 400, code: 'invalid_characters' });
        expect(await code(await c.post('/identity/share', { textVersion: `v${char}` }))).toMatchObject({ status: 400, code: 'invalid_characters' });
        const passkey = { id: `cred${char}`, rawId: `cred${char}`, type: 'public-key', response: { clientDataJSON: `e30${char}`, authenticatorData: 'AA', signature: 'AA' } };
        expect(await code(await c.post('/identity/passkeys/authenticate', { response: passkey }))).toEqual({ status: 400, code: 'invalid_characters' });
        // The same, escaped in the raw JSON text as an attacker would send it.
        const escaped = char === NUL ? '\\u0000' : char === LONE_HIGH ? '\\ud800' : '\\udc00';
        const response = await c.post('/confirm', raw(`{"paymentMethod":"pm${escaped}"}`), { 'idempotency-key': `k-${label.length}` });
        expect(await code(response)).toEqual({ status: 400, code: 'invalid_characters' });
      });
    }

    it('deeply nested JSON in a passkey response is refused, not a crash', async () => {
      const { c } = await client();
      let deep: unknown = 'x';
      for (let i = 0; i < 2000; i++) deep = [deep];
      const response = await c.post('/identity/passkeys/authenticate', { response: { id: 'a', deep } });
      expect(response.status).toBe(400);
    });

    it('a well-formed surrogate pair (an emoji) is kept', async () => {
      await setup();
      const merchant = await createMerchant(env);
      const response = await merchantPost(env, merchant, '/v1/checkout-sessions', { ...SAMPLE_SESSION, lineItems: [{ id: 'tee', name: 'T-shirt 👕', unitAmount: 1999, quantity: 1 }] });
      expect(response.status).toBe(201);
    });
  });

  describe(`${name}: text a person reads later refuses disguising characters`, () => {
    const disguising = ['\u202E', '\u202A', '\u2066', '\u2069', '\u200B', '\uFEFF', '\u200F'];

    it('in the shipping address (name and lines), with the field named and a clear message', async () => {
      const { c } = await client();
      for (const char of disguising) {
        const response = await c.post('/shipping-address', { name: `Ada${char} Lovelace`, line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' });
        const body = (await response.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
        expect(response.status).toBe(400);
        expect(body.error.code).toBe('hidden_characters');
        expect(body.error.issues).toEqual([{ path: 'name', message: expect.stringMatching(/invisible or text-direction/) }]);
      }
    });

    it('in line items and shipping labels of a new session', async () => {
      await setup();
      const merchant = await createMerchant(env);
      for (const char of disguising) {
        const items = await merchantPost(env, merchant, '/v1/checkout-sessions', { ...SAMPLE_SESSION, lineItems: [{ id: 'tee', name: `Tee${char}exe.`, unitAmount: 1999, quantity: 1 }] });
        expect(await code(items)).toEqual({ status: 400, code: 'hidden_characters' });
        const labels = await merchantPost(env, merchant, '/v1/checkout-sessions', {
          ...SAMPLE_SESSION,
          shippingOptions: [{ id: 'std', label: `${char}Free`, amount: 0, deliveryEstimate: { minDays: 1, maxDays: 2 } }],
        });
        expect(await code(labels)).toEqual({ status: 400, code: 'hidden_characters' });
      }
    });

    it('keeps right-to-left names and joiners inside words (Persian ZWNJ, emoji ZWJ)', async () => {
      const { c } = await client();
      for (const name of ['دانیال می\u200Cخواهد', 'שרה כהן', '👩🏽\u200D💻 Ada']) {
        const response = await c.post('/shipping-address', { name, line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' });
        expect(response.status, name).toBe(200);
      }
      const stray = await c.post('/shipping-address', { name: 'Ada \u200DLovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' });
      expect(await code(stray)).toEqual({ status: 400, code: 'hidden_characters' });
    });
  });
});
