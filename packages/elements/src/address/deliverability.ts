/**
 * The merchant's deliverability check of `<omni-address>`, loaded the first time an address is
 * complete on an element that has one. The check's answer counts only for the address it was
 * asked about; a check that throws or takes longer than `DELIVERABILITY_BUDGET_MS` lets the
 * address through (it never blocks the form).
 */
import type { AddressField } from '@omni-checkout/core/checkout-form';
import type { PostalAddress } from '@omni-checkout/core/types';
import { loadAssistTranslation } from '../i18n/assist/index.js';

/** What a merchant's check answers; a refusal's message goes next to `field` (default: the first line). */
export type DeliverabilityResult = { readonly deliverable: true } | { readonly deliverable: false; readonly field?: AddressField; readonly message?: string };

/** A merchant's deliverability check: called once for each complete, valid address. */
export type DeliverabilityCheck = (
  address: PostalAddress,
  context: { readonly language: string; readonly signal: AbortSignal },
) => DeliverabilityResult | Promise<DeliverabilityResult>;

/** Fields a refusal can point at (`ADDRESS_FIELDS` of core, listed here so this chunk shares no code with the element's). */
const FIELDS: readonly string[] = ['name', 'country', 'line1', 'line2', 'dependentLocality', 'city', 'region', 'postalCode', 'sortingCode', 'phone'];

/** Quiet time after the last change before the check is asked. */
export const DELIVERABILITY_DEBOUNCE_MS = 300;

/** How long a deliverability check may take before the address is let through. */
export const DELIVERABILITY_BUDGET_MS = 5000;

/** Runs the check; a refusal comes back as the field and the message to show there, anything else as null. */
export async function checkDeliverability(
  check: DeliverabilityCheck,
  address: PostalAddress,
  language: string,
  signal: AbortSignal,
): Promise<{ field: AddressField; message: string } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // Typing goes on: ask only once the address has been still for a moment (a newer address aborts this one).
    await new Promise((resolve) => setTimeout(resolve, DELIVERABILITY_DEBOUNCE_MS));
    if (signal.aborted) return null;
    const answer = Promise.resolve().then(() => check(address, { language, signal }));
    const timeout = new Promise<DeliverabilityResult>((resolve) => (timer = setTimeout(() => resolve({ deliverable: true }), DELIVERABILITY_BUDGET_MS)));
    const result = await Promise.race([answer, timeout]);
    if (result?.deliverable !== false) return null;
    const field = result.field && FIELDS.includes(result.field) ? result.field : 'line1';
    const message = (typeof result.message === 'string' && result.message.trim()) || (await loadAssistTranslation(language)).undeliverable;
    return { field, message };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
