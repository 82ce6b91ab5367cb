/**
 * Against Moyasar's real test mode, only when MOYASAR_SECRET_KEY and MOYASAR_PUBLISHABLE_KEY (test
 * keys) are set; skipped otherwise (scripts/test-skips.mjs says why). Nothing here can pass a bank's
 * 3-D Secure page (that needs a person in a browser), so it checks what the server half does alone:
 * a tokenised mada test card becomes a payment of the session's amount waiting for 3-D Secure, the
 * same attempt key answers the same payment (given_id), an STC Pay payment waits for its code, and
 * a webhook with a wrong secret token is refused.
 */
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '@omni-checkout/core';
import { MADA_TEST_CARDS } from '../api.js';
import { createMoyasarProvider } from './index.js';

const secretKey = process.env['MOYASAR_SECRET_KEY'];
const publishableKey = process.env['MOYASAR_PUBLISHABLE_KEY'];
const live = Boolean(secretKey?.startsWith('sk_test_') && publishableKey?.startsWith('pk_test_'));

describe.skipIf(!live)('Moyasar test mode (MOYASAR_SECRET_KEY / MOYASAR_PUBLISHABLE_KEY)', () => {
  const provider = () => createMoyasarProvider({ secretKey: secretKey!, publishableKey: publishableKey!, webhookSecret: 'omni-live-suite' });
  const key = `omni-live-${Date.now()}`;

  async function token(): Promise<string> {
    const response = await fetch('https://api.moyasar.com/v1/tokens', {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${publishableKey}:`)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Noura Alharbi', number: MADA_TEST_CARDS.success, month: 12, year: new Date().getUTCFullYear() + 2, cvc: '123', save_only: true }),
    });
    expect(response.ok).toBe(true);
    return ((await response.json()) as { id: string }).id;
  }

  it('a mada card waits for 3-D Secure with the session’s amount, once per attempt key', async () => {
    const input = { sessionId: 'cs_live', amount: 1_000, currency: 'SAR', paymentMethod: await token(), idempotencyKey: key, metadata: {}, returnUrl: 'https://example.com/checkout' };
    const first = await provider().createPayment(input);
    expect(first).toMatchObject({ status: 'requires_action', action: { type: 'redirect' } });
    const again = await provider().createPayment(input);
    expect(again.reference).toBe(first.reference);
  });

  it('STC Pay waits for the one-time password', async () => {
    const result = await provider().createPayment({ sessionId: 'cs_live', amount: 1_000, currency: 'SAR', paymentMethod: 'stcpay:0500000000', idempotencyKey: `${key}-stc`, metadata: {} });
    expect(['requires_action', 'failed']).toContain(result.status);
  });

  it('refuses a webhook with a wrong secret token', async () => {
    const body = JSON.stringify({ id: 'evt', type: 'payment_paid', created_at: new Date().toISOString(), secret_token: 'wrong', live: false, data: {} });
    await expect(provider().webhooks!.verify(body, new Headers(), new Date())).rejects.toBeInstanceOf(WebhookVerificationError);
  });
});
