/** Saved payment methods: the default, removal with step-up (R24), and resolving one to pay with. */
import type { ProviderId, ShopperProfile } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import { enqueueNotification } from '../notifications/outbox.js';
import type { Caller, IdentityDeps, ShopperTokenRecord } from './deps.js';
import { authenticateShopper, profileView, requireConsent, requireStepUp } from './shopper.js';
import { identityStore, storeOf } from './store.js';

const notSaved = () => new ApiError(404, 'saved_method_not_found', 'That payment method is not saved in your profile.');

export async function setDefaultMethod(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, methodId: string): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  if (!(await storeOf(deps.db).setDefaultMethod(token.shopperId, methodId))) throw notSaved();
  return profileView(deps, token.shopperId);
}

/** Removal needs step-up; the method is detached at the provider and the shopper's email is told (R24). */
export async function removeMethod(deps: IdentityDeps, caller: Caller, token: ShopperTokenRecord, methodId: string): Promise<ShopperProfile> {
  await requireConsent(deps, caller, token.shopperId);
  await requireStepUp(deps, token);
  const method = (await storeOf(deps.db).savedMethods(token.shopperId)).find((m) => m.id === methodId);
  if (!method) throw notSaved();
  const provider = deps.providers.get(method.provider);
  if (provider?.customers && method.customer) await provider.customers.detach(method.customer, method.reference);
  await deps.db.transaction(async (tx) => {
    const store = identityStore(tx);
    await store.deleteMethod(methodId, token.shopperId);
    if (method.isDefault) await store.promoteOldestMethod(token.shopperId);
    await enqueueNotification(tx, {
      key: `method-removed:${methodId}`,
      channel: 'email',
      template: 'method_removed',
      payload: { to: await store.emailSealed(token.shopperId), brand: method.brand, last4: method.last4 },
    });
  });
  deps.wakeOutbox?.();
  return profileView(deps, token.shopperId);
}

/** What the provider needs to charge a saved method, for a verified shopper who shares with this merchant. */
export async function resolveSavedMethod(
  deps: IdentityDeps,
  caller: Caller,
  shopperToken: string | null | undefined,
  methodId: string,
  providerId: ProviderId = caller.session.providerId,
): Promise<{ reference: string; customer: string | undefined; shopperId: string; token: ShopperTokenRecord }> {
  const token = await authenticateShopper(deps, caller, shopperToken);
  await requireConsent(deps, caller, token.shopperId);
  const method = (await storeOf(deps.db).savedMethods(token.shopperId)).find((m) => m.id === methodId);
  if (!method || method.provider !== providerId) throw notSaved();
  return { reference: method.reference, customer: method.customer ?? undefined, shopperId: token.shopperId, token };
}
