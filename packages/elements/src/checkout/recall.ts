/**
 * A remembered device's first render in one request (`recall`): the session, the device's summary
 * and the passkey options. Lit-free, so the painted first render (`paint.ts`) and the shell
 * (`checkout.ts`) share it.
 */
import type { CheckoutBackend } from '@omni-checkout/core/client';
import type { DeviceSummary, RecallResponse } from '@omni-checkout/core/identity';
import type { CheckoutSession } from '@omni-checkout/core/types';
import type { FirstTranslation } from '../i18n/first-translation.js';

/** A remembered device that can pay in one click: its summary (saved method and address) and the passkey options. */
export interface Recalled {
  readonly summary: DeviceSummary & { readonly method: NonNullable<DeviceSummary['method']>; readonly address: NonNullable<DeviceSummary['address']> };
  /** Passkey options fetched ahead; used once (a retry asks for new ones). */
  options: Record<string, unknown> | null;
}

export interface Recall {
  readonly session: CheckoutSession;
  /** Null unless the device can pay in one click. */
  readonly recalled: Recalled | null;
}

/**
 * The session and, on a remembered device, its summary and the passkey options: one request
 * (`recall`). Recalled is null unless the device can pay in one click. A backend without the
 * identity network (or a failed recall) answers the session alone: the usual form shows.
 */
export async function recallDevice(backend: CheckoutBackend, token: string): Promise<Recall> {
  let answer: RecallResponse;
  try {
    // A backend double without `recall` throws here too.
    answer = await backend.recall!(token);
  } catch {
    return { session: await backend.getSession(), recalled: null };
  }
  const { session, device, passkeyOptions } = answer;
  const oneClick = device.recognized && device.method && device.address && device.hasPasskey;
  return { session, recalled: oneClick ? { summary: device as Recalled['summary'], options: passkeyOptions } : null };
}

/** Whether the one-click button is what a recall's answer shows first: an open session the device can pay in one click, not a bank's return. */
export const showsOneClick = ({ session, recalled }: Recall): boolean =>
  Boolean(recalled) && session.status === 'open' && !(location.search && session.lastPaymentError);

/** The one-click button's words: "Pay €42.00 with •••• 4242, deliver to Home" (a method without digits, PayPal: "Pay €42.00"). */
export const oneClickLabel = (t: FirstTranslation, total: string, { summary: { method, address } }: Recalled): string =>
  method.last4 ? t.identity.payWith(total, method.last4, address.label) : t.pay(total);
