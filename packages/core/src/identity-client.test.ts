import { describe, expect, it } from 'vitest';
import { OmniApiError } from './errors.js';
import { createIdentityClient, maskEmail, maskPhone } from './identity-client.js';

describe('identity client', () => {
  it('sends the session secret and publishable key, keeps the shopper token from verify in memory and sends it after', async () => {
    const seen: { url: string; headers: Record<string, string>; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (url.endsWith('/verify')) return Response.json({ shopperToken: 'shtok_abc', expiresAt: '', assurance: 'email', profile: null, consentRequired: true });
      if (url.endsWith('/profile')) return Response.json({ error: { code: 'consent_required', message: 'Agree first.' } }, { status: 403 });
      return Response.json({ challengeId: 'otp_1', channel: 'email', hint: 'a•••@e•••.com', expiresAt: '' });
    }) as typeof globalThis.fetch;
    const client = createIdentityClient({ apiBase: 'https://pay.example/', publishableKey: 'pk_test_x', clientSecret: 'cs_1_secret_abc', fetch });
    await client.lookup({ email: 'ada@example.com' });
    expect(seen[0]).toMatchObject({
      url: 'https://pay.example/v1/client/checkout-sessions/cs_1/identity/lookup',
      headers: { authorization: 'Bearer cs_1_secret_abc', 'omni-publishable-key': 'pk_test_x' },
      body: { email: 'ada@example.com' },
    });
    expect(seen[0]!.headers['omni-shopper-token']).toBeUndefined();
    await client.verify('otp_1', '123456', true);
    expect(client.shopperToken).toBe('shtok_abc');
    const error = await client.profile().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmniApiError);
    expect(error).toMatchObject({ code: 'consent_required', status: 403 });
    expect(seen.at(-1)!.headers['omni-shopper-token']).toBe('shtok_abc');
    expect(seen.some((s) => s.url.includes('shtok_') || s.url.includes('secret'))).toBe(false);
  });

  it('masks before verification: first letters only, last two digits only', () => {
    expect(maskEmail('ada.lovelace@example.com')).toBe('a•••@e•••.com');
    expect(maskPhone('+49 151 23456742')).toBe('••• ••42');
  });
});
