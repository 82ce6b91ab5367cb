/**
 * The checkout context (`@lit/context`): one value per checkout, provided by `<omni-checkout>` and
 * consumed by every part inside it (`<omni-summary>`, `<omni-shipping>`, `<omni-express>`,
 * `<omni-identity>`, `<omni-saved-methods>`). A part never looks for its parent in the DOM or
 * reads another element's attributes: it asks for the context. A part used on its own provides
 * its own, built from its attributes (`checkout-link.ts`).
 */
import { createContext } from '@lit/context';
import type { CheckoutBackend } from '@omni-checkout/core/client';
import type { CheckoutMachine } from '@omni-checkout/core/flow';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { CheckoutSession, ProviderId } from '@omni-checkout/core/types';

/** Where the backend is and who is asking: the attributes of the element that owns the context. */
export interface CheckoutConfig {
  readonly publishableKey: string;
  readonly apiBase: string;
  /** The session's client secret (a property only, never an attribute). */
  readonly clientSecret: string;
  readonly fetch?: typeof globalThis.fetch;
  /** The page's CSP nonce, for provider scripts. */
  readonly nonce?: string;
}

export interface CheckoutContext {
  readonly config: CheckoutConfig;
  /** The one backend client of this checkout. */
  readonly backend: CheckoutBackend;
  /** The one state machine of this checkout: every way to pay drives it (`@omni-checkout/core/flow`). */
  readonly machine: CheckoutMachine;
  /** The session as last answered by the backend; null while it loads. */
  readonly session: CheckoutSession | null;
  /** The identity client (shopper token shared by every part), once the identity network loaded; null without it. */
  readonly identity: IdentityBackend | null;
  /** The language the checkout speaks (`lang`, then `<html lang>`, then the browser's). */
  readonly lang: string;
  /** Providers whose own buttons the checkout shows among its payment methods (PayPal): `<omni-express>` leaves them out. */
  readonly methodProviders: readonly ProviderId[];
  /**
   * What the chosen way to pay adds to the session's total (cash on delivery's fee, the backend's
   * figure, named after the method): `<omni-summary>` shows it as a line and in the total. Absent or
   * null when nothing is added (a part used on its own has none).
   */
  readonly surcharge?: Surcharge | null;
  /**
   * Runs a change of the session (a shipping option, a wallet's address) after the changes before
   * it, then makes the backend's answer the session every part sees (and answers it).
   */
  save(run: () => Promise<CheckoutSession>): Promise<CheckoutSession>;
  /** `<omni-express providers="…">`: these providers' buttons show in the express area, not among the payment methods. */
  claim(providers: readonly ProviderId[]): void;
}

export interface Surcharge {
  /** The method's name in the shopper's language ("Cash on delivery"). */
  readonly label: string;
  /** In minor units of the session's currency. */
  readonly amount: number;
}

export const checkoutContext = createContext<CheckoutContext | undefined>(Symbol.for('omni-checkout.context'));
