/** The client API contract (`contract.suite.ts`) against the in-memory double: `createMemoryBackend` + `withIdentity`. */
import { clientContractSuite, CONTRACT_SESSION, type ContractHarness } from './contract.suite.js';
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
    const memory = createMemoryBackend({ ...CONTRACT_SESSION, ...init });
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
};

clientContractSuite('in-memory double', () => harness);
