/**
 * The identity network's part in a payment (`PaymentHooks` of the checkout): paying with a saved
 * method, and saving the shopper who consented, in the order's own transaction.
 */
import type { ProviderId, SavedMethodSummary } from '@omni-checkout/core';
import type { PaymentPlan } from '../checkout.js';
import { randomHex } from '../crypto.js';
import type { Queryable } from '../storage/db.js';
import type { OrderRecord, SessionRecord } from '../storage/storage.js';
import { normaliseEmail, type Caller, type IdentityDeps, type StoredProfile } from './deps.js';
import { resolveSavedMethod } from './methods.js';
import { authenticateShopper, openProfile, requireStepUpForNewCountry, shopperTokenIn } from './shopper.js';
import { identityStore, storeOf } from './store.js';

/** Before the provider call: a saved method becomes its provider reference; a consented save gets a customer. */
export async function planPayment(
  deps: IdentityDeps,
  caller: Caller,
  paymentMethod: string,
  shopperToken: string | null | undefined,
  providerId: ProviderId = caller.session.providerId,
): Promise<PaymentPlan> {
  if (paymentMethod.startsWith('spm_')) {
    const saved = await resolveSavedMethod(deps, caller, shopperToken, paymentMethod, providerId);
    await requireStepUpForNewCountry(deps, caller, saved.token);
    return { paymentMethod: saved.reference, ...(saved.customer ? { customer: saved.customer } : {}) };
  }
  const store = storeOf(deps.db);
  // The session row carries the planned identity (`storage/rows.ts`): no read without a save intent.
  const planned = caller.session.plannedShopperId;
  const provider = deps.providers.get(providerId);
  if (!planned || !provider?.customers) return { paymentMethod };
  // A verified shopper saving a new card keeps it on their own customer.
  let shopperId = planned;
  if (shopperToken) {
    try {
      shopperId = (await authenticateShopper(deps, caller, shopperToken)).shopperId;
    } catch {
      // Not signed in: the planned identity.
    }
  }
  const existing = await store.shopper(shopperId);
  const known = (existing?.provider_customers as Record<string, string> | undefined)?.[provider.id];
  const customer = known ?? (await provider.customers.ensure({ shopperId, key: `customer:${shopperId}` }));
  await store.setSaveIntentCustomer(caller.session.id, customer);
  return { paymentMethod, customer, savePaymentMethod: true };
}

/**
 * In the transaction that records the order (`tx`): with a save intent, creates the identity
 * (unless the email already has one: a guest never writes into someone else's profile) with the
 * consent, the address, the preferred shipping and the method the provider saved; links the order
 * for erasure. Everything here commits with the order or not at all (no identity without an order,
 * no half-saved identity).
 */
export async function afterOrder(
  deps: IdentityDeps,
  tx: Queryable,
  session: SessionRecord,
  order: OrderRecord,
  method: SavedMethodSummary | undefined,
  customer: string | undefined,
  shopperToken: string | null | undefined,
  caller: Caller | null,
): Promise<void> {
  const store = identityStore(tx);
  let signedIn: string | null = null;
  if (caller && shopperToken) {
    signedIn = await shopperTokenIn(tx, deps, caller, shopperToken).then((t) => t.shopperId, () => null);
  }
  // Read only when the session row (as this transaction updated it) says there is one.
  const intent = session.plannedShopperId ? await store.saveIntent(session.id) : null;
  customer ??= (intent?.customer as string | null | undefined) ?? undefined;
  let shopperId = signedIn;
  if (!shopperId && intent && session.contact?.email) {
    const email = normaliseEmail(session.contact.email);
    const phone = intent.phone_sealed ? deps.vault.open(intent.phone_sealed as string) : null;
    const profile: StoredProfile = {
      name: session.shippingAddress?.name,
      addresses: session.shippingAddress ? [{ id: `adr_${randomHex(8)}`, label: 'Home', address: session.shippingAddress, isDefault: true }] : [],
      preferredShippingOptionId: session.selectedShippingOptionId,
    };
    const planned = intent.planned_shopper_id as string;
    const created = await store.insertShopper({
      id: planned,
      emailHash: deps.vault.lookupHash('email', email),
      phoneHash: phone ? deps.vault.lookupHash('phone', phone) : null,
      emailSealed: deps.vault.seal(email),
      phoneSealed: phone ? deps.vault.seal(phone) : null,
      profileSealed: deps.vault.seal(JSON.stringify(profile)),
      providerCustomers: customer ? { [session.providerId]: customer } : {},
    });
    if (!created) return;
    shopperId = planned;
    await store.grantConsent(shopperId, session.merchantId, 'save', intent.text_version, order.createdAt);
  }
  if (!shopperId) return;
  await store.linkOrder(order.id, shopperId);
  if (intent && method && customer) {
    // The provider that took the money (with several providers, not necessarily the session's first).
    await store.addProviderCustomer(shopperId, order.provider, customer);
    await store.insertSavedMethod({
      id: `spm_${randomHex(12)}`,
      shopperId,
      providerId: order.provider,
      customer,
      reference: method.reference,
      brand: method.brand,
      last4: method.last4 ?? null,
      expMonth: method.expMonth ?? null,
      expYear: method.expYear ?? null,
      account: method.account ?? null,
    });
  }
  if (signedIn && session.selectedShippingOptionId) {
    const stored = openProfile(deps.vault, { profile_sealed: await store.profileSealed(shopperId) });
    stored.preferredShippingOptionId = session.selectedShippingOptionId;
    await store.setProfileSealed(shopperId, deps.vault.seal(JSON.stringify(stored)), false);
  }
}
