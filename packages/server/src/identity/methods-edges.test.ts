/**
 * Saved payment methods at their edges (R24): removing one needs step-up, detaches it at the provider
 * that keeps it, tells the shopper and makes the oldest remaining method the default only when the
 * default was removed; a method id that is not the shopper's (or is for another provider) is 404, both
 * when removing, choosing the default and resolving it to pay with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { usePglite } from '../test/databases.js';
import { createMerchant, createSession, createTestEnv, type TestEnv } from '../test/env.js';
import { callerAt, identityDeps, storeShopper, storeShopperToken } from '../test/identity.js';
import { TOKEN_TTL_MS, type Caller, type IdentityDeps, type ShopperTokenRecord } from './deps.js';
import { removeMethod, resolveSavedMethod, setDefaultMethod } from './methods.js';
import { identityStore } from './store.js';
import { randomVault } from './vault.js';

const getDb = usePglite();
const vault = randomVault();
const now = new Date('2026-03-01T12:00:00.000Z');
let env: TestEnv;
let deps: IdentityDeps;
let caller: Caller;
let count = 0;

beforeAll(async () => {
  env = await createTestEnv({ db: getDb(), vault });
  const shop = await createMerchant(env, 'Methods');
  caller = await callerAt(env, shop, (await createSession(env, shop)).id, '10.0.0.3');
  deps = identityDeps(getDb(), vault, { now: () => now });
});

/** A consenting shopper with a passkey and saved cards `a`, `b`, `c` (in that order; `a` is the default). */
async function shopper() {
  const id = `shp_pm_${++count}`;
  const store = identityStore(getDb());
  await storeShopper(getDb(), vault, id);
  await store.grantConsent(id, caller.merchant.id, 'save', 'v1', now);
  await store.insertPasskey(`cred_${id}`, id, 'pk', 0, []);
  for (const [i, name] of ['a', 'b', 'c'].entries()) {
    await store.insertSavedMethod({ id: `pm_${id}_${name}`, shopperId: id, providerId: caller.session.providerId, customer: `cus_${id}`, reference: `ref_${name}`, brand: 'visa', last4: `424${i}`, expMonth: 12, expYear: 2030, account: null });
    await getDb().query(`UPDATE saved_methods SET created_at = $2 WHERE id = $1`, [`pm_${id}_${name}`, new Date(now.getTime() - (3 - i) * 60_000)]);
  }
  return { id, m: (name: string) => `pm_${id}_${name}` };
}

const stepped = (shopperId: string): ShopperTokenRecord => ({ shopperId, assurance: 'passkey', verifiedAt: now, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS) });
const status = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error.status;
  }
};
const defaults = (profile: { savedMethods: readonly { id: string; isDefault: boolean }[] }) => profile.savedMethods.filter((m) => m.isDefault).map((m) => m.id);

describe('saved methods', () => {
  it('removing a method that is not the default leaves the default alone; removing the default promotes the oldest', async () => {
    const s = await shopper();
    await setDefaultMethod(deps, caller, stepped(s.id), s.m('c'));
    const afterB = await removeMethod(deps, caller, stepped(s.id), s.m('b'));
    expect(afterB.savedMethods.map((m) => m.id).sort()).toEqual([s.m('a'), s.m('c')].sort());
    expect(defaults(afterB)).toEqual([s.m('c')]);
    const afterC = await removeMethod(deps, caller, stepped(s.id), s.m('c'));
    expect(defaults(afterC)).toEqual([s.m('a')]);
  });

  it('a method id that is not the shopper\'s is 404 and changes nothing', async () => {
    const s = await shopper();
    const other = await shopper();
    expect(await status(removeMethod(deps, caller, stepped(s.id), other.m('a')))).toBe(404);
    expect(await status(setDefaultMethod(deps, caller, stepped(s.id), other.m('b')))).toBe(404);
    const { rows } = await getDb().query<{ n: number }>('SELECT count(*)::int AS n FROM saved_methods WHERE shopper_id IN ($1, $2)', [s.id, other.id]);
    expect(rows[0]!.n).toBe(6);
    const profile = await setDefaultMethod(deps, caller, stepped(s.id), s.m('b'));
    expect(defaults(profile)).toEqual([s.m('b')]);
  });

  it('removal detaches the method at its provider and wakes the outbox to tell the shopper', async () => {
    const s = await shopper();
    const detached: string[][] = [];
    let woken = 0;
    const provider = { customers: { detach: async (customer: string, reference: string) => void detached.push([customer, reference]) } };
    const withProvider = { ...deps, providers: new Map([[caller.session.providerId, provider]]) as unknown as IdentityDeps['providers'], wakeOutbox: () => void woken++ };
    await removeMethod(withProvider, caller, stepped(s.id), s.m('a'));
    expect(detached).toEqual([[`cus_${s.id}`, 'ref_a']]);
    expect(woken).toBe(1);
    const { rows } = await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE dedupe_key = $1`, [`method-removed:${s.m('a')}`]);
    expect(rows[0]!.n).toBe(1);
    // A provider that keeps no customers (or none configured) has nothing to detach; removal still works.
    expect(await status(removeMethod(deps, caller, stepped(s.id), s.m('b')))).toBe('ok');
    expect(await status(removeMethod({ ...deps, providers: new Map([[caller.session.providerId, {}]]) as unknown as IdentityDeps['providers'] }, caller, stepped(s.id), s.m('c')))).toBe('ok');
  });

  it('resolves only the shopper\'s own method for the session\'s provider', async () => {
    const s = await shopper();
    const raw = `shtok_pm_${s.id}`;
    await storeShopperToken(getDb(), vault, caller, { raw, shopperId: s.id, assurance: 'passkey', verifiedAt: now });
    expect(await resolveSavedMethod(deps, caller, raw, s.m('b'))).toMatchObject({ reference: 'ref_b', customer: `cus_${s.id}`, shopperId: s.id });
    expect(await status(resolveSavedMethod(deps, caller, raw, 'pm_unknown'))).toBe(404);
    const otherProvider = caller.session.providerId === 'mock' ? 'stripe' : 'mock';
    expect(await status(resolveSavedMethod(deps, caller, raw, s.m('b'), otherProvider as never))).toBe(404);
  });
});
