/**
 * The page's gift card calls (issue 18, docs/payment-methods.md), beside the checkout client
 * (`client.ts`): the same session authentication (publishable key and the client secret as a
 * bearer token, never in a URL).
 */
import type { GiftCardBalance } from './gift-cards.js';
import { sessionCaller, type SessionCallOptions } from './session-call.js';

export interface GiftCardBackend {
  /**
   * What a code is worth at this shop: rejects with `gift_card_not_found` (unknown, wrong, expired
   * or disabled alike) or `too_many_attempts` (attempts per session and per IP are limited).
   */
  balance(code: string): Promise<GiftCardBalance>;
}

export function createGiftCardClient(options: SessionCallOptions): GiftCardBackend {
  const call = sessionCaller(options);
  return { balance: (code) => call('POST', '/gift-cards/balance', { code }) };
}
