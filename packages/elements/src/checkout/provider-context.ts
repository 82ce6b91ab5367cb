/**
 * What every provider call of `<omni-checkout>` gets: the session, the language and direction, the
 * backend's configuration and `nearViewport` (the payment part adds its wallet callbacks). Only the
 * lazy parts call providers (`checkout-payment.ts`, `one-click-pay.ts`, `returned.ts`), so this is
 * not part of the first render.
 */
import type { ClientProviderContext } from '@omni-checkout/core/provider';
import { languageOf } from '../i18n/catalogs.js';
import { nearViewport } from '../internal/near-viewport.js';
import type { CheckoutHost } from './host.js';

export function providerContext(host: CheckoutHost): ClientProviderContext {
  const { apiBase, publishableKey, fetch, nonce } = host.context.config();
  return {
    session: host.session!,
    locale: languageOf(host),
    dir: host.matches(':dir(rtl)') ? 'rtl' : 'ltr',
    apiBase,
    publishableKey,
    ...(nonce ? { nonce } : {}),
    ...(fetch ? { fetch } : {}),
    nearViewport,
  };
}
