/**
 * One click, for a remembered device with a passkey: the first render of `<omni-checkout>` is the
 * summary and one button, "Pay €42.00 with •••• 4242, deliver to Home". The device summary and the
 * passkey options are fetched with the session (one wave of round trips); the click runs the
 * passkey prompt, applies the saved address and pays with the saved method through the payment
 * flow (`@omni-checkout/core/flow`, preloaded on idle). No form, no keystroke; SimpleWebAuthn
 * loads at the click.
 */
import { html, type TemplateResult } from 'lit';
import { loadProvider } from '@omni-checkout/core/provider';
import type { DeviceSummary } from '@omni-checkout/core/identity';
import type { IdentityBackend } from '@omni-checkout/core/identity-client';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { OmniErrorEvent } from '../events/error.js';
import type { CheckoutHost } from './host.js';

/** A remembered device that can pay in one click: its summary (saved method and address) and the passkey options. */
export interface Recalled {
  readonly summary: DeviceSummary & { readonly method: NonNullable<DeviceSummary['method']>; readonly address: NonNullable<DeviceSummary['address']> };
  /** Passkey options fetched ahead; used once (a retry asks for new ones). */
  options: Record<string, unknown> | null;
}

/** The remembered device's summary and the passkey options, requested together; null unless it can pay in one click. */
export async function recallDevice(identity: IdentityBackend, token: string): Promise<Recalled | null> {
  try {
    const [summary, options] = await Promise.all([identity.device(token), identity.passkeyAuthenticationOptions()]);
    if (!summary.recognized || !summary.method || !summary.address || !summary.hasPasskey) return null;
    return { summary: summary as Recalled['summary'], options: options.options };
  } catch {
    // Not recognised here: the usual form shows.
    return null;
  }
}

/** The payment flow (`pay`), a lazy chunk: `<omni-checkout>` preloads it on idle once the one-click button shows. */
export const paymentFlow = () => import('@omni-checkout/core/flow');

/** The click: passkey prompt, the saved address, the saved method; one attempt of the payment flow. */
async function payOneClick(host: CheckoutHost, recalled: Recalled): Promise<void> {
  const identity = host.identityClient;
  const backend = host.backend;
  const { method, address } = recalled.summary;
  if (!identity || !backend) return;
  host.machine.send({ type: 'FORM_CHANGED', complete: true });
  host.alert = '';
  const passkeys = import('../identity/passkeys.js');
  // The payment flow is not part of the first render: preloaded on idle, at the latest loaded here.
  const { pay } = await paymentFlow();
  const outcome = await pay(host.machine, {
    confirm: async (attemptKey) => {
      const options = recalled.options;
      recalled.options = null;
      const signedIn = await (await passkeys).signInWithPasskey(identity, options ? { optionsJSON: options } : {});
      const session = await identity.apply(address.id);
      host.session = session;
      const saved = signedIn.profile?.savedMethods.find((m) => m.id === method.id);
      return identity.confirmSaved(method.id, attemptKey, saved?.provider ?? session.provider.id);
    },
    nextAction: async (action) => (await loadProvider(action.provider)).handleNextAction(action, host.context.providerContext()),
    completeAction: () => backend.completeAction(),
    getSession: () => backend.getSession(),
  });
  if (outcome.status === 'succeeded') return host.completed(outcome);
  if (outcome.status !== 'failed') return;
  recalled.options = null;
  const dismissed = (await passkeys).isPasskeyDismissal(outcome.cause);
  const message = dismissed ? '' : outcome.error.message || host.t.errors.generic;
  host.alert = message;
  if (!dismissed) host.dispatchEvent(new OmniErrorEvent({ code: outcome.error.code, message }));
}

/** The summary, "Welcome back", the one-click button and "Use other details". */
export function oneClickTemplate(host: CheckoutHost, session: CheckoutSession, recalled: Recalled, useOtherDetails: () => void): TemplateResult {
  const { t } = host;
  const { method, address } = recalled.summary;
  const total = host.money(session.totals.total);
  const paying = host.checkout.status === 'paying' || host.checkout.status === 'requires_action';
  return html`<omni-summary part="section summary" exportparts="line-item, total"></omni-summary>
    <section part="section one-click" aria-labelledby="one-click-heading">
      <h2 id="one-click-heading">${t.identity.welcomeBack}</h2>
      <button part="pay-button" type="button" aria-disabled=${paying ? 'true' : 'false'} @click=${() => payOneClick(host, recalled)}>
        ${paying ? t.paying(total) : method.last4 ? t.identity.payWith(total, method.last4, address.label) : t.pay(total)}
      </button>
      <button class="link" type="button" @click=${useOtherDetails}>${t.identity.useOtherDetails}</button>
    </section>`;
}
