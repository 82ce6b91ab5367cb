/** The light-DOM markup of `<omni-checkout>`'s form (`checkout-form.ts` renders it): contact, address, saved methods, payment slots. */
import { html, nothing, type TemplateResult } from 'lit';
import type { FormField } from '@omni-checkout/core/checkout-form';
import type { ShopperProfile } from '@omni-checkout/core/identity';
import type { CheckoutSession, PostalAddress, ProviderId } from '@omni-checkout/core/types';
import type { OmniIdentityRecognizedEvent } from '../events/identity-recognized.js';
import type { OmniSavedMethodChangeEvent } from '../events/saved-method-change.js';
import { fullCatalog } from '../i18n/full.js';
import type { OmniResumeEvent } from '../resume/resume-event.js';
import type { TenderPart } from '../tenders/tenders.js';
import type { CheckoutPayment } from './checkout-payment.js';
import { coveredByTenders } from './covered.js';
import { emailField } from './form-parts.js';
import type { CheckoutHost } from './host.js';
import type { IdentityUi } from './identity-parts.js';
import type { OrderUpdates } from './order-updates.js';

/** What the markup reads from the form (`CheckoutForm`). */
export interface FormTemplateState {
  readonly host: CheckoutHost;
  readonly id: string;
  readonly ui: IdentityUi | null;
  readonly tenders: TenderPart | null;
  readonly resumeToken: string;
  readonly fieldErrors: Partial<Record<FormField, string>>;
  readonly updates: OrderUpdates | null;
  readonly profile: ShopperProfile | null;
  readonly savedMethod: string | null;
  readonly saveConsent: boolean;
  readonly payment: Pick<CheckoutPayment, 'localTemplate'>;
  chosenProvider(): ProviderId | undefined;
  formChanged(): void;
}

/** The form's own state and listeners, private to it. */
export interface FormTemplateView {
  /** First-render step: 0 contact, 1 address, 2 shown. */
  readonly step: number;
  /** The checkout is paying or paid: nothing in the form can change. */
  readonly locked: boolean;
  readonly email: string;
  readonly prefillAddress: Partial<PostalAddress> | null;
  readonly prefillCountry: string;
  /** Whether the payment section lists the ways to pay (more than one). */
  listsMethods(): boolean;
  readonly onChange: (event: Event) => void;
  readonly onInput: (event: Event) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
  readonly onResume: (event: OmniResumeEvent) => Promise<void>;
  readonly onRecognized: (event: OmniIdentityRecognizedEvent) => Promise<void>;
  readonly onSavedMethod: (event: OmniSavedMethodChangeEvent) => void;
  readonly onSaveConsent: (event: Event) => void;
}

export function formTemplate(form: FormTemplateState, view: FormTemplateView, session: CheckoutSession): TemplateResult {
  const { identityClient } = form.host;
  const t = fullCatalog(form.host.t);
  const id = form.id;
  const ui = form.ui;
  const { locked } = view;
  const chosen = form.chosenProvider();
  const covered = coveredByTenders(session);
  // Gift cards and store credit, right under the order summary (light DOM, before the form).
  return html`${(view.step > 1 && form.tenders?.render(session)) || nothing}<form id="${id}-form" class="omni-form" slot=${view.step > 1 ? 'details' : nothing} @change=${view.onChange} @input=${view.onInput} @submit=${view.onSubmit}>
      ${form.resumeToken
        ? html`<omni-resume
            api-base=${form.host.apiBase}
            publishable-key=${form.host.publishableKey}
            .clientSecret=${form.host.clientSecret}
            .shopperToken=${form.resumeToken}
            .fetch=${form.host.fetch}
            @omni-resume=${view.onResume}
          ></omni-resume>`
        : nothing}
      <fieldset ?disabled=${locked}>
        <legend>${t.contact}</legend>
        ${identityClient
          ? html`<omni-identity
              .inputId=${`${id}-email`}
              .email=${view.email}
              .error=${form.fieldErrors.email ?? ''}
              country=${session.country}
              merchant-name=${session.merchant.name}
              ?disabled=${locked}
              @omni-identity-recognized=${view.onRecognized}
            ></omni-identity>`
          : emailField(`${id}-email`, t.email, view.email, form.fieldErrors.email)}
      </fieldset>
      ${form.updates?.template(locked) ?? nothing}
      ${view.step ? addressTemplate(form, view, locked) : nothing}
    </form>
    ${form.profile?.savedMethods.length
      ? html`<omni-saved-methods
          slot="saved-methods"
          .methods=${form.profile.savedMethods}
          .value=${form.savedMethod}
          ?has-passkey=${form.profile.passkeys > 0}
          ?without-new=${view.listsMethods()}
          ?disabled=${locked}
          @omni-saved-method-change=${view.onSavedMethod}
        ></omni-saved-methods>`
      : nothing}
    ${ui?.stepUpTemplate() ?? nothing}
    <div id="${id}-payment" class="omni-payment" slot="payment" ?hidden=${covered || form.savedMethod !== null || chosen !== session.provider.id}></div>
    ${!covered && chosen === session.provider.id ? (form.payment.localTemplate() ?? nothing) : nothing}
    ${form.host.context.methodProviders().map((p) => html`<div id="${id}-wallet-${p}" class="omni-wallet" slot="payment" ?hidden=${covered || form.savedMethod !== null || chosen !== p}></div>`)}`;
}

/** The address (or the recognised shopper's saved ones) and the consent to save: the first render's second step. */
function addressTemplate(form: FormTemplateState, view: FormTemplateView, locked: boolean): TemplateResult {
  const { id, ui } = form;
  const t = fullCatalog(form.host.t);
  return html`${ui?.addresses(locked) ?? nothing}
    <omni-address
      mode="shipping"
      name="shipping"
      country=${view.prefillCountry}
      .value=${view.prefillAddress}
      .suggestions=${form.host.suggestions}
      .deliverability=${form.host.deliverability}
      ?disabled=${locked}
      ?hidden=${ui?.hidesAddressForm ?? false}
      @omni-address-change=${() => form.formChanged()}
    ></omni-address>
    ${ui?.newAddress(locked) ?? nothing}
    ${form.host.identityClient && !form.profile
      ? html`<div class="omni-consent">
          <input id="${id}-save" type="checkbox" .checked=${form.saveConsent} ?disabled=${locked} aria-describedby="${id}-save-hint" @change=${view.onSaveConsent} />
          <label for="${id}-save">${t.identity.saveDetails}</label>
          <p id="${id}-save-hint" class="omni-hint">${t.identity.saveDetailsHint}</p>
        </div>`
      : nothing}`;
}
