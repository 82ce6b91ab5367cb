/**
 * The parts of `<omni-checkout identity>` that only a recognised shopper sees: "Deliver to" (the
 * saved addresses: choose, add, make the default) and step-up before a payment (SECURITY R20).
 * Loaded with the identity client, only for merchants that turn the network on, so neither the
 * templates nor the behaviour are part of the first render. `<omni-checkout>` hands them a small
 * `IdentityHost` of what they may do to it, including the few helpers it already has (so this
 * chunk imports nothing the first render also needs, which would split that into more files).
 */
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';

export interface Lit {
  readonly html: typeof litHtml;
  readonly nothing: typeof litNothing;
}
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { ShopperProfile } from '@omni-checkout/core/identity';
import type { CheckoutSession, PostalAddress } from '@omni-checkout/core/types';
import type { OmniAddress } from '../address/address.js';
import type { Translation } from '../i18n/index.js';

type Texts = Translation['identity'];

const oneLine = (a: PostalAddress) => [a.line1, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');

/** "Deliver to": the saved addresses as a native radio group (arrow keys, one tab stop), then "A new address". */
export function savedAddresses({ html, nothing }: Lit, o: {
  id: string;
  t: Texts;
  profile: ShopperProfile;
  choice: string | null;
  locked: boolean;
  onChoice: (event: Event) => void;
  onMakeDefault: () => void;
}): TemplateResult {
  const { id, t } = o;
  const chosen = o.profile.addresses.find((a) => a.id === o.choice);
  const radio = (value: string, label: string, description?: string) => html`<div class="omni-consent">
    <input
      type="radio"
      id="${id}-address-${value}"
      name="saved-address"
      .value=${value}
      .checked=${o.choice === value}
      aria-describedby=${description ? `${id}-address-${value}-text` : nothing}
      @change=${o.onChoice}
    />
    <label for="${id}-address-${value}">${label}</label>
    ${description ? html`<p class="omni-hint" id="${id}-address-${value}-text"><bdi>${description}</bdi></p>` : nothing}
  </div>`;
  return html`<fieldset class="omni-saved-addresses" ?disabled=${o.locked}>
    <legend>${t.deliverTo}</legend>
    ${o.profile.addresses.map((a) => radio(a.id, a.isDefault ? `${a.label} (${t.defaultMethod})` : a.label, oneLine(a.address)))}
    ${radio('new', t.newAddress)}
    ${chosen && !chosen.isDefault ? html`<button type="button" class="omni-link" @click=${o.onMakeDefault}>${t.makeDefault(chosen.label)}</button>` : nothing}
  </fieldset>`;
}

/** Under the address form for "A new address": its name and "Save this address". */
export function newAddressFields({ html }: Lit, o: { id: string; t: Texts; locked: boolean; onSave: () => void }): TemplateResult {
  return html`<div class="omni-field">
      <label for="${o.id}-address-label">${o.t.addressLabel}</label>
      <input id="${o.id}-address-label" name="address-label" type="text" maxlength="40" autocomplete="off" ?disabled=${o.locked} />
    </div>
    <button type="button" class="omni-link" ?disabled=${o.locked} @click=${o.onSave}>${o.t.saveAddress}</button>`;
}

/** The step-up code (R20), in the payment section: a one-time-code field described by why it is asked. */
export function stepUpField({ html }: Lit, o: { id: string; t: Texts; hint: string; onInput: (event: Event) => void }): TemplateResult {
  return html`<div class="omni-field" slot="saved-methods">
    <label for="${o.id}-step-up">${o.t.codeLabel}</label>
    <input
      id="${o.id}-step-up"
      name="step-up-code"
      type="text"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength="6"
      aria-describedby="${o.id}-step-up-hint"
      @input=${o.onInput}
    />
    <p class="omni-hint" id="${o.id}-step-up-hint">${o.t.stepUpNewCountry(o.hint)}</p>
  </div>`;
}

/** What the identity parts may read and do on `<omni-checkout>`. */
export interface IdentityHost {
  readonly id: string;
  readonly identity: IdentityBackend;
  readonly element: HTMLElement & { requestUpdate(): void; readonly updateComplete: Promise<boolean> };
  /**
   * Lit's `html` and `nothing`, from the element: this chunk then shares no module with the first
   * render, which esbuild would otherwise split into one more file (Lit apart from the rest).
   */
  readonly lit: Lit;
  t(): Translation;
  profile(): ShopperProfile | null;
  setProfile(profile: ShopperProfile): void;
  session(): CheckoutSession | null;
  /** Runs a session change in the checkout's save queue. */
  save(run: () => Promise<CheckoutSession>): Promise<void>;
  address(): OmniAddress | null;
  saveAddress(): Promise<void>;
  /** What `<omni-address>` shows (null: empty) and in which country. */
  prefill(address: Partial<PostalAddress> | null, country: string): void;
  formChanged(): void;
  pay(): Promise<void>;
  /** Sets the polite (`notice`) or assertive (`alert`) message. */
  say(kind: 'notice' | 'alert', text: string): void;
  reportError(error: unknown): void;
  /** The error code of a backend error (`OmniApiError`), or undefined. */
  errorCode(error: unknown): string | undefined;
  sameValue(a: unknown, b: unknown): boolean;
  /** `completeAddress` of `@omni-checkout/core/checkout-form`. */
  completeAddress(value: ReturnType<OmniAddress['getValue']>): PostalAddress | null;
  signInWithPasskey(identity: IdentityBackend): Promise<unknown>;
}

/** State and behaviour of "Deliver to" and of step-up, for one `<omni-checkout>`. */
export class IdentityUi {
  /** The saved address chosen (its id), `new` for the address form, null without saved addresses. */
  choice: string | null = null;
  /** Masked phone of a running step-up, or empty. */
  stepUpHint = '';
  #challenge = '';

  constructor(readonly host: IdentityHost) {}

  /** After recognition: the saved address the session now has is the one chosen. */
  recognized(profile: ShopperProfile, session: CheckoutSession): void {
    this.choice = profile.addresses.find((a) => this.host.sameValue(a.address, session.shippingAddress))?.id ?? null;
  }

  /** The address form stays hidden while a saved address is chosen (nothing to re-type). */
  get hidesAddressForm(): boolean {
    return Boolean(this.host.profile()?.addresses.length) && this.choice !== 'new' && this.choice !== null;
  }

  #update(): void {
    this.host.element.requestUpdate();
  }

  get t(): Translation {
    return this.host.t();
  }

  #onChoice = async (event: Event): Promise<void> => {
    const host = this.host;
    event.stopPropagation();
    const choice = (event.target as HTMLInputElement).value;
    this.choice = choice;
    host.say('notice', '');
    this.#update();
    if (choice === 'new') {
      host.prefill(null, host.session()?.country ?? '');
    } else {
      try {
        await host.save(async () => {
          const session = await host.identity.apply(choice);
          host.prefill(session.shippingAddress, session.shippingAddress?.country ?? session.country);
          return session;
        });
      } catch (error) {
        host.reportError(error);
      }
      await host.element.updateComplete;
    }
    host.formChanged();
  };

  /** "Save this address": the typed address joins the profile under the name given (or its city) and is chosen. */
  #saveNew = async (): Promise<void> => {
    const host = this.host;
    const form = host.address();
    if (!form) return;
    const address = form.checkValidity() ? host.completeAddress(form.getValue()) : null;
    if (!address) {
      form.reportValidity();
      return;
    }
    const label = (host.element.querySelector<HTMLInputElement>(`#${host.id}-address-label`)?.value.trim() || address.city).slice(0, 40);
    try {
      await host.saveAddress();
      const profile = await host.identity.addAddress({ label, address });
      host.setProfile(profile);
      this.choice = profile.addresses.find((a) => host.sameValue(a.address, address))?.id ?? null;
      host.prefill(address, address.country);
      host.say('notice', this.t.identity.addressSaved(label));
    } catch (error) {
      host.reportError(error);
    }
  };

  #makeDefault = async (): Promise<void> => {
    const host = this.host;
    const chosen = host.profile()?.addresses.find((a) => a.id === this.choice);
    if (!chosen) return;
    try {
      host.setProfile(await host.identity.setDefaultAddress(chosen.id));
      host.say('notice', this.t.identity.defaultAddressSet(chosen.label));
    } catch (error) {
      host.reportError(error);
    }
  };

  /**
   * The backend asked for step-up before a payment (R20: a new shipping country): a code by SMS to
   * the phone on file, or the passkey when there is no phone; then the payment runs again.
   */
  async stepUp(): Promise<void> {
    const host = this.host;
    try {
      const answer = await host.identity.stepUp();
      this.#challenge = answer.challengeId;
      this.stepUpHint = answer.hint;
      host.say('alert', '');
      this.#update();
      await host.element.updateComplete;
      host.element.querySelector<HTMLInputElement>(`#${host.id}-step-up`)?.focus();
    } catch (error) {
      if (host.errorCode(error) !== 'sms_unavailable' || !host.profile()?.passkeys) throw error;
      await host.signInWithPasskey(host.identity);
      host.say('alert', '');
      await host.pay();
    }
  }

  #onStepUpInput = async (event: Event): Promise<void> => {
    const host = this.host;
    const input = event.target as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, 6);
    if (digits !== input.value) input.value = digits;
    if (digits.length !== 6) return;
    try {
      await host.identity.verify(this.#challenge, digits);
    } catch (error) {
      input.value = '';
      host.say('alert', host.errorCode(error) === 'invalid_code' ? this.t.identity.errors.invalidCode : this.t.errors.generic);
      return;
    }
    this.stepUpHint = '';
    this.#challenge = '';
    this.#update();
    await host.pay();
  };

  /** "Deliver to" and, for "A new address", its name and save button (around `<omni-address>`). */
  addresses(locked: boolean): TemplateResult | typeof litNothing {
    const profile = this.host.profile();
    if (!profile?.addresses.length) return this.host.lit.nothing;
    const t = this.t.identity;
    return savedAddresses(this.host.lit, { id: this.host.id, t, profile, choice: this.choice, locked, onChoice: this.#onChoice, onMakeDefault: this.#makeDefault });
  }

  newAddress(locked: boolean): TemplateResult | typeof litNothing {
    if (this.choice !== 'new' || !this.host.profile()) return this.host.lit.nothing;
    return newAddressFields(this.host.lit, { id: this.host.id, t: this.t.identity, locked, onSave: this.#saveNew });
  }

  stepUpTemplate(): TemplateResult | typeof litNothing {
    return this.stepUpHint ? stepUpField(this.host.lit, { id: this.host.id, t: this.t.identity, hint: this.stepUpHint, onInput: this.#onStepUpInput }) : this.host.lit.nothing;
  }
}
