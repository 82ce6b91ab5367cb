import { describe, expect, it } from 'vitest';
import { OmniApiError } from './errors.js';
import type { AddAddressRequest } from './identity.js';
import { createIdentityClient, createResumeClient, handOverShopperToken, maskEmail, maskPhone } from './identity-client.js';

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

  it('masks odd addresses without showing more: a dotless domain, a subdomain, no @, a number with trailing punctuation', () => {
    expect(maskEmail('ada@localhost')).toBe('a•••@l•••');
    expect(maskEmail('ada@mail.example.co.uk')).toBe('a•••@m•••.uk');
    expect(maskEmail('ada')).toBe('a•••@•••');
    expect(maskPhone('(0151) 234 567-42 ')).toBe('••• ••42');
  });
});

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}
const SESSION = 'https://pay.example/v1/client/checkout-sessions/cs_1';

function recorder(answer: (url: string) => unknown = () => ({})) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({
      method: String(init.method),
      url: url.replace(SESSION, ''),
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
    });
    return Response.json(answer(url));
  }) as typeof globalThis.fetch;
  return { seen, fetch };
}
const options = { apiBase: 'https://pay.example', publishableKey: 'pk_test_x' };

describe('identity client calls', () => {
  it('sends each call to its endpoint with its method and body; ids are escaped into the path', async () => {
    const { seen, fetch } = recorder();
    const client = createIdentityClient({ ...options, clientSecret: 'cs_1_secret_abc', fetch });
    await client.stepUp();
    await client.setSaveConsent(true, 'save-v1');
    await client.setSaveConsent(true, 'save-v1', '+4915123456789');
    await client.share('share-v1');
    await client.apply();
    await client.apply('adr/1');
    await client.addAddress({ label: 'Home', address: { country: 'DE', line1: 'Main St 1' } } as unknown as AddAddressRequest);
    await client.setDefaultAddress('adr/1');
    await client.setDefaultMethod('spm 1');
    await client.removeMethod('spm?1');
    await client.changeContact({ email: 'new@example.com' });
    await client.device('dvt_1');
    await client.forgetDevice('dvt_1');
    await client.passkeyAuthenticationOptions();
    await client.passkeyRegistrationOptions();
    await client.passkeyRegister({ id: 'cred' });
    await client.exportData();
    await client.erase();
    expect(seen.map(({ method, url, body }) => [method, url, body])).toEqual([
      ['POST', '/identity/step-up', {}],
      ['POST', '/identity/save', { consent: true, textVersion: 'save-v1' }],
      ['POST', '/identity/save', { consent: true, textVersion: 'save-v1', phone: '+4915123456789' }],
      ['POST', '/identity/share', { textVersion: 'share-v1' }],
      ['POST', '/identity/apply', {}],
      ['POST', '/identity/apply', { addressId: 'adr/1' }],
      ['POST', '/identity/addresses', { label: 'Home', address: { country: 'DE', line1: 'Main St 1' } }],
      ['POST', '/identity/addresses/adr%2F1/default', {}],
      ['POST', '/identity/methods/spm%201/default', {}],
      ['POST', '/identity/methods/spm%3F1/remove', {}],
      ['POST', '/identity/contact', { email: 'new@example.com' }],
      ['POST', '/identity/device', { deviceToken: 'dvt_1' }],
      ['POST', '/identity/device/forget', { deviceToken: 'dvt_1' }],
      ['POST', '/identity/passkeys/authentication-options', {}],
      ['POST', '/identity/passkeys/registration-options', {}],
      ['POST', '/identity/passkeys', { response: { id: 'cred' } }],
      ['GET', '/identity/export', undefined],
      ['POST', '/identity/erase', {}],
    ]);
    // Device tokens travel in bodies, never in addresses.
    expect(seen.some((s) => s.url.includes('dvt_'))).toBe(false);
  });

  it('signs in with a code or a passkey (not remembering the device unless asked) and sends the token from then on', async () => {
    const session = (token: string) => ({ shopperToken: token, expiresAt: '', assurance: 'email', profile: null, consentRequired: false });
    const { seen, fetch } = recorder((url) => (url.endsWith('/verify') ? session('shtok_code') : url.endsWith('/authenticate') ? session('shtok_key') : {}));
    const client = createIdentityClient({ ...options, clientSecret: 'cs_1_secret_abc', fetch });
    await client.verify('otp_1', '123456');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/identity/verify', body: { challengeId: 'otp_1', code: '123456', rememberDevice: false } });
    expect(client.shopperToken).toBe('shtok_code');
    await client.passkeyAuthenticate({ id: 'cred' });
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/identity/passkeys/authenticate', body: { response: { id: 'cred' }, rememberDevice: false } });
    expect(seen[1]!.headers['omni-shopper-token']).toBe('shtok_code');
    expect(client.shopperToken).toBe('shtok_key');
    await client.passkeyAuthenticate({ id: 'cred' }, true);
    expect(seen[2]!.body).toMatchObject({ rememberDevice: true });
    await client.profile();
    expect(seen[3]).toMatchObject({ method: 'GET', url: '/identity/profile', body: undefined });
    expect(seen[3]!.headers['omni-shopper-token']).toBe('shtok_key');
  });

  it('uses a token set from outside, and stops sending it once cleared (sign-out)', async () => {
    const { seen, fetch } = recorder();
    const client = createIdentityClient({ ...options, clientSecret: 'cs_1_secret_abc', fetch });
    client.setShopperToken('shtok_set');
    expect(client.shopperToken).toBe('shtok_set');
    await client.lookup({ email: 'ada@example.com' });
    client.setShopperToken(null);
    await client.lookup({ email: 'ada@example.com' });
    expect(seen.map((s) => [s.method, s.url, s.headers['omni-shopper-token']])).toEqual([
      ['POST', '/identity/lookup', 'shtok_set'],
      ['POST', '/identity/lookup', undefined],
    ]);
  });

  it('starts the next client of a handed-over session signed in, once, and only for that session', async () => {
    const { seen, fetch } = recorder();
    handOverShopperToken('cs_1_secret_resumed', 'shtok_carried');
    expect(createIdentityClient({ ...options, clientSecret: 'cs_9_secret_other', fetch }).shopperToken).toBeNull();
    const first = createIdentityClient({ ...options, clientSecret: 'cs_1_secret_resumed', fetch });
    expect(first.shopperToken).toBe('shtok_carried');
    await first.profile();
    expect(seen[0]!.headers['omni-shopper-token']).toBe('shtok_carried');
    expect(createIdentityClient({ ...options, clientSecret: 'cs_1_secret_resumed', fetch }).shopperToken).toBeNull();
  });

  it('pays with a saved method under the caller’s idempotency key, naming a provider only when given', async () => {
    const { seen, fetch } = recorder(() => ({ status: 'succeeded' }));
    const client = createIdentityClient({ ...options, clientSecret: 'cs_1_secret_abc', fetch });
    await client.confirmSaved('spm_1', 'idem_1');
    await client.confirmSaved('spm_1', 'idem_2', 'adyen');
    expect(seen.map(({ method, url, body, headers }) => [method, url, body, headers['idempotency-key']])).toEqual([
      ['POST', '/confirm', { paymentMethod: 'spm_1' }, 'idem_1'],
      ['POST', '/confirm', { paymentMethod: 'spm_1', provider: 'adyen' }, 'idem_2'],
    ]);
  });
});

