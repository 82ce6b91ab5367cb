/**
 * The client API contract (`@omni-checkout/mock/backend/contract`) against the real backend:
 * `createApp` on PGlite, the mock provider, the identity network with a capturing mailer. The same
 * suite runs against the in-memory double in `packages/mock`, so the double cannot drift.
 */
import { createBackendClient, createIdentityClient, SAVE_CONSENT_VERSION } from '@omni-checkout/core';
import {
  clientContractSuite,
  CONTRACT_ADDRESS,
  CONTRACT_SESSION,
  type ContractHarness,
  type ContractSession,
  type KnownShopperSession,
} from '@omni-checkout/mock/backend/contract';
import { createMockProvider } from '@omni-checkout/mock/server';
import { TEST_CARDS, tokenFor } from '@omni-checkout/mock/test-cards';
import { beforeAll } from 'vitest';
import { DEFAULT_LIMITS } from './identity/limits.js';
import { storeOf } from './identity/store.js';
import { randomVault } from './identity/vault.js';
import type { MailMessage } from './notifications/mailer.js';
import { usePglite } from './test/databases.js';
import { createMerchant, createSession, createTestEnv, type TestEnv, type TestMerchant } from './test/env.js';

const database = usePglite();
let env: TestEnv;
const mails: MailMessage[] = [];

const vault = randomVault();

beforeAll(async () => {
  env = await createTestEnv({
    db: database(),
    vault,
    app: {
      providers: [createMockProvider({ env: 'test' })],
      // Order updates by SMS go to the outbox (no worker here): the page may offer them.
      orderSms: true,
      identity: {
        db: database(),
        vault,
        mailer: { send: async (message) => void mails.push(message), close: () => undefined },
        sms: null,
        // Every test is one shopper from one address: the per-IP budget is not what this suite is about.
        limits: { ...DEFAULT_LIMITS, sendsPerIp: 10_000 },
      },
    },
  });
});

const API_BASE = 'https://api.omni.test';

/** The page's `fetch` to this app: the backend's URL, the page's Origin (as a browser sends it). */
function pageFetch(merchant: TestMerchant): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.set('origin', merchant.origin);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    return env.app.request(url.pathname + url.search, { method: request.method, headers, body });
  }) as typeof fetch;
}

async function newSession(merchant: TestMerchant): Promise<ContractSession> {
  const created = await createSession(env, merchant, CONTRACT_SESSION);
  return {
    options: { apiBase: API_BASE, publishableKey: merchant.publishableKey, clientSecret: created.clientSecret, fetch: pageFetch(merchant) },
  };
}

let shoppers = 0;

/** The code mailed for a challenge to `email` (delivery starts after the lookup answered). */
async function codeMailedTo(email: string, seen: number): Promise<string> {
  for (let wait = 0; wait < 200; wait += 1) {
    const message = mails.slice(seen).filter((m) => m.to === email && /checkout code/.test(m.subject)).at(-1);
    if (message) return /\b(\d{6})\b/.exec(message.subject)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no code was mailed to ${email}`);
}

/** A shopper known to a new merchant (see `ContractHarness.knownShopper`), and that merchant. */
async function knownShopper(): Promise<KnownShopperSession & { readonly merchant: TestMerchant }> {
  // A guest pays with the success card and saves their details (with a phone): the shopper is
  // known to this merchant from then on, as after a first checkout.
  const merchant = await createMerchant(env, 'Contract shop');
  const n = shoppers++;
  const email = `shopper.${Date.now().toString(36)}${n.toString(36)}@example.com`;
  // Each shopper their own phone: an identity is never created over another one's email or phone.
  const phone = `+49 151 23${String(456700 + n)}`;
  const first = await newSession(merchant);
  const guest = createBackendClient(first.options);
  await guest.setContact({ email });
  await guest.setShippingAddress(CONTRACT_ADDRESS);
  await createIdentityClient(first.options).setSaveConsent(true, SAVE_CONSENT_VERSION, phone);
  await guest.confirm(tokenFor('success', TEST_CARDS.success.slice(-4)), `first-${email}`);
  const seen = mails.length;
  return { ...(await newSession(merchant)), email, code: () => codeMailedTo(email, seen), merchant };
}

const harness: ContractHarness = {
  async session(init = {}) {
    const merchant = await createMerchant(env, 'Contract shop');
    const session = await newSession(merchant);
    const client = createBackendClient(session.options);
    if (init.contact) await client.setContact(init.contact);
    if (init.shippingAddress) await client.setShippingAddress(init.shippingAddress);
    return session;
  },
  knownShopper,
  async rememberedDevice({ passkey }) {
    // The known shopper signs in by code with "remember this device" on one visit ...
    const shopper = await knownShopper();
    const identity = createIdentityClient(shopper.options);
    const challenge = await identity.lookup({ email: shopper.email });
    const signedIn = await identity.verify(challenge.challengeId, await shopper.code(challenge.challengeId), true);
    if (passkey) {
      // ... with a passkey on file (registering one takes an authenticator; its row is what counts here).
      const { rows } = await database().query<{ id: string }>('SELECT id FROM shoppers WHERE email_hash = $1', [vault.lookupHash('email', shopper.email)]);
      await storeOf(database()).insertPasskey(`contract-credential-${rows[0]!.id}`, rows[0]!.id, 'AAAA', 0, ['internal']);
    }
    // ... and comes back to the same merchant's checkout on that device.
    return { ...(await newSession(shopper.merchant)), deviceToken: signedIn.deviceToken! };
  },
  async giftCard(amount) {
    const merchant = await createMerchant(env, 'Contract shop');
    // Gift cards are opt-in: this shop takes them in its checkout.
    await env.storage.upsertMerchant({ name: 'Contract shop', publishableKey: merchant.publishableKey, secretKey: merchant.secretKey, allowedOrigins: [merchant.origin], paymentMethods: { enable: ['gift_card'] } });
    const issued = await env.app.request('/v1/gift-cards', {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount, currency: 'EUR' }),
    });
    const { code } = (await issued.json()) as { code: string };
    return { ...(await newSession(merchant)), code };
  },
};

clientContractSuite('real backend on PGlite', () => harness);
