/** The client API contract (`contract.suite.ts`) against the in-memory double: `createMemoryBackend` + `withIdentity`. */
import { clientContractSuite, CONTRACT_SESSION, type ContractHarness } from './contract.suite.js';
import { formatGiftCardCode } from '@omni-checkout/core';
import { withHandoff } from './handoff.js';
import { withIdentity } from './identity.js';
import { createMemoryBackend, type MemoryBackend } from './index.js';

const optionsOf = (backend: MemoryBackend, fetch: typeof globalThis.fetch = backend.fetch) => ({
  apiBase: backend.apiBase,
  publishableKey: backend.publishableKey,
  clientSecret: backend.clientSecret,
  fetch,
});

const harness: ContractHarness = {
  async session(init = {}) {
    // With the identity routes, as the real backend has them (its shopper is not this session's).
    const memory = createMemoryBackend({ ...CONTRACT_SESSION, smsUpdates: true, ...init });
    // And the handoff routes over them.
    const identity = withIdentity(memory, { email: 'someone.else@example.com' });
    return { options: optionsOf(memory, withHandoff(memory, { fetch: identity.fetch }).fetch) };
  },
  async knownShopper() {
    const email = 'ada@example.com';
    const code = '314159';
    const memory = createMemoryBackend(CONTRACT_SESSION);
    const identity = withIdentity(memory, { email, phone: '+4915123456742', code });
    return { options: optionsOf(memory, identity.fetch), email, code: async () => code };
  },
  async rememberedDevice({ passkey }) {
    const deviceToken = `dvc_contract_${'d'.repeat(40)}`;
    const memory = createMemoryBackend(CONTRACT_SESSION);
    const identity = withIdentity(memory, { email: 'ada@example.com', deviceToken, passkeys: passkey ? 1 : 0 });
    return { options: optionsOf(memory, identity.fetch), deviceToken };
  },
  async giftCard(amount) {
    const code = formatGiftCardCode(crypto.getRandomValues(new Uint8Array(20)));
    const memory = createMemoryBackend({ ...CONTRACT_SESSION, giftCards: [{ code, balance: amount, currency: 'EUR' }] });
    return { options: optionsOf(memory), code };
  },
};

clientContractSuite('in-memory double', () => harness);