describe('resume client', () => {
  it('asks for the offer and resumes a session with the shopper token in a header', async () => {
    const offer = { object: 'resume_offer', sessionId: 'cs_2', lineItems: [], total: 2400, currency: 'EUR', touchedAt: '' };
    const { seen, fetch } = recorder((url) => (url.endsWith('/resume') && seen.at(-1)!.method === 'GET' ? { offer } : { object: 'resume_device' }));
    const client = createResumeClient({ ...options, clientSecret: 'cs_1_secret_abc', fetch }, 'shtok_1');
    await expect(client.offer()).resolves.toEqual(offer);
    await expect(client.resume('cs_2')).resolves.toEqual({ object: 'resume_device' });
    expect(seen.map(({ method, url, body, headers }) => [method, url, body, headers['omni-shopper-token']])).toEqual([
      ['GET', '/identity/resume', undefined, 'shtok_1'],
      ['POST', '/identity/resume', { sessionId: 'cs_2' }, 'shtok_1'],
    ]);
  });

  it('answers null when there is nothing to resume', async () => {
    const { fetch } = recorder(() => ({ offer: null }));
    await expect(createResumeClient({ ...options, clientSecret: 'cs_1_secret_abc', fetch }, 'shtok_1').offer()).resolves.toBeNull();
  });
});
