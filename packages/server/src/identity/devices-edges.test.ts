/**
 * Remembered devices at their edges (R23): the summary shows the shopper's default address and saved
 * method and whether they have a passkey; the one-click passkey challenge is issued only when every
 * piece of a one-click payment is there on a session that can still be paid; a revoked device is no
 * longer recognised, and a shopper cannot revoke someone else's device.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { usePglite } from '../test/databases.js';
import { createMerchant, createSession, createTestEnv, type TestEnv } from '../test/env.js';
import { callerAt, identityDeps, storeShopper } from '../test/identity.js';
import { TOKEN_TTL_MS, type Caller, type IdentityDeps } from './deps.js';
import { deviceSummary, recallDevice, revokeDevice } from './devices.js';
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
  const shop = await createMerchant(env, 'Devices');
  caller = await callerAt(env, shop, (await createSession(env, shop)).id, '10.0.0.2');
  deps = identityDeps(getDb(), vault, { now: () => now });
});

const address = (id: string, label: string, isDefault: boolean) => ({
  id,
  label,
  isDefault,
  address: { name: 'Ada', line1: `${label} 1`, city: 'Berlin', postalCode: '10117', country: 'DE' },
});

/** A consenting shopper with a remembered device on this merchant's site; its device token and ids. */
async function shopper(options: { passkey?: boolean; method?: boolean; address?: boolean; consent?: boolean } = {}) {
  const { passkey = true, method = true, address: withAddress = true, consent = true } = options;
  const id = `shp_dev_${++count}`;
  const store = identityStore(getDb());
  // The default address is the second one: the summary must pick it, not the first.
  const addresses = withAddress ? [address('adr_home', 'Home', false), address('adr_office', 'Office', true)] : [];
  await storeShopper(getDb(), vault, id, { addresses });
  if (consent) await store.grantConsent(id, caller.merchant.id, 'save', 'v1', now);
  if (passkey) await store.insertPasskey(`cred_${id}`, id, 'pk', 0, []);
  if (method) {
    await store.insertSavedMethod({ id: `pm_${id}`, shopperId: id, providerId: 'mock', customer: 'cus', reference: `ref_${id}`, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, account: null });
  }
  const deviceToken = `dvc_test_${id}`;
  const deviceId = `dev_${id}`;
  await store.insertDevice(deviceId, vault.mac('device', deviceToken), id, caller.merchant.id, now);
  return { id, deviceToken, deviceId };
}

const token = (shopperId: string) => ({ shopperId, assurance: 'email' as const, verifiedAt: now, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS) });

describe('remembered devices', () => {
  it('summarise the default address and method, and whether the shopper has a passkey', async () => {
    const full = await shopper();
    expect(await deviceSummary(deps, caller, full.deviceToken)).toEqual({
      recognized: true,
      method: { id: `pm_${full.id}`, brand: 'visa', last4: '4242' },
      address: { id: 'adr_office', label: 'Office' },
      hasPasskey: true,
    });
    const noPasskey = await shopper({ passkey: false });
    expect(await deviceSummary(deps, caller, noPasskey.deviceToken)).toMatchObject({ recognized: true, hasPasskey: false });
    const bare = await shopper({ method: false, address: false });
    expect(await deviceSummary(deps, caller, bare.deviceToken)).toMatchObject({ recognized: true, method: null, address: null });
  });

  it('offer the one-click passkey challenge only when everything for it is there and the session can be paid', async () => {
    const full = await shopper();
    expect((await recallDevice(deps, caller, full.deviceToken, true)).passkeyOptions).toMatchObject({ userVerification: 'required' });
    expect((await recallDevice(deps, caller, full.deviceToken, false)).passkeyOptions).toBeNull();
    expect((await recallDevice(deps, caller, 'dvc_unknown', true)).passkeyOptions).toBeNull();
    for (const missing of [{ passkey: false }, { method: false }, { address: false }, { consent: false }]) {
      const { deviceToken } = await shopper(missing);
      const recalled = await recallDevice(deps, caller, deviceToken, true);
      expect(recalled.passkeyOptions, JSON.stringify(missing)).toBeNull();
    }
  });

  it('a revoked device is no longer recognised; another shopper cannot revoke it', async () => {
    const mine = await shopper();
    const other = await shopper();
    expect(await revokeDevice(deps, caller, token(other.id), mine.deviceId)).toEqual({ revoked: false });
    expect(await deviceSummary(deps, caller, mine.deviceToken)).toMatchObject({ recognized: true });
    expect(await revokeDevice(deps, caller, token(mine.id), mine.deviceId)).toEqual({ revoked: true });
    expect(await deviceSummary(deps, caller, mine.deviceToken)).toEqual({ recognized: false, method: null, address: null, hasPasskey: false });
    expect(await revokeDevice(deps, caller, token(mine.id), mine.deviceId)).toEqual({ revoked: false });
  });
});
