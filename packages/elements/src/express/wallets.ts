/**
 * `<omni-express>`'s wallets, one lazy chunk with their authorisation step (`authorize.ts`): the
 * element loads it once it is near the viewport, and nothing here shows before the wallets mount.
 * Each provider of the session that offers a wallet loads and mounts its buttons; what cannot show
 * is reported with its reason; shipping changes in a sheet are saved on the checkout's context.
 */
import {
  isProviderRegistered,
  loadProvider,
  type ClientProvider,
  type ClientProviderContext,
  type ExpressCallbacks,
  type MountedExpress,
  type WalletAvailability,
} from '@omni-checkout/core/provider';
import type { CheckoutSession, PaymentMethodType, ProviderId } from '@omni-checkout/core/types';
import type { CheckoutContext } from '../context/context.js';
import { OmniReadyEvent } from '../events/ready.js';
import { OmniWalletUnavailableEvent } from '../events/wallet-unavailable.js';
import type { FirstTranslation } from '../i18n/first.js';
// From the registry, not `first.ts`: through it, this chunk reached the English first-render strings,
// and esbuild split them from the catalog's chunk into a file of their own, loaded up front.
import { languageOf } from '../i18n/catalogs.js';
import { nearViewport } from '../internal/near-viewport.js';
import { authorize } from './authorize.js';

/** One wallet of one provider: shown, or not and why (`getAvailability()` of `<omni-express>`). */
export type ExpressAvailability = WalletAvailability & { readonly provider: ProviderId };

const WALLETS: readonly PaymentMethodType[] = ['apple_pay', 'google_pay', 'link', 'paypal', 'paylater', 'venmo'];

/**
 * What the wallets use of `<omni-express>`: its private state, lent as functions (this module
 * never imports the element's, so the two do not import each other).
 */
export interface ExpressPort {
  /** The checkout context the element is linked to. */
  context(): CheckoutContext;
  /** The session as the element last saw it (a sheet's change sets it: `saved`). */
  session(): CheckoutSession;
  saved(session: CheckoutSession): void;
  t(): FirstTranslation;
  /** Shows (or clears, with '') the element's error. */
  report(message: string): void;
}

/** The wallets of one `<omni-express>`: created once, mounted again for each new session or `providers`. */
export class Wallets {
  /** Which wallets show, and why the others do not (the last mounting's, until the next one is done). */
  availability: readonly ExpressAvailability[] = [];
  readonly #element: HTMLElement;
  readonly #port: ExpressPort;
  #mounted: { express: MountedExpress; container: HTMLElement }[] = [];

  constructor(element: HTMLElement, port: ExpressPort) {
    this.#element = element;
    this.#port = port;
  }

  /**
   * Mounts the wallets of `session`'s providers that show here: `named` (the `providers`
   * attribute), or else every one the checkout does not show among its payment methods. Stops
   * (destroying what it just mounted) once `current()` says a newer mounting started.
   */
  async mount(session: CheckoutSession, named: readonly ProviderId[], current: () => boolean): Promise<void> {
    const context = this.#port.context();
    const element = this.#element;
    const availability: ExpressAvailability[] = [];
    const shown = (id: ProviderId) => (named.length ? named.includes(id) : !context.methodProviders.includes(id));
    for (const entry of session.providers) {
      if (!shown(entry.id) || !entry.methods.some((method) => WALLETS.includes(method)) || !isProviderRegistered(entry.id)) continue;
      let provider: ClientProvider;
      try {
        provider = await loadProvider(entry.id);
      } catch {
        continue;
      }
      if (!provider.express || !current()) continue;
      const container = document.createElement('div');
      element.append(container);
      const express = await provider.express.mount(container, this.#context(session, provider), this.#callbacks(provider));
      if (!current()) {
        express.destroy();
        container.remove();
        return;
      }
      this.#mounted.push({ express, container });
      availability.push(...express.availability.map((a) => ({ ...a, provider: entry.id })));
    }
    this.availability = availability;
    for (const a of availability) {
      if (!a.available) element.dispatchEvent(new OmniWalletUnavailableEvent({ wallet: a.wallet, reason: a.reason, provider: a.provider }));
    }
    element.hidden = !availability.some((a) => a.available);
    element.dispatchEvent(new OmniReadyEvent());
  }

  /** The session changed (the checkout, or a wallet sheet): the wallets show the new amount. */
  update(session: CheckoutSession): void {
    for (const { express } of this.#mounted) express.update(session);
  }

  unmount(): void {
    for (const { express, container } of this.#mounted) {
      express.destroy();
      container.remove();
    }
    this.#mounted = [];
  }

  #context(session: CheckoutSession, provider: ClientProvider): ClientProviderContext {
    const element = this.#element;
    const { config, backend } = this.#port.context();
    return {
      session,
      locale: languageOf(element),
      dir: element.matches(':dir(rtl)') ? 'rtl' : 'ltr',
      apiBase: config.apiBase,
      publishableKey: config.publishableKey,
      ...(config.nonce || element.nonce ? { nonce: config.nonce || element.nonce } : {}),
      ...(config.fetch ? { fetch: config.fetch } : {}),
      nearViewport,
      // PayPal: the order is created by the backend from the live session (a new key per click).
      ...(backend.prepare ? { prepare: (request) => backend.prepare!({ ...request, provider: provider.id }, crypto.randomUUID()) } : {}),
    };
  }

  #callbacks(provider: ClientProvider): ExpressCallbacks {
    const port = this.#port;
    const save = async (run: () => Promise<CheckoutSession>) => {
      const session = await port.context().save(run);
      port.saved(session);
      this.update(session);
      return session;
    };
    return {
      currentSession: () => port.session(),
      // The backend prices the session; the address in the sheet is partial until the shopper pays.
      onShippingAddressChange: () => save(() => port.context().backend.getSession()),
      onShippingOptionChange: (id) => save(() => port.context().backend.setShippingOption(id)),
      onCancel: () => {},
      onAuthorized: (payment) =>
        authorize(payment, provider, {
          context: port.context(),
          t: port.t(),
          providerContext: (session) => this.#context(session, provider),
          report: (message) => port.report(message),
          dispatch: (event) => this.#element.dispatchEvent(event),
        }),
    };
  }
}
