/**
 * What the parts of `<omni-checkout>` (its reactive controllers and modules: `provide.ts`,
 * `one-click.ts`, `returned.ts`, `checkout-form.ts`, `checkout-payment.ts`, `identity-parts.ts`)
 * use of the element and of each other, as types only. `checkout.ts` implements `CheckoutHost`;
 * the parts import these interfaces, never the element's module, so no two modules import each other.
 */
import type { ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import type { CheckoutBackend } from '@omni-checkout/core/client';
import type { CheckoutMachine } from '@omni-checkout/core/flow';
import type { CheckoutError, CheckoutState } from '@omni-checkout/core/state';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { ShopperProfile } from '@omni-checkout/core/identity';
import type { SuggestionSource } from '@omni-checkout/core/suggestions';
import type { CheckoutSession, Contact, PostalAddress, ProviderId } from '@omni-checkout/core/types';
import type { DeliverabilityCheck, OmniAddress } from '../address/address.js';
import type { CheckoutConfig, Surcharge } from '../context/context.js';
import type { FirstTranslation } from '../i18n/first.js';
import type { OmniShipping } from '../shipping/shipping.js';
import type { Recalled } from './recall.js';

/** What `getValue()` answers: the shopper's details as entered, in Stripe's change shape. */
export interface CheckoutValue {
  readonly complete: boolean;
  readonly value: {
    readonly contact: Contact | null;
    readonly shippingAddress: Partial<PostalAddress>;
    readonly shippingOptionId: string | null;
  };
}

/** The context `<omni-checkout>` provides and its save queue (`provide.ts`). */
export interface ContextPart {
  provide(): void;
  config(): CheckoutConfig;
  methodProviders(): ProviderId[];
  save(run: () => Promise<CheckoutSession>): Promise<CheckoutSession>;
  settled(): Promise<void>;
}

/** The lazily loaded form (`checkout-form.ts`), as the element's shell uses it. */
import type { TenderPart } from '../tenders/tenders.js';

export interface FormPart {
  start(current: () => boolean): Promise<void>;
  unmount(): void;
  sessionChanged(session: CheckoutSession): void;
  getValue(): CheckoutValue;
  pay(): Promise<void>;
  payLocked(): boolean;
  ownButton(): boolean;
  /** The pay button's words; with cash on delivery chosen, the total includes its fee. */
  payLabel(total: string): string;
  /** What the chosen method adds to the total (cash on delivery's fee), for the summary; null when nothing. */
  surcharge(): Surcharge | null;
  paymentMethods(): TemplateResult | typeof nothing;
  /** Gift cards and store credit (`tenders/tenders.ts`), once loaded: only where the session offers them. */
  readonly tenders: TenderPart | null;
}

/** `<omni-checkout>` as its parts see it. */
export interface CheckoutHost extends ReactiveControllerHost, HTMLElement {
  readonly publishableKey: string;
  readonly apiBase: string;
  readonly clientSecret: string;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly suggestions: SuggestionSource | null;
  readonly deliverability: DeliverabilityCheck | null;
  session: CheckoutSession | null;
  readonly checkout: CheckoutState;
  /** The shell's catalog: the first-render strings (the form reads the full one through `fullCatalog`). */
  readonly t: FirstTranslation;
  alert: string;
  notice: string;
  /** A remembered device with a passkey: the one-click button replaces the form. */
  readonly oneClick: Recalled | null;
  readonly formId: string;
  readonly machine: CheckoutMachine;
  readonly backend: CheckoutBackend | null;
  readonly identityClient: IdentityBackend | null;
  readonly form: FormPart | null;
  readonly context: ContextPart;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The identity client, loading its chunk first if it is not there yet (null without the `identity` attribute). */
  loadIdentityClient(): Promise<IdentityBackend | null>;
  loadFailed(error: unknown, fallback: string): void;
  completed(outcome: { readonly session: CheckoutSession; readonly orderId: string }): Promise<void>;
  money(amount: number): string;
  shipping(): OmniShipping | null;
}

/** "Deliver to" and step-up (`identity-parts.ts`), as the payment uses it. */
export interface StepUpPart {
  stepUp(): Promise<void>;
}

/** The form, as the payment (`checkout-payment.ts`) and "Deliver to" (`identity-parts.ts`) use it. */
export interface FormState {
  readonly host: CheckoutHost;
  readonly id: string;
  profile: ShopperProfile | null;
  readonly savedMethod: string | null;
  readonly ui: StepUpPart | null;
  form(): HTMLFormElement | null;
  address(): OmniAddress | null;
  formChanged(): void;
  prefill(address: Partial<PostalAddress> | null, country: string): void;
  chosenProvider(): ProviderId | undefined;
  /** Cash on delivery is chosen: our button confirms it without payment fields. */
  cashOnDelivery(): boolean;
  /** The chosen way to pay in the list (or the default), with the provider that carries it. */
  chosenMethod(): CheckoutSession['paymentMethods'][number] | undefined;
  providerFailed(id: ProviderId): void;
  detailsComplete(): boolean;
  /** Everything the shopper fills outside the payment fields: contact, address, shipping and the order updates. */
  allButPaymentComplete(): boolean;
  reportIncomplete(): Promise<void>;
  /** Resolves once checks still running on what the shopper typed (the order updates' mobile number) are done. */
  checksDone(): Promise<void>;
  saveContact(): Promise<void>;
  saveAddress(): Promise<void>;
  sendSaveConsent(): Promise<void>;
  reportSaveError(error: unknown): void;
  toError(error: unknown): CheckoutError;
  showIssues(error: unknown): void;
  pay(): Promise<void>;
}
