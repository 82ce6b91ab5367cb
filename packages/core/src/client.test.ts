import { describe, expect, it } from 'vitest';
import { createBackendClient, sessionIdFromClientSecret } from './client.js';
import { OmniApiError } from './errors.js';
import type { PostalAddress, PrepareRequest } from './types.js';

const clientSecret = 'cs_test_123_secret_s3cr3tValue';
const publishableKey = 'pk_test_abc';

interface Recorded {
  url: string;
  init: RequestInit;
  headers: Headers;
  body: unknown;
}

/** A fetch double that records calls and answers with `respond`. */
function fakeFetch(respond: (req: Recorded) => Response | Promise<Response> = () => Response.json({ id: 'cs_test_123' })) {
  const calls: Recorded[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const req: Recorded = {
      url: String(input),
      init,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    calls.push(req);
    return respond(req);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function client(fetch: typeof globalThis.fetch, apiBase = 'https://pay.example.com/') {
  return createBackendClient({ apiBase, publishableKey, clientSecret, fetch });
}

async function rejection(promise: Promise<unknown>): Promise<OmniApiError> {
  const error = await promise.then(
    () => { throw new Error('expected the call to fail'); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OmniApiError);
  return error as OmniApiError;
}

describe('sessionIdFromClientSecret', () => {
  it('takes the part before _secret_', () => {
    expect(sessionIdFromClientSecret(clientSecret)).toBe('cs_test_123');
  });
  it.each(['', 'nosecret', '_secret_abc'])('rejects %j as invalid_client_secret', (secret) => {
    expect(() => sessionIdFromClientSecret(secret)).toThrow(expect.objectContaining({ code: 'invalid_client_secret' }));
  });
  it('tells the shopper the checkout link is not valid (not an empty message)', () => {
    expect(() => sessionIdFromClientSecret('nosecret')).toThrow('This checkout link is not valid.');
  });
  it('refuses to create a client from an invalid secret', () => {
    expect(() => createBackendClient({ apiBase: 'https://x', publishableKey, clientSecret: 'bogus' })).toThrow(OmniApiError);
  });
});

describe('createBackendClient', () => {
  it('GETs the session with bearer client secret and publishable key headers', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ id: 'cs_test_123', status: 'open' }));
    const session = await client(fetch).getSession();
    expect(session).toEqual({ id: 'cs_test_123', status: 'open' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe('https://pay.example.com/v1/client/checkout-sessions/cs_test_123');
    expect(call!.init.method).toBe('GET');
    expect(call!.headers.get('authorization')).toBe(`Bearer ${clientSecret}`);
    expect(call!.headers.get('omni-publishable-key')).toBe(publishableKey);
    expect(call!.headers.has('content-type')).toBe(false);
    expect(call!.init.body).toBeUndefined();
    expect(call!.init.credentials).toBe('omit');
    expect(call!.init.referrerPolicy).toBe('no-referrer');
  });

  it('never puts the client secret into any URL', async () => {
    const { fetch, calls } = fakeFetch();
    const api = client(fetch);
    await api.getSession();
    await api.setContact({ email: 'ada@example.com' });
    await api.setShippingAddress({ name: 'Ada', line1: '1 Main', city: 'Berlin', country: 'DE' });
    await api.setShippingOption('express');
    await api.confirm('pm_1', 'idem_1');
    await api.completeAction();
    expect(calls).toHaveLength(6);
    for (const call of calls) {
      expect(call.url).not.toContain('s3cr3tValue');
      expect(call.url).not.toContain('_secret_');
      expect(call.headers.get('authorization')).toBe(`Bearer ${clientSecret}`);
      expect(call.headers.get('omni-publishable-key')).toBe(publishableKey);
    }
  });

  it('POSTs JSON bodies to each endpoint', async () => {
    const { fetch, calls } = fakeFetch();
    const api = client(fetch, 'https://pay.example.com/api///');
    await api.setContact({ email: 'ada@example.com' });
    await api.setShippingOption('express');
    await api.completeAction();
    const base = 'https://pay.example.com/api/v1/client/checkout-sessions/cs_test_123';
    expect(calls.map((c) => [c.init.method, c.url, c.body])).toEqual([
      ['POST', `${base}/contact`, { email: 'ada@example.com' }],
      ['POST', `${base}/shipping-option`, { shippingOptionId: 'express' }],
      ['POST', `${base}/complete-action`, {}],
    ]);
    for (const call of calls) expect(call.headers.get('content-type')).toBe('application/json');
  });

  it('sends the idempotency key as a header on confirm, and only the payment method in the body', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ status: 'succeeded', session: {}, order: null }));
    const result = await client(fetch).confirm('pm_card_visa', 'attempt-42');
    expect(result.status).toBe('succeeded');
    expect(calls[0]!.url).toMatch(/\/confirm$/);
    expect(calls[0]!.headers.get('idempotency-key')).toBe('attempt-42');
    expect(calls[0]!.body).toEqual({ paymentMethod: 'pm_card_visa' });

    await client(fetch).getSession();
    expect(calls[1]!.headers.has('idempotency-key')).toBe(false);
  });

  it('names the provider on confirm when the page pays with a provider other than the default', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ status: 'succeeded', session: {}, order: null }));
    await client(fetch).confirm('PAYPAL-ORDER-1', 'attempt-7', 'paypal');
    expect(calls[0]!.body).toEqual({ paymentMethod: 'PAYPAL-ORDER-1', provider: 'paypal' });
  });

  it('sends the page to come back to when the provider’s payments may leave for a bank’s page (Moyasar)', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ status: 'requires_action', session: {}, order: null }));
    await client(fetch).confirm('token_abc', 'attempt-8', 'moyasar', { returnUrl: 'https://shop.example/checkout?market=SA' });
    expect(calls[0]!.body).toEqual({ paymentMethod: 'token_abc', provider: 'moyasar', returnUrl: 'https://shop.example/checkout?market=SA' });
  });

  it('turns an error body into OmniApiError with code, status, message, issues and decline code', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        {
          error: {
            code: 'card_declined',
            message: 'Your card was declined.',
            declineCode: 'insufficient_funds',
            issues: [{ path: 'paymentMethod', message: 'x' }],
          },
        },
        { status: 402 },
      ),
    );
    const error = await rejection(client(fetch).confirm('pm_1', 'k'));
    expect(error).toMatchObject({
      name: 'OmniApiError',
      code: 'card_declined',
      status: 402,
      message: 'Your card was declined.',
      declineCode: 'insufficient_funds',
      issues: [{ path: 'paymentMethod', message: 'x' }],
    });
  });

  it('maps validation errors with their issues', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json({ error: { code: 'validation_failed', message: 'Check the email.', issues: [{ path: 'email', message: 'Enter an email' }] } }, { status: 400 }),
    );
    const error = await rejection(client(fetch).setContact({ email: 'nope' }));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ path: 'email', message: 'Enter an email' }]);
  });

  it('falls back to internal_error for a failed response without a JSON error body', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await rejection(client(fetch).getSession());
    expect(error.code).toBe('internal_error');
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/something went wrong/i);
    expect(error.issues).toEqual([]);
  });

  it('turns a network failure into network_error with status 0', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await rejection(client(fetch).getSession());
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/could not reach/i);
  });

  it('URL-encodes the session id', async () => {
    const { fetch, calls } = fakeFetch();
    await createBackendClient({ apiBase: 'https://x', publishableKey, clientSecret: 'cs/../admin_secret_x', fetch }).getSession();
    expect(calls[0]!.url).toBe('https://x/v1/client/checkout-sessions/cs%2F..%2Fadmin');
  });

  it('POSTs the shipping address and the confirmation to their own endpoints', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ status: 'succeeded', session: {}, order: null }));
    const api = client(fetch);
    const address = { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } as PostalAddress;
    await api.setShippingAddress(address);
    await api.confirm('pm_1', 'attempt-1');
    const base = 'https://pay.example.com/v1/client/checkout-sessions/cs_test_123';
    expect(calls.map((c) => [c.init.method, c.url, c.body])).toEqual([
      ['POST', `${base}/shipping-address`, address],
      ['POST', `${base}/confirm`, { paymentMethod: 'pm_1' }],
    ]);
  });

  it('prepare POSTs the request with its idempotency key (a retried PayPal prepare creates one payment)', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ provider: 'paypal', reference: 'ORDER-1' }));
    const request: PrepareRequest = { method: 'paypal' };
    const answer = await client(fetch).prepare!(request, 'prep-1');
    expect(answer).toEqual({ provider: 'paypal', reference: 'ORDER-1' });
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.url).toBe('https://pay.example.com/v1/client/checkout-sessions/cs_test_123/prepare');
    expect(calls[0]!.body).toEqual(request);
    expect(calls[0]!.headers.get('idempotency-key')).toBe('prep-1');
  });

  it('recall POSTs the device token in the body, never in the URL', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ session: { id: 'cs_test_123' } }));
    const answer = await client(fetch).recall!('dev_tok_1');
    expect(answer).toEqual({ session: { id: 'cs_test_123' } });
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.url).toBe('https://pay.example.com/v1/client/checkout-sessions/cs_test_123/identity/recall');
    expect(calls[0]!.body).toEqual({ deviceToken: 'dev_tok_1' });
  });
});
