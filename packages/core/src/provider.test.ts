import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientProvider } from './provider.js';
import type { ProviderId } from './types.js';

// The registry is module state: a fresh module per test keeps the tests independent.
let mod: typeof import('./provider.js');
beforeEach(async () => {
  vi.resetModules();
  mod = await import('./provider.js');
});

function fakeProvider(id: ProviderId): ClientProvider {
  return {
    id,
    mountPaymentFields: () => Promise.reject(new Error('not used')),
    handleNextAction: () => Promise.resolve({ status: 'completed' }),
  };
}

describe('registerProvider / loadProvider', () => {
  it('does not call the loader on registration (lazy)', () => {
    const loader = vi.fn(async () => fakeProvider('mock'));
    mod.registerProvider('mock', loader);
    expect(loader).not.toHaveBeenCalled();
    expect(mod.isProviderRegistered('mock')).toBe(true);
    expect(mod.isProviderRegistered('stripe')).toBe(false);
  });

  it('loads once, even for concurrent callers', async () => {
    const provider = fakeProvider('mock');
    const loader = vi.fn(async () => provider);
    mod.registerProvider('mock', loader);
    const [a, b] = await Promise.all([mod.loadProvider('mock'), mod.loadProvider('mock')]);
    const c = await mod.loadProvider('mock');
    expect(a).toBe(provider);
    expect(b).toBe(provider);
    expect(c).toBe(provider);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('unwraps a module with a default export (dynamic import shape)', async () => {
    const provider = fakeProvider('stripe');
    mod.registerProvider('stripe', async () => ({ default: provider }));
    await expect(mod.loadProvider('stripe')).resolves.toBe(provider);
  });

  it('lets a failed load be retried', async () => {
    const provider = fakeProvider('paypal');
    const loader = vi
      .fn<() => Promise<ClientProvider>>()
      .mockRejectedValueOnce(new Error('chunk failed to load'))
      .mockResolvedValueOnce(provider);
    mod.registerProvider('paypal', loader);
    await expect(mod.loadProvider('paypal')).rejects.toThrow('chunk failed to load');
    await expect(mod.loadProvider('paypal')).resolves.toBe(provider);
    await expect(mod.loadProvider('paypal')).resolves.toBe(provider);
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('rejects an unknown (unregistered) id', async () => {
    await expect(mod.loadProvider('stripe')).rejects.toThrow(/No client provider registered for "stripe"/);
  });

  it('re-registering replaces the loader and drops the cached provider', async () => {
    const first = fakeProvider('mock');
    const second = fakeProvider('mock');
    mod.registerProvider('mock', async () => first);
    await expect(mod.loadProvider('mock')).resolves.toBe(first);
    mod.registerProvider('mock', async () => second);
    await expect(mod.loadProvider('mock')).resolves.toBe(second);
  });

  it('keeps providers separate', async () => {
    const mock = fakeProvider('mock');
    const stripe = fakeProvider('stripe');
    mod.registerProvider('mock', async () => mock);
    mod.registerProvider('stripe', async () => ({ default: stripe }));
    await expect(mod.loadProvider('stripe')).resolves.toBe(stripe);
    await expect(mod.loadProvider('mock')).resolves.toBe(mock);
  });
});
