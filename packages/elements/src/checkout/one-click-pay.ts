/**
 * The one-click payment, loaded at the click (preloaded on idle once the button shows): the
 * passkey prompt, the saved address and the saved method, as one attempt of the payment flow
 * (`@omni-checkout/core/flow`). Neither this nor the flow is part of the first render.
 */
import { pay } from '@omni-checkout/core/flow';
import { loadProvider } from '@omni-checkout/core/provider';
import { OmniErrorEvent } from '../events/error.js';
import type { CheckoutHost } from './host.js';
import { providerContext } from './provider-context.js';
import type { Recalled } from './one-click.js';

/** The click: passkey prompt, the saved address, the saved method; one attempt of the payment flow. */
export async function payOneClick(host: CheckoutHost, recalled: Recalled): Promise<void> {
  const backend = host.backend;
  const { method, address } = recalled.summary;
  if (!backend) return;
  host.machine.send({ type: 'FORM_CHANGED', complete: true });
  host.alert = '';
  const passkeys = import('../identity/passkeys.js');
  const outcome = await pay(host.machine, {
    confirm: async (attemptKey) => {
      // Loaded on idle after the button showed; at the latest here.
      const identity = (await host.loadIdentityClient())!;
      const options = recalled.options;
      recalled.options = null;
      const signedIn = await (await passkeys).signInWithPasskey(identity, options ? { optionsJSON: options } : {});
      const session = await identity.apply(address.id);
      host.session = session;
      const saved = signedIn.profile?.savedMethods.find((m) => m.id === method.id);
      return identity.confirmSaved(method.id, attemptKey, saved?.provider ?? session.provider.id);
    },
    nextAction: async (action) => (await loadProvider(action.provider)).handleNextAction(action, providerContext(host)),
    completeAction: () => backend.completeAction(),
    getSession: () => backend.getSession(),
  });
  if (outcome.status === 'succeeded') return host.completed(outcome);
  if (outcome.status !== 'failed') return;
  recalled.options = null;
  const dismissed = (await passkeys).isPasskeyDismissal(outcome.cause);
  // Another language's catalog is whole before the button shows; English has no words of its own for the backend's codes.
  const message = dismissed ? '' : host.t.errors.backend?.[outcome.error.code] || outcome.error.message || host.t.errors.generic;
  host.alert = message;
  if (!dismissed) host.dispatchEvent(new OmniErrorEvent({ code: outcome.error.code, message }));
}
