/**
 * The page's gift card and store credit calls (issue 18, docs/payment-methods.md), beside the
 * checkout client (`client.ts`): the same session authentication (publishable key and the client
 * secret as a bearer token, never in a URL). Applying answers the session, with its `tenders` and
 * `amountDue`.
 */
import type { GiftCardBalance, StoreCreditBalance } from './gift-cards.js';
import type { CheckoutSession } from './types.js';
import { sessionCaller, type SessionCallOptions } from './session-call.js';

export interface GiftCardBackend {
  /**
   * What a code is worth at this shop: rejects with `gift_card_not_found` (unknown, wrong, expired
   * or disabled alike) or `too_many_attempts` (attempts per session and per IP are limited).
   */
  balance(code: string): Promise<GiftCardBalance>;
  /**
   * Applies a card to the session: rejects with `gift_card_not_found` (wrong code),
   * `gift_card_inactive` (expired or disabled), `gift_card_insufficient_balance` (nothing left),
   * `gift_card_currency_mismatch`, `operation_not_supported` or `too_many_attempts`.
   */
  apply(code: string): Promise<CheckoutSession>;
  /** Takes an applied card or store credit off the session. */
  remove(tenderId: string): Promise<CheckoutSession>;
  /** A recognised shopper's store credit at this shop (`not_found`, `consent_required`). */
  storeCredit(shopperToken: string): Promise<StoreCreditBalance>;
  applyStoreCredit(shopperToken: string): Promise<CheckoutSession>;
}

export function createGiftCardClient(options: SessionCallOptions): GiftCardBackend {
  const call = sessionCaller(options);
  const shopper = (token: string) => ({ 'omni-shopper-token': token });
  return {
    balance: (code) => call('POST', '/gift-cards/balance', { code }),
    apply: (code) => call('POST', '/gift-cards', { code }),
    remove: (tenderId) => call('POST', `/tenders/${encodeURIComponent(tenderId)}/remove`, {}),
    storeCredit: (token) => call('GET', '/store-credit', undefined, shopper(token)),
    applyStoreCredit: (token) => call('POST', '/store-credit', {}, shopper(token)),
  };
}
