/**
 * How a part reaches its checkout: it consumes the context of the `<omni-checkout>` around it; used
 * on its own (no provider answers, its own `clientSecret` set), it builds and provides its own from
 * its attributes: one backend client, one state machine, one session read.
 */
import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createBackendClient } from '@omni-checkout/core/client';
import { createMachine } from '@omni-checkout/core/machine';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { OmniApiError } from '@omni-checkout/core/errors';
import { OmniLoadErrorEvent } from '../events/load-error.js';
import { languageOf } from '../i18n/catalogs.js';
import { checkoutContext, type CheckoutConfig, type CheckoutContext } from './context.js';

/** A part's own configuration, for when it is used on its own. */
export type LinkHost = ReactiveControllerHost & HTMLElement & Omit<CheckoutConfig, 'fetch' | 'nonce'> & { fetch: typeof globalThis.fetch | undefined };

/** Keeps the context of a part current; `value` is null until a checkout (or the part's own) has one. */
export class CheckoutLink implements ReactiveController {
  value: CheckoutContext | null = null;
  /** True when the part provides its own context (used on its own). */
  standalone = false;
  readonly #host: LinkHost;
  readonly #consumer: ContextConsumer<typeof checkoutContext, LinkHost>;
  #provider: ContextProvider<typeof checkoutContext, LinkHost> | null = null;
  #ownKey = '';
  #load = 0;

  constructor(host: LinkHost) {
    this.#host = host;
    this.#consumer = new ContextConsumer(host, {
      context: checkoutContext,
      subscribe: true,
      callback: (value) => {
        this.#answered = true;
        if (this.standalone || !value) return;
        this.value = value;
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    // A checkout upgraded after its parts announces its provider when it connects
    // (`context-provider`): a part nobody answered yet (the consumer asks as it connects) asks again.
    addEventListener('context-provider', this.#retry);
  }

  hostDisconnected(): void {
    this.#answered = false;
    removeEventListener('context-provider', this.#retry);
  }

  #answered = false;
  #retry = (event: Event & { readonly context?: unknown }): void => {
    if (event.context === checkoutContext && !this.#answered && !this.standalone) this.#consumer.hostConnected();
  };

  /** Before each render: a part on its own (nobody answered, its own secret set) loads its own session. */
  hostUpdate(): void {
    const host = this.#host;
    if (this.#consumer.value || !host.clientSecret) return;
    const key = `${host.apiBase}\n${host.publishableKey}\n${host.clientSecret}`;
    if (this.standalone && key === this.#ownKey && !this.#fetchChanged) return;
    this.#ownKey = key;
    this.#lastFetch = host.fetch;
    this.standalone = true;
    void this.#own();
  }

  #lastFetch: typeof globalThis.fetch | undefined;
  get #fetchChanged(): boolean {
    return this.#lastFetch !== this.#host.fetch;
  }

  async #own(): Promise<void> {
    const host = this.#host;
    const load = ++this.#load;
    const config: CheckoutConfig = {
      publishableKey: host.publishableKey,
      apiBase: host.apiBase,
      clientSecret: host.clientSecret,
      ...(host.fetch ? { fetch: host.fetch } : {}),
      ...(host.nonce ? { nonce: host.nonce } : {}),
    };
    const backend = createBackendClient(config);
    let saves: Promise<unknown> = Promise.resolve();
    const context: CheckoutContext = {
      config,
      backend,
      machine: createMachine(),
      session: null,
      identity: null,
      lang: languageOf(host),
      methodProviders: [],
      claim: () => {},
      save: (run) => {
        const save = saves.then(run).then((session) => {
          this.#publish(session);
          return session;
        });
        saves = save.catch(() => undefined);
        return save;
      },
    };
    this.value = context;
    let session: CheckoutSession;
    try {
      session = await backend.getSession();
    } catch (error) {
      if (load !== this.#load) return;
      const code = error instanceof OmniApiError ? error.code : 'load_failed';
      const message = error instanceof OmniApiError ? error.message : 'The checkout could not be loaded.';
      host.dispatchEvent(new OmniLoadErrorEvent({ code, message }));
      return;
    }
    if (load === this.#load) this.#publish(session);
  }

  #publish(session: CheckoutSession): void {
    if (!this.value) return;
    this.value = { ...this.value, session };
    this.#provider ??= new ContextProvider(this.#host, { context: checkoutContext });
    this.#provider.setValue(this.value);
    this.#host.requestUpdate();
  }
}
