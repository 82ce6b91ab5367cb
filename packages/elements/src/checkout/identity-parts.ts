/**
 * The parts of `<omni-checkout identity>` that only a recognised shopper sees: "Deliver to" (the
 * saved addresses: choose, add, make the default) and step-up before a payment (docs/security.md R20).
 * Loaded with the checkout's form (`checkout-form.ts`), only for merchants that turn the network
 * on; they act on that form and on the checkout's context (identity client, save queue).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { OmniApiError } from '@omni-checkout/core/errors';
import { completeAddress, sameValue } from '@omni-checkout/core/checkout-form';
import type { ShopperProfile } from '@omni-checkout/core/identity';
import type { CheckoutSession, PostalAddress } from '@omni-checkout/core/types';
import type { Translation } from '../i18n/index.js';
import type { FormState, StepUpPart } from './host.js';
import { fullCatalog } from '../i18n/full.js';

type Texts = Translation['identity'];

/** "Unter den Linden 1, 10117 Berlin, Germany": the country named in the shopper's language, not its code. */
const oneLine = (a: PostalAddress, lang: string) =>
  [a.line1, [a.postalCode, a.city].filter(Boolean).join(' '), a.country && new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'code' }).of(a.country)].filter(Boolean).join(', ');

/** "Deliver to": the saved addresses as a native radio group (arrow keys, one tab stop), then "A new address". */
export function savedAddresses(o: {
  id: string;
  t: Texts;
  /** The shopper's language: the countries' names. */
  lang: string;
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
    ${o.profile.addresses.map((a) => radio(a.id, a.isDefault ? `${a.label} (${t.defaultMethod})` : a.label, oneLine(a.address, o.lang)))}
    ${radio('new', t.newAddress)}
    ${chosen && !chosen.isDefault ? html`<button type="button" class="omni-link" @click=${o.onMakeDefault}>${t.makeDefault(chosen.label)}</button>` : nothing}
  </fieldset>`;
}

/** Under the address form for "A new address": its name and "Save this address". */
export function newAddressFields(o: { id: string; t: Texts; locked: boolean; onSave: () => void }): TemplateResult {
  return html`<div class="omni-field">
      <label for="${o.id}-address-label">${o.t.addressLabel}</label>
      <input id="${o.id}-address-label" name="address-label" type="text" maxlength="40" autocomplete="off" ?disabled=${o.locked} />
    </div>
    <button type="button" class="omni-link" ?disabled=${o.locked} @click=${o.onSave}>${o.t.saveAddress}</button>`;
}

/** The step-up code (R20), in the payment section: a one-time-code field described by why it is asked. */
export function stepUpField(o: { id: string; t: Texts; hint: string; onInput: (event: Event) => void }): TemplateResult {
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

/** State and behaviour of "Deliver to" and of step-up, for one `<omni-checkout>`. */
export class IdentityUi implements StepUpPart {
  /** The saved address chosen (its id), `new` for the address form, null without saved addresses. */
  choice: string | null = null;
  /** Masked phone of a running step-up, or empty. */
  stepUpHint = '';
  #challenge = '';

  constructor(readonly form: FormState) {}

  get #identity() {
    return this.form.host.identityClient!;
  }

  #say(kind: 'notice' | 'alert', text: string): void {
    this.form.host[kind] = text;
  }

  #setProfile(profile: ShopperProfile): void {
    this.form.profile = profile;
    this.#update();
  }

  /** After recognition: the saved address the session now has is the one chosen. */
  recognized(profile: ShopperProfile, session: CheckoutSession): void {
    this.choice = profile.addresses.find((a) => sameValue(a.address, session.shippingAddress))?.id ?? null;
  }

  /** The address form stays hidden while a saved address is chosen (nothing to re-type). */
  get hidesAddressForm(): boolean {
    return Boolean(this.form.profile?.addresses.length) && this.choice !== 'new' && this.choice !== null;
  }

  #update(): void {
    this.form.host.requestUpdate();
  }

  get t(): Translation {
    return fullCatalog(this.form.host.t);
  }

  #onChoice = async (event: Event): Promise<void> => {
    const form = this.form;
    const host = form.host;
    event.stopPropagation();
    const choice = (event.target as HTMLInputElement).value;
    this.choice = choice;
    this.#say('notice', '');
    this.#update();
    if (choice === 'new') {
      form.prefill(null, host.session?.country ?? '');
    } else {
      try {
        await host.context.save(async () => {
          const session = await this.#identity.apply(choice);
          form.prefill(session.shippingAddress, session.shippingAddress?.country ?? session.country);
          return session;
        });
      } catch (error) {
        form.reportSaveError(error);
      }
      await host.updateComplete;
    }
    form.formChanged();
  };

  /** "Save this address": the typed address joins the profile under the name given (or its city) and is chosen. */
  #saveNew = async (): Promise<void> => {
    const form = this.form;
    const host = form.host;
    const fields = form.address();
    if (!fields) return;
    const address = fields.checkValidity() ? completeAddress(fields.getValue()) : null;
    if (!address) {
      fields.reportValidity();
      return;
    }
    const label = (host.querySelector<HTMLInputElement>(`#${form.id}-address-label`)?.value.trim() || address.city).slice(0, 40);
    try {
      await form.saveAddress();
      const profile = await this.#identity.addAddress({ label, address });
      this.#setProfile(profile);
      this.choice = profile.addresses.find((a) => sameValue(a.address, address))?.id ?? null;
      form.prefill(address, address.country);
      this.#say('notice', this.t.identity.addressSaved(label));
    } catch (error) {
      form.reportSaveError(error);
    }
  };

  #makeDefault = async (): Promise<void> => {
    const form = this.form;
    const host = form.host;
    const chosen = form.profile?.addresses.find((a) => a.id === this.choice);
    if (!chosen) return;
    try {
      this.#setProfile(await this.#identity.setDefaultAddress(chosen.id));
      this.#say('notice', this.t.identity.defaultAddressSet(chosen.label));
    } catch (error) {
      form.reportSaveError(error);
    }
  };

  /**
   * The backend asked for step-up before a payment (R20: a new shipping country): a code by SMS to
   * the phone on file, or the passkey when there is no phone; then the payment runs again.
   */
  async stepUp(): Promise<void> {
    const form = this.form;
    const host = form.host;
    try {
      const answer = await this.#identity.stepUp();
      this.#challenge = answer.challengeId;
      this.stepUpHint = answer.hint;
      this.#say('alert', '');
      this.#update();
      await host.updateComplete;
      host.querySelector<HTMLInputElement>(`#${form.id}-step-up`)?.focus();
    } catch (error) {
      if (!(error instanceof OmniApiError && error.code === 'sms_unavailable') || !form.profile?.passkeys) throw error;
      await (await import('../identity/passkeys.js')).signInWithPasskey(this.#identity);
      this.#say('alert', '');
      await form.pay();
    }
  }

  #onStepUpInput = async (event: Event): Promise<void> => {
    const form = this.form;
    const host = form.host;
    const input = event.target as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, 6);
    if (digits !== input.value) input.value = digits;
    if (digits.length !== 6) return;
    try {
      await this.#identity.verify(this.#challenge, digits);
    } catch (error) {
      input.value = '';
      this.#say('alert', error instanceof OmniApiError && error.code === 'invalid_code' ? this.t.identity.errors.invalidCode : this.t.errors.generic);
      return;
    }
    this.stepUpHint = '';
    this.#challenge = '';
    this.#update();
    await form.pay();
  };

  /** "Deliver to" and, for "A new address", its name and save button (around `<omni-address>`). */
  addresses(locked: boolean): TemplateResult | typeof nothing {
    const profile = this.form.profile;
    if (!profile?.addresses.length) return nothing;
    const t = this.t.identity;
    return savedAddresses({ id: this.form.id, t, lang: this.t.$code, profile, choice: this.choice, locked, onChoice: this.#onChoice, onMakeDefault: this.#makeDefault });
  }

  newAddress(locked: boolean): TemplateResult | typeof nothing {
    if (this.choice !== 'new' || !this.form.profile) return nothing;
    return newAddressFields({ id: this.form.id, t: this.t.identity, locked, onSave: this.#saveNew });
  }

  stepUpTemplate(): TemplateResult | typeof nothing {
    return this.stepUpHint ? stepUpField({ id: this.form.id, t: this.t.identity, hint: this.stepUpHint, onInput: this.#onStepUpInput }) : nothing;
  }
}
