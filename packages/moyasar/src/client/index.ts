/**
 * Client half of the Moyasar provider: mada cards and STC Pay in Saudi Arabia, with no SDK. It stays
 * small: the fields, the STC Pay code step and the words (10 languages) load by `import()` when
 * Moyasar's ways to pay are shown, and only the return from a bank's 3-D Secure page is handled here.
 *
 * Register it with `registerProvider('moyasar', () => import('@omni-checkout/moyasar/client'))`.
 * Its own button pays (like PayPal's): the card goes from the page straight to Moyasar
 * (`POST /v1/tokens` with the publishable key), the backend only ever sees the token.
 */
import type { ClientProvider, ReturnResult } from '@omni-checkout/core/provider';

/** The query Moyasar adds to `callback_url` when the shopper comes back from 3-D Secure. */
const RETURN_PARAMS = ['id', 'status', 'message'] as const;

export const moyasarProvider: ClientProvider = {
  id: 'moyasar',
  mountPaymentFields: async (container, context) => (await import('./fields.js')).mount(container, context),
  async handleNextAction(action, context) {
    if (action.type === 'redirect') {
      // The bank's 3-D Secure page; it sends the shopper back to the checkout (handleReturn).
      location.assign(action.data['url']!);
      return new Promise(() => {});
    }
    return (await import('./otp.js')).askCode(action, context);
  },
  async handleReturn(url, context): Promise<ReturnResult | null> {
    const id = url.searchParams.get('id');
    const action = context.session.nextAction;
    // Its own step (or none left: a webhook may have settled the payment before the shopper got back).
    // Moyasar's payment ids are UUIDs: a page's own `?id=…` is left alone.
    if (!/^[0-9a-f-]{36}$/i.test(id ?? '') || !url.searchParams.has('status') || (action && (action.provider !== 'moyasar' || action.reference !== id))) return null;
    for (const name of RETURN_PARAMS) url.searchParams.delete(name);
    // What the address says is not trusted: the backend reads the payment from Moyasar.
    return { result: { status: 'completed' }, cleanUrl: url.toString() };
  },
};

export default moyasarProvider;
