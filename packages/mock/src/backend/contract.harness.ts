/** The client API contract's fixtures: its session, the harness a backend provides, and the assertion helpers its tests share. */
import { expect } from 'vitest';
import {
  OmniApiError,
  type ApiErrorCode,
  type ClientOptions,
  type Contact,
  type CreateCheckoutSessionRequest,
  type PostalAddress,
} from '@omni-checkout/core';
import { TEST_CARDS, tokenFor } from '../test-cards.js';

/** The session every contract test pays for: two products in EUR, two shipping options, Germany. */
export const CONTRACT_SESSION = {
  currency: 'EUR',
  country: 'DE',
  lineItems: [
    { id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 2 },
    { id: 'mug', name: 'Mug', unitAmount: 850, quantity: 1 },
  ],
  shippingOptions: [
    { id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } },
    { id: 'express', label: 'Express', amount: 1295, deliveryEstimate: { minDays: 1, maxDays: 1 } },
  ],
} as const satisfies CreateCheckoutSessionRequest;

export const CONTRACT_CONTACT: Contact = { email: 'ada@example.com' };
export const CONTRACT_ADDRESS: PostalAddress = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };

/** What a test gets from a harness: the client options of one new session (the page's view). */
export interface ContractSession {
  /** `apiBase`, `publishableKey`, `clientSecret` and the `fetch` that reaches this backend. */
  readonly options: ClientOptions & { readonly fetch: typeof fetch };
}

export interface KnownShopperSession extends ContractSession {
  /** The shopper's email: a lookup of it sends a code. */
  readonly email: string;
  /** The code sent for a challenge of this shopper. */
  code(challengeId: string): Promise<string>;
}

export interface ContractHarness {
  /** A new session for `CONTRACT_SESSION`, with the contact and address already set when given. */
  session(init?: { readonly contact?: Contact; readonly shippingAddress?: PostalAddress }): Promise<ContractSession>;
  /**
   * A new session of a merchant where a shopper is known: consented to this merchant, with a phone
   * on file, a saved card (the mock provider's success card) and Berlin as the default address.
   */
  knownShopper(): Promise<KnownShopperSession>;
  /**
   * A new session of a merchant where the known shopper's device is remembered (after a code
   * sign-in with "remember this device"), with a passkey registered when `passkey` is true.
   */
  rememberedDevice(init: { readonly passkey: boolean }): Promise<RememberedDeviceSession>;
  /** A new session of a merchant that issued a gift card of `amount` in EUR, and the card's code (issue 18). */
  giftCard(amount: number): Promise<ContractSession & { readonly code: string }>;
}

export interface RememberedDeviceSession extends ContractSession {
  /** The remembered device's token, as the page keeps it in `localStorage`. */
  readonly deviceToken: string;
}

export const card = {
  success: tokenFor('success', TEST_CARDS.success.slice(-4)),
  decline: tokenFor('decline', TEST_CARDS.decline.slice(-4)),
  insufficient: tokenFor('insufficient_funds', TEST_CARDS.insufficient_funds.slice(-4)),
  threeDs: tokenFor('three_d_secure', TEST_CARDS.three_d_secure.slice(-4)),
};

let keys = 0;
export const newKey = () => `contract-${Date.now().toString(36)}-${(keys++).toString(36)}`;

/** The error a call rejects with (fails the test when it resolves). */
async function failure(call: Promise<unknown>): Promise<OmniApiError> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected an error, got ${JSON.stringify(value).slice(0, 200)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OmniApiError);
  return error as OmniApiError;
}

export async function expectError(call: Promise<unknown>, code: ApiErrorCode, status: number): Promise<OmniApiError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.status }).toEqual({ code, status });
  expect(error.message.length, 'every error has a human message').toBeGreaterThan(10);
  return error;
}

/** Posts the mock provider's challenge decision, as its client half does. */
export async function decideChallenge(options: ContractSession['options'], challengeId: string, decision: 'approve' | 'cancel'): Promise<number> {
  const response = await options.fetch(`${options.apiBase.replace(/\/+$/, '')}/v1/providers/mock/challenges/${challengeId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'omni-publishable-key': options.publishableKey },
    body: JSON.stringify({ decision }),
  });
  return response.status;
}
