import { describe, expect, it } from 'vitest';
import { OmniApiError } from './errors.js';
import { createGiftCardClient } from './gift-card-client.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function recorder(answer: (url: string) => Response = () => Response.json({ ok: true })) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({
      url,
      method: String(init.method),
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
    });
    return answer(url);
  }) as typeof globalThis.fetch;
  return { seen, fetch };
}

const options = { apiBase: 'https://pay.example/', publishableKey: 'pk_test_x', clientSecret: 'cs_1_secret_abc' };
const session = 'https://pay.example/v1/client/checkout-sessions/cs_1';

describe('gift card client', () => {
  it('checks a balance and applies a card with the code in the body, never in the address', async () => {
    const { seen, fetch } = recorder(() => Response.json({ object: 'gift_card_balance', last4: 'TVWX', balance: 1200, currency: 'EUR', expiresAt: null }));
    const client = createGiftCardClient({ ...options, fetch });
    await expect(client.balance('ABCD-EFGH-JKMN-PQRS-TVWX')).resolves.toMatchObject({ balance: 1200, last4: 'TVWX' });
    await client.apply('ABCD-EFGH-JKMN-PQRS-TVWX');
    expect(seen).toEqual([
      expect.objectContaining({ url: `${session}/gift-cards/balance`, method: 'POST', body: { code: 'ABCD-EFGH-JKMN-PQRS-TVWX' } }),
      expect.objectContaining({ url: `${session}/gift-cards`, method: 'POST', body: { code: 'ABCD-EFGH-JKMN-PQRS-TVWX' } }),
    ]);
    for (const call of seen) {
      expect(call.headers).toMatchObject({ authorization: 'Bearer cs_1_secret_abc', 'omni-publishable-key': 'pk_test_x' });
      expect(call.url).not.toContain('ABCD');
    }
  });

  it('removes a tender by its id, escaped into the path', async () => {
    const { seen, fetch } = recorder();
    await createGiftCardClient({ ...options, fetch }).remove('tnd/1?x');
    expect(seen).toEqual([expect.objectContaining({ url: `${session}/tenders/tnd%2F1%3Fx/remove`, method: 'POST', body: {} })]);
  });

  it('reads and applies store credit with the shopper token in a header', async () => {
    const { seen, fetch } = recorder();
    const client = createGiftCardClient({ ...options, fetch });
    await client.storeCredit('shtok_1');
    await client.applyStoreCredit('shtok_2');
    expect(seen).toEqual([
      expect.objectContaining({ url: `${session}/store-credit`, method: 'GET', body: undefined }),
      expect.objectContaining({ url: `${session}/store-credit`, method: 'POST', body: {} }),
    ]);
    expect(seen.map((s) => s.headers['omni-shopper-token'])).toEqual(['shtok_1', 'shtok_2']);
    expect(seen.some((s) => s.url.includes('shtok'))).toBe(false);
  });

  it('rejects with the backend’s code when a card is refused', async () => {
    const { fetch } = recorder(() =>
      Response.json({ error: { code: 'gift_card_not_found', message: 'We do not know this gift card.' } }, { status: 404 }),
    );
    const error = await createGiftCardClient({ ...options, fetch })
      .apply('ABCD-EFGH-JKMN-PQRS-TVWX')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmniApiError);
    expect(error).toMatchObject({ code: 'gift_card_not_found', status: 404 });
  });
});
