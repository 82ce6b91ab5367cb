/** The page every order email links to: `<omni-order-status>` reads the token from the link's `#order-status=` fragment. */
import '@omni-checkout/elements/order-status/define';
import { h, market } from '../layout.js';

const config = (await (await fetch('/api/order-status-config')).json()) as { publishableKey: string; apiBase: string };
const element = h('omni-order-status', { 'publishable-key': config.publishableKey, 'api-base': config.apiBase, lang: market.lang });
document.querySelector('[data-order-status]')!.replaceChildren(element);
