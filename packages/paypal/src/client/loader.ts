/**
 * One PayPal JS SDK per page. This module builds the SDK's URL from the session (query parameters
 * typed with `@paypal/paypal-js`'s `PayPalScriptOptions`), inserts the script with the CSP nonce,
 * keeps the one in use and shares it between every mount (`<omni-checkout>`, `<omni-express>`,
 * Pay Later messages). When the configuration changes (currency, intent, locale) it removes the old
 * script before loading the new one, so two copies never run side by side.
 *
 * It does what `@paypal/paypal-js`'s `loadScript` does, in the way that library does it (same
 * `data-js-sdk-library` and `data-csp-nonce` attributes, nonce copied onto the script), without its
 * runtime: `loadScript` adds 1.9 KB min+gz (`loadCustomScript` alone 1.1 KB), which the 3 KB adapter
 * budget cannot carry. The package still depends on `@paypal/paypal-js` for the SDK's and the
 * Orders API's types, which the adapter and the test doubles are checked against.
 */
import type { PayPalNamespace, PayPalScriptOptions } from '@paypal/paypal-js';
import type { CheckoutSession } from '@omni-checkout/core/types';

/** The locales PayPal's JS SDK accepts (`locale=` query parameter). */
const LOCALES =
  'ar_EG da_DK de_DE de_AT de_CH en_US en_GB en_AU en_CA es_ES es_MX es_XC fr_FR fr_CA fr_XC he_IL id_ID it_IT ja_JP ko_KR nl_NL no_NO pl_PL pt_BR pt_PT ru_RU sv_SE th_TH tr_TR zh_CN zh_HK zh_TW'.split(' ');

/**
 * A BCP 47 tag (and the shopper's country) → a locale PayPal accepts: `de-AT` → `de_AT`,
 * `de` in Luxembourg → `de_DE`, `ar-SA` → `ar_EG`, `nb` → `no_NO`. Unknown languages → undefined
 * (PayPal then picks from the buyer's browser).
 */
export function paypalLocale(locale: string, country: string): string | undefined {
  const [language = '', region] = locale.toLowerCase().replace(/_/g, '-').split('-').filter((p) => !/^[a-z]{4}$/.test(p));
  const lang = language === 'nb' || language === 'nn' ? 'no' : language === 'iw' ? 'he' : language;
  const exact = `${lang}_${(region ?? country).toUpperCase()}`;
  return LOCALES.includes(exact) ? exact : LOCALES.find((l) => l.startsWith(`${lang}_`));
}

export interface SdkContext {
  readonly session: CheckoutSession;
  readonly locale: string;
  readonly nonce?: string;
}

/** PayPal's entry among the session's providers (or the session's only provider). */
export function paypalOf(session: CheckoutSession): { config: Record<string, string>; methods?: readonly string[] } {
  return session.providers?.find((p) => p.id === 'paypal') ?? session.provider;
}

export interface SdkScript {
  /** `https://www.paypal.com/sdk/js?client-id=…` (or the sandbox host). */
  readonly url: string;
  readonly attributes: Record<string, string>;
}

/** Funding sources PayPal shows only when asked (`enable-funding`) and that we can turn off (`disable-funding`). */
const OPTIONAL_SOURCES = ['paylater', 'venmo'] as const;

/**
 * `enable-funding` / `disable-funding` from the methods the backend gives PayPal in this market
 * (the markets table after the merchant's overrides): Venmo enabled in the US, Pay Later where it
 * is offered, each turned off where the market or the merchant does not offer it. Without a list
 * (an older backend) both are enabled and PayPal decides eligibility.
 */
export function fundingFor(session: CheckoutSession): { enableFunding: string; disableFunding: string } {
  const offered = paypalOf(session).methods;
  const enabled = OPTIONAL_SOURCES.filter((source) => !offered || offered.includes(source));
  const disabled = OPTIONAL_SOURCES.filter((source) => !enabled.includes(source));
  return { enableFunding: enabled.join(','), disableFunding: disabled.join(',') };
}

/** The SDK script for a session: client id, currency, intent and environment from the backend's public config. */
export function sdkOptions({ session, locale, nonce }: SdkContext): SdkScript {
  const config = paypalOf(session).config;
  if (!config['clientId']) throw new Error('PayPal is not configured for this checkout (no client id).');
  const sandbox = config['environment'] !== 'production';
  const query: PayPalScriptOptions = {
    clientId: config['clientId'],
    currency: session.currency,
    intent: config['intent'] ?? 'capture',
    commit: true,
    components: 'buttons,messages',
    ...fundingFor(session),
    locale: paypalLocale(locale, session.country) ?? '',
    // Lets a sandbox decide Pay Later and Venmo eligibility by the session's country.
    buyerCountry: sandbox ? session.country : '',
  };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== '') params.set(key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), String(value));
  return {
    url: `${sandbox ? 'https://www.sandbox.paypal.com' : 'https://www.paypal.com'}/sdk/js?${params}`,
    // PayPal's SDK puts this nonce on the styles and scripts it injects (strict CSP); paypal-js puts it on the script.
    attributes: { 'data-js-sdk-library': 'paypal-js', ...(nonce ? { 'data-csp-nonce': nonce } : {}) },
  };
}

let current: { readonly key: string; readonly sdk: Promise<PayPalNamespace> } | undefined;

/** Loads (once per configuration) the PayPal SDK; a new configuration replaces the old script. */
export function loadPayPal(script: SdkScript): Promise<PayPalNamespace> {
  const key = JSON.stringify(script);
  if (current?.key === key) return current.sdk;
  if (current) {
    for (const old of document.querySelectorAll('script[data-js-sdk-library="paypal-js"]')) old.remove();
    delete window.paypal;
  }
  const sdk = new Promise<PayPalNamespace>((resolve, reject) => {
    const element = document.createElement('script');
    for (const [name, value] of Object.entries(script.attributes)) element.setAttribute(name, value);
    if (script.attributes['data-csp-nonce']) element.nonce = script.attributes['data-csp-nonce'];
    element.onload = () => (window.paypal ? resolve(window.paypal) : reject(new Error('The PayPal SDK did not load.')));
    element.onerror = () => reject(new Error(`The PayPal SDK failed to load from ${script.url}`));
    element.src = script.url;
    document.head.append(element);
  });
  current = { key, sdk };
  // A failed load (offline, blocked) is tried again by the next mount.
  sdk.catch(() => {
    if (current?.sdk === sdk) current = undefined;
  });
  return sdk;
}

