/** Saving the checkout's form to the backend (contact, address, consent to save) and showing what the backend refused. */
import { OmniApiError } from '@omni-checkout/core/errors';
import { ADDRESS_FIELDS, completeAddress, sameValue, type AddressField, type FormField } from '@omni-checkout/core/checkout-form';
import type { ShopperProfile } from '@omni-checkout/core/identity';
import { SAVE_CONSENT_VERSION } from '@omni-checkout/core/identity-client';
import type { CheckoutError } from '@omni-checkout/core/state';
import type { Contact } from '@omni-checkout/core/types';
import type { OmniAddress } from '../address/address.js';
import { OmniErrorEvent } from '../events/error.js';
import { fullCatalog } from '../i18n/full.js';
import type { CheckoutHost } from './host.js';
import type { OrderUpdates } from './order-updates.js';

/** What saving reads from and writes to the form (`CheckoutForm`). */
export interface SavingForm {
  readonly host: CheckoutHost;
  readonly updates: OrderUpdates | null;
  readonly profile: ShopperProfile | null;
  readonly saveConsent: boolean;
  fieldErrors: Partial<Record<FormField, string>>;
  address(): OmniAddress | null;
}

/** Saves `contact` (the form's, as `CheckoutForm.saveContact` reads it) unless the session has it already. */
export function saveContact(form: SavingForm, contact: Contact | null): Promise<void> {
  if (!contact || sameValue(contact, form.host.session?.contact)) return form.host.context.settled();
  return form.host.context.save(() => form.host.backend!.setContact(contact)).then(
    () => undefined,
    (error: unknown) => {
      // The number of the order updates: its message goes under that field, not the address's phone.
      const phone = error instanceof OmniApiError ? error.issues.find((issue) => issue.path === 'phone') : undefined;
      if (!phone || !form.updates) throw error;
      form.updates.showError(phone.message);
      form.host.alert = error instanceof OmniApiError ? error.message : '';
    },
  );
}

export function saveAddress(form: SavingForm): Promise<void> {
  const change = form.address()?.getValue();
  const address = change && form.address()!.checkValidity() ? completeAddress(change) : null;
  if (!address || sameValue(address, form.host.session?.shippingAddress)) return form.host.context.settled();
  return form.host.context.save(() => form.host.backend!.setShippingAddress(address)).then(() => undefined);
}

/** Sends the guest's "save my details" choice (and phone) before paying; nothing is stored without it. */
export async function sendSaveConsent(form: SavingForm): Promise<void> {
  const identity = form.host.identityClient;
  if (!identity || form.profile || !form.saveConsent) return;
  const phone = form.address()?.getValue().value.phone?.trim();
  await identity.setSaveConsent(true, SAVE_CONSENT_VERSION, phone || undefined);
}

export function reportSaveError(form: SavingForm, error: unknown): void {
  const { code, message } = toError(form, error);
  showIssues(form, error);
  form.host.alert = message;
  form.host.dispatchEvent(new OmniErrorEvent({ code, message }));
}

/** Puts the backend's field-level validation messages next to the fields they belong to. */
export function showIssues(form: SavingForm, error: unknown): void {
  if (!(error instanceof OmniApiError) || !error.issues.length) return;
  const fieldErrors = { ...form.fieldErrors };
  const addressErrors: Partial<Record<AddressField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] as FormField;
    if (field === 'email') fieldErrors.email = issue.message;
    else if ((ADDRESS_FIELDS as readonly string[]).includes(field)) addressErrors[field as AddressField] = issue.message;
  }
  form.fieldErrors = fieldErrors;
  form.address()?.setFieldErrors(addressErrors);
  form.host.requestUpdate();
}

export function toError(form: SavingForm, error: unknown): CheckoutError {
  if (error instanceof OmniApiError) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: fullCatalog(form.host.t).errors.generic };
}
