/**
 * Planning a payment that saves a new card (the identity's part before the provider call): a card is
 * saved on a customer only with a save intent and a provider that keeps customers; a signed-in
 * shopper's new card goes on their own existing customer, not on a new one for the planned identity.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { usePglite } from '../test/databases.js';
import { createMerchant, createSession, createTestEnv, type TestEnv } from '../test/env.js';
import { identityDeps, storeShopper, storeShopperToken } from '../test/identity.js';
import type { Caller, IdentityDeps } from './deps.js';
import { planPayment } from './payments.js';
import { identityStore } from './store.js';
import { randomVault } from './vault.js';

const getDb = usePglite();
const vault = randomVault();
const now = new Date('2026-03-01T12:00:00.000Z');
let env: TestEnv;
let deps: IdentityDeps;
let shop: Awaited<ReturnType<typeof createMerchant>>;
let count = 0;
const ensured: string[] = [];

beforeAll(async () => {
  env = await createTestEnv({ db: getDb(), vault });
  shop = await createMerchant(env, 'Payments');
  deps = identityDeps(getDb(), vault, { now: () => now });
});

/** A fresh session of the shop, with a save intent for a planned identity when asked. */
async function checkout(intent: boolean): Promise<{ caller: Caller; planned: string }> {
  const { id } = await createSession(env, shop);
  const merchant = (await env.storage.merchantByPublishableKey(shop.publishableKey))!;
  const planned = `shp_plan_${++count}`;
  if (intent) await identityStore(getDb()).setSaveIntent(id, planned, 'v1', null);
  // Read as a request reads it, after the intent was recorded (the row carries the planned identity).
  const session = (await env.storage.sessionById(id))!;
  return { caller: { session, merchant, origin: shop.origin, ip: '10.0.0.4' }, planned };
}

const withCustomers = (providerId: string) => ({
  ...deps,
  providers: new Map([[providerId, { id: providerId, customers: { ensure: async ({ shopperId }: { shopperId: string }) => (ensured.push(shopperId), `cus_new_${shopperId}`) } }]]) as unknown as IdentityDeps['providers'],
});
const intentCustomer = async (sessionId: string) =>
  (await getDb().query<{ customer: string | null }>('SELECT customer FROM session_save_intents WHERE session_id = $1', [sessionId])).rows[0]?.customer;

describe('planPayment for a new card', () => {
  it('asks for no customer without a save intent or without a provider that keeps customers', async () => {
    const plain = await checkout(false);
    expect(await planPayment(withCustomers(plain.caller.session.providerId), plain.caller, 'pm_card', null)).toEqual({ paymentMethod: 'pm_card' });
    const saving = await checkout(true);
    expect(await planPayment(deps, saving.caller, 'pm_card', null)).toEqual({ paymentMethod: 'pm_card' });
    expect(await intentCustomer(saving.caller.session.id)).toBeNull();
  });

  it('saves a guest\'s card on a customer for the planned identity, remembered on the save intent', async () => {
    const { caller, planned } = await checkout(true);
    const plan = await planPayment(withCustomers(caller.session.providerId), caller, 'pm_card', null);
    expect(plan).toEqual({ paymentMethod: 'pm_card', customer: `cus_new_${planned}`, savePaymentMethod: true });
    expect(await intentCustomer(caller.session.id)).toBe(`cus_new_${planned}`);
  });

  it('puts a signed-in shopper\'s new card on their existing customer', async () => {
    const { caller, planned } = await checkout(true);
    const id = `shp_known_${count}`;
    const store = identityStore(getDb());
    await storeShopper(getDb(), vault, id, { providerCustomers: { [caller.session.providerId]: 'cus_existing' } });
    await store.grantConsent(id, caller.merchant.id, 'save', 'v1', now);
    const raw = `shtok_plan_${id}`;
    await storeShopperToken(getDb(), vault, caller, { raw, shopperId: id, assurance: 'email', verifiedAt: now });
    const before = ensured.length;
    const plan = await planPayment(withCustomers(caller.session.providerId), caller, 'pm_card', raw);
    expect(plan).toEqual({ paymentMethod: 'pm_card', customer: 'cus_existing', savePaymentMethod: true });
    expect(ensured.length).toBe(before);
    expect(ensured).not.toContain(planned);
    expect(await intentCustomer(caller.session.id)).toBe('cus_existing');
  });
});
