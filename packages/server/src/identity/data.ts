/** The shopper's own data (R31): everything stored about them, and erasure. */
import { ApiError } from '../errors.js';
import { STEP_UP_MS, date, type IdentityDeps, type ShopperTokenRecord } from './deps.js';
import { profileView } from './shopper.js';
import { inTransaction, storeOf } from './store.js';

export async function exportData(deps: IdentityDeps, token: ShopperTokenRecord) {
  const store = storeOf(deps.db);
  const view = await profileView(deps, token.shopperId);
  const row = (await store.shopper(token.shopperId))!;
  const rows = await store.exportRows(token.shopperId);
  return {
    shopper: { id: token.shopperId, email: view.email, phone: view.phone, createdAt: date(row.created_at).toISOString() },
    addresses: view.addresses,
    savedMethods: view.savedMethods,
    preferredShippingOptionId: view.preferredShippingOptionId,
    consents: rows.consents.map((r) => ({
      merchant: r.name as string,
      kind: r.kind as string,
      textVersion: r.text_version as string,
      grantedAt: date(r.granted_at).toISOString(),
    })),
    devices: rows.devices.map((r) => ({
      id: r.id as string,
      merchant: r.name as string,
      createdAt: date(r.created_at).toISOString(),
      lastUsedAt: date(r.last_used_at).toISOString(),
      revoked: r.revoked_at !== null,
    })),
    passkeys: rows.passkeys.map((r) => ({
      createdAt: date(r.created_at).toISOString(),
      lastUsedAt: r.last_used_at ? date(r.last_used_at).toISOString() : null,
    })),
    orders: rows.orders.map((r) => r.order_id as string),
  };
}

/** Deletes the identity, its addresses, devices and passkeys, detaches provider methods and pseudonymises its orders. */
export async function erase(deps: IdentityDeps, token: ShopperTokenRecord): Promise<{ erased: true }> {
  if (deps.now().getTime() - token.verifiedAt.getTime() > STEP_UP_MS) {
    throw new ApiError(403, 'step_up_required', 'Verify again to delete your saved details.');
  }
  for (const method of await storeOf(deps.db).savedMethods(token.shopperId)) {
    const provider = deps.providers.get(method.provider);
    if (provider?.customers && method.customer) await provider.customers.detach(method.customer, method.reference);
  }
  await inTransaction(deps.db, (store) => store.eraseShopper(token.shopperId));
  return { erased: true };
}
