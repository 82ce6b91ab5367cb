/**
 * `<omni-checkout>`'s side of the checkout context (`context/context.ts`): builds the one value
 * every part inside consumes — configuration, backend and identity clients, state machine,
 * session, language — hands a new one down whenever the session changes, and keeps the queue that
 * saves session changes one after another. A reactive controller of the checkout.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController } from 'lit';
import { isProviderRegistered } from '@omni-checkout/core/provider';
import type { CheckoutSession, ProviderId } from '@omni-checkout/core/types';
import { checkoutContext, type CheckoutConfig, type CheckoutContext } from '../context/context.js';
import { languageOf } from '../i18n/catalogs.js';
import type { CheckoutHost, ContextPart } from './host.js';

export class CheckoutProvision implements ReactiveController, ContextPart {
  readonly #host: CheckoutHost;
  readonly #provider: ContextProvider<typeof checkoutContext, CheckoutHost>;
  #saves: Promise<unknown> = Promise.resolve();
  /** Providers whose buttons an `<omni-express providers="…">` inside shows: not among the payment methods. */
  #claimed: readonly ProviderId[] = [];
  #session: CheckoutSession | null = null;

  constructor(host: CheckoutHost) {
    this.#host = host;
    this.#provider = new ContextProvider(host, { context: checkoutContext });
    host.addController(this);
  }

  /** Before each render: a new session (or language, or what the chosen method adds to the total) is handed down. */
  hostUpdate(): void {
    const value = this.#provider.value;
    const surcharge = this.#host.form?.surcharge();
    if (this.#host.session !== this.#session || (value && (value.lang !== languageOf(this.#host) || value.surcharge?.amount !== surcharge?.amount))) this.provide();
  }

  /** The configuration every client of this checkout is built from. */
  config(): CheckoutConfig {
    const host = this.#host;
    return {
      apiBase: host.apiBase,
      publishableKey: host.publishableKey,
      clientSecret: host.clientSecret,
      ...(host.fetch ? { fetch: host.fetch } : {}),
      ...(host.nonce ? { nonce: host.nonce } : {}),
    };
  }

  /** Hands the current context to every part inside (after the session or the identity client changed). */
  provide(): void {
    const host = this.#host;
    if (!host.backend) return;
    this.#session = host.session;
    this.#provider.setValue({
      config: this.config(),
      backend: host.backend,
      machine: host.machine,
      session: host.session,
      identity: host.identityClient,
      lang: languageOf(host),
      methodProviders: this.methodProviders(),
      surcharge: host.form?.surcharge() ?? null,
      save: (run) => this.save(run),
      claim: (ids) => {
        if (ids.join(' ') === this.#claimed.join(' ')) return;
        this.#claimed = ids;
        this.provide();
        host.requestUpdate();
      },
    } satisfies CheckoutContext);
  }

  /**
   * The session's other providers whose own buttons show in the checkout as payment methods
   * (PayPal): every one the page registered, except those an `<omni-express>` inside claimed.
   */
  methodProviders(): ProviderId[] {
    const session = this.#host.session;
    if (!session) return [];
    return (session.providers ?? [])
      .filter((p) => p.id !== session.provider.id && p.methods.length && isProviderRegistered(p.id) && !this.#claimed.includes(p.id))
      .map((p) => p.id);
  }

  /** Runs session changes one after another, so the last answer shown is the latest state. */
  save(run: () => Promise<CheckoutSession>): Promise<CheckoutSession> {
    const host = this.#host;
    const save = this.#saves.then(run).then((session) => {
      host.session = session;
      host.form?.sessionChanged(session);
      return session;
    });
    this.#saves = save.catch(() => undefined);
    return save;
  }

  /** Resolves once the saves queued so far are done. */
  settled(): Promise<void> {
    return this.#saves.then(() => undefined);
  }
}
