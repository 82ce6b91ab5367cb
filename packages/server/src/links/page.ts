/**
 * The pages of a payment link on the backend's origin (docs/omnichannel.md): the hosted pay page of
 * an active link (the merchant's name, the amount due, then `<omni-checkout>` from the backend's
 * own build of the elements, `link-page/`) and the page saying why a link cannot be paid. Plain
 * functions of their inputs with no imports, so the stories (page.stories.ts) render exactly what
 * the backend serves. Every word is here in the ten languages of the elements.
 */

export const LINK_LANGUAGES = ['en', 'de', 'fr', 'es', 'pl', 'sv', 'tr', 'ar', 'ja', 'ko'] as const;
export type LinkLanguage = (typeof LINK_LANGUAGES)[number];
export type ClosedReason = 'paid' | 'expired' | 'disabled' | 'missing';

interface PageWords {
  readonly paid: string;
  readonly expired: string;
  readonly disabled: string;
  readonly missing: string;
  /** The hosted page's heading; `{merchant}` is the merchant's name. */
  readonly payTo: string;
  readonly amountDue: string;
  readonly loading: string;
  readonly failed: string;
  readonly thanks: string;
  readonly orderNumber: string;
  readonly noScript: string;
  readonly unavailable: string;
}

/** The words of the link's pages, per language of the shopper's browser. */
export const PAGE_TEXT: Record<LinkLanguage, PageWords> = {
  en: {
    paid: 'This payment link has already been paid.',
    expired: 'This payment link has expired.',
    disabled: 'This payment link is no longer active.',
    missing: 'There is no payment link at this address.',
    payTo: 'Pay {merchant}',
    amountDue: 'Amount due',
    loading: 'Loading the checkout…',
    failed: 'The checkout could not be opened. Reload the page to try again.',
    thanks: 'Thank you, your payment is complete.',
    orderNumber: 'Order number',
    noScript: 'This payment page needs JavaScript. Turn it on and reload the page.',
    unavailable: 'This payment page is not available right now. Please try again later.',
  },
  de: {
    paid: 'Dieser Zahlungslink wurde bereits bezahlt.',
    expired: 'Dieser Zahlungslink ist abgelaufen.',
    disabled: 'Dieser Zahlungslink ist nicht mehr aktiv.',
    missing: 'Unter dieser Adresse gibt es keinen Zahlungslink.',
    payTo: 'An {merchant} bezahlen',
    amountDue: 'Zu zahlender Betrag',
    loading: 'Die Kasse wird geladen …',
    failed: 'Die Kasse konnte nicht geöffnet werden. Laden Sie die Seite neu, um es noch einmal zu versuchen.',
    thanks: 'Vielen Dank, Ihre Zahlung ist abgeschlossen.',
    orderNumber: 'Bestellnummer',
    noScript: 'Diese Zahlungsseite braucht JavaScript. Schalten Sie es ein und laden Sie die Seite neu.',
    unavailable: 'Diese Zahlungsseite ist gerade nicht verfügbar. Bitte versuchen Sie es später noch einmal.',
  },
  fr: {
    paid: 'Ce lien de paiement a déjà été payé.',
    expired: 'Ce lien de paiement a expiré.',
    disabled: 'Ce lien de paiement n’est plus actif.',
    missing: 'Il n’y a pas de lien de paiement à cette adresse.',
    payTo: 'Payer {merchant}',
    amountDue: 'Montant à payer',
    loading: 'Chargement du paiement…',
    failed: 'Le paiement n’a pas pu s’ouvrir. Rechargez la page pour réessayer.',
    thanks: 'Merci, votre paiement est terminé.',
    orderNumber: 'Numéro de commande',
    noScript: 'Cette page de paiement a besoin de JavaScript. Activez-le et rechargez la page.',
    unavailable: 'Cette page de paiement n’est pas disponible pour le moment. Veuillez réessayer plus tard.',
  },
  es: {
    paid: 'Este enlace de pago ya se ha pagado.',
    expired: 'Este enlace de pago ha caducado.',
    disabled: 'Este enlace de pago ya no está activo.',
    missing: 'No hay ningún enlace de pago en esta dirección.',
    payTo: 'Pagar a {merchant}',
    amountDue: 'Importe a pagar',
    loading: 'Cargando el pago…',
    failed: 'No se ha podido abrir el pago. Vuelve a cargar la página para intentarlo de nuevo.',
    thanks: 'Gracias, tu pago se ha completado.',
    orderNumber: 'Número de pedido',
    noScript: 'Esta página de pago necesita JavaScript. Actívalo y vuelve a cargar la página.',
    unavailable: 'Esta página de pago no está disponible en este momento. Inténtalo de nuevo más tarde.',
  },
  pl: {
    paid: 'Ten link do płatności został już opłacony.',
    expired: 'Ten link do płatności wygasł.',
    disabled: 'Ten link do płatności nie jest już aktywny.',
    missing: 'Pod tym adresem nie ma linku do płatności.',
    payTo: 'Zapłać dla {merchant}',
    amountDue: 'Kwota do zapłaty',
    loading: 'Wczytywanie płatności…',
    failed: 'Nie udało się otworzyć płatności. Odśwież stronę, aby spróbować ponownie.',
    thanks: 'Dziękujemy, płatność została zakończona.',
    orderNumber: 'Numer zamówienia',
    noScript: 'Ta strona płatności wymaga JavaScriptu. Włącz go i odśwież stronę.',
    unavailable: 'Ta strona płatności jest teraz niedostępna. Spróbuj ponownie później.',
  },
  sv: {
    paid: 'Den här betallänken är redan betald.',
    expired: 'Den här betallänken har gått ut.',
    disabled: 'Den här betallänken är inte längre aktiv.',
    missing: 'Det finns ingen betallänk på den här adressen.',
    payTo: 'Betala till {merchant}',
    amountDue: 'Att betala',
    loading: 'Kassan laddas …',
    failed: 'Kassan kunde inte öppnas. Ladda om sidan för att försöka igen.',
    thanks: 'Tack, din betalning är klar.',
    orderNumber: 'Ordernummer',
    noScript: 'Den här betalsidan behöver JavaScript. Slå på det och ladda om sidan.',
    unavailable: 'Den här betalsidan är inte tillgänglig just nu. Försök igen senare.',
  },
  tr: {
    paid: 'Bu ödeme bağlantısı zaten ödendi.',
    expired: 'Bu ödeme bağlantısının süresi doldu.',
    disabled: 'Bu ödeme bağlantısı artık etkin değil.',
    missing: 'Bu adreste bir ödeme bağlantısı yok.',
    payTo: '{merchant} için öde',
    amountDue: 'Ödenecek tutar',
    loading: 'Ödeme sayfası yükleniyor…',
    failed: 'Ödeme sayfası açılamadı. Tekrar denemek için sayfayı yenileyin.',
    thanks: 'Teşekkürler, ödemeniz tamamlandı.',
    orderNumber: 'Sipariş numarası',
    noScript: 'Bu ödeme sayfası JavaScript gerektirir. JavaScript’i açın ve sayfayı yenileyin.',
    unavailable: 'Bu ödeme sayfası şu anda kullanılamıyor. Lütfen daha sonra tekrar deneyin.',
  },
  ar: {
    paid: 'تم دفع رابط الدفع هذا من قبل.',
    expired: 'انتهت صلاحية رابط الدفع هذا.',
    disabled: 'رابط الدفع هذا لم يعد نشطًا.',
    missing: 'لا يوجد رابط دفع على هذا العنوان.',
    payTo: 'الدفع إلى {merchant}',
    amountDue: 'المبلغ المستحق',
    loading: 'جارٍ تحميل صفحة الدفع…',
    failed: 'تعذّر فتح صفحة الدفع. أعد تحميل الصفحة للمحاولة مرة أخرى.',
    thanks: 'شكرًا لك، اكتمل الدفع.',
    orderNumber: 'رقم الطلب',
    noScript: 'تحتاج صفحة الدفع هذه إلى JavaScript. فعّله ثم أعد تحميل الصفحة.',
    unavailable: 'صفحة الدفع هذه غير متاحة الآن. يرجى المحاولة لاحقًا.',
  },
  ja: {
    paid: 'この支払いリンクはすでに支払い済みです。',
    expired: 'この支払いリンクは有効期限が切れています。',
    disabled: 'この支払いリンクは現在無効です。',
    missing: 'このアドレスに支払いリンクはありません。',
    payTo: '{merchant} へのお支払い',
    amountDue: 'お支払い金額',
    loading: 'お支払い画面を読み込んでいます…',
    failed: 'お支払い画面を開けませんでした。ページを再読み込みしてもう一度お試しください。',
    thanks: 'ありがとうございます。お支払いが完了しました。',
    orderNumber: '注文番号',
    noScript: 'このお支払いページには JavaScript が必要です。有効にしてページを再読み込みしてください。',
    unavailable: 'このお支払いページは現在ご利用いただけません。しばらくしてからもう一度お試しください。',
  },
  ko: {
    paid: '이미 결제된 결제 링크입니다.',
    expired: '만료된 결제 링크입니다.',
    disabled: '더 이상 사용할 수 없는 결제 링크입니다.',
    missing: '이 주소에는 결제 링크가 없습니다.',
    payTo: '{merchant}에 결제',
    amountDue: '결제할 금액',
    loading: '결제 화면을 불러오는 중…',
    failed: '결제 화면을 열 수 없습니다. 페이지를 새로고침하여 다시 시도하세요.',
    thanks: '감사합니다. 결제가 완료되었습니다.',
    orderNumber: '주문 번호',
    noScript: '이 결제 페이지에는 JavaScript가 필요합니다. 켜고 페이지를 새로고침하세요.',
    unavailable: '지금은 이 결제 페이지를 사용할 수 없습니다. 나중에 다시 시도하세요.',
  },
};

/** The first of the shopper's languages (`Accept-Language`) among the ten, then the link's, then English. */
export function pageLanguage(acceptLanguage: string | undefined, fallback: string | null): LinkLanguage {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.trim().split(';')[0]!.toLowerCase().split('-')[0]!)
    .filter(Boolean);
  return [...wanted, (fallback ?? 'en').toLowerCase().split('-')[0]!].find((lang): lang is LinkLanguage => lang in PAGE_TEXT) ?? 'en';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const dirOf = (lang: LinkLanguage): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

/** The amount in the page's language, e.g. `€42.00`, `42,00 €`. */
export function formatAmount(lang: LinkLanguage, currency: string, minor: number): string {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** The page's style: plain, readable on a phone, logical properties so Arabic reads right to left. */
export const PAGE_STYLE = `body{font:1.0625rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-inline-size:36rem;margin-inline:auto;padding:1.5rem 1rem 3rem}
.merchant{font-weight:600;margin:0 0 .25rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
.due{margin:0 0 1.5rem;font-size:1.125rem}
.due strong{font-variant-numeric:tabular-nums}
[hidden]{display:none!important}`;

export interface ActiveLinkPage {
  readonly lang: LinkLanguage;
  readonly merchantName: string;
  readonly currency: string;
  /** The amount due in minor units (the lines' total before shipping and tax). */
  readonly amount: number;
  /** The single-use handoff token the page's script exchanges for this browser's credential (R28). */
  readonly token: string;
  readonly publishableKey: string;
  /** The backend's origin (the API the checkout calls). */
  readonly apiBase: string;
}

/** The `<main>` of an active link's hosted page: what the stories show and the backend serves. */
export function activeLinkMain(page: ActiveLinkPage): string {
  const t = PAGE_TEXT[page.lang];
  const merchant = escapeHtml(page.merchantName);
  return `<main>
<p class="merchant">${merchant}</p>
<h1>${escapeHtml(t.payTo).replace('{merchant}', () => merchant)}</h1>
<p class="due">${escapeHtml(t.amountDue)}: <strong>${escapeHtml(formatAmount(page.lang, page.currency, page.amount))}</strong></p>
<div id="omni-link" data-token="${escapeHtml(page.token)}" data-publishable-key="${escapeHtml(page.publishableKey)}" data-api-base="${escapeHtml(page.apiBase)}" data-lang="${page.lang}">
<p id="omni-link-status" role="status">${escapeHtml(t.loading)}</p>
</div>
<p id="omni-link-failed" role="alert" hidden>${escapeHtml(t.failed)}</p>
<section id="omni-link-paid" aria-labelledby="omni-link-thanks" hidden>
<h2 id="omni-link-thanks" tabindex="-1">${escapeHtml(t.thanks)}</h2>
<p>${escapeHtml(t.orderNumber)}: <strong id="omni-link-order"></strong></p>
</section>
<noscript><p>${escapeHtml(t.noScript)}</p></noscript>
</main>`;
}

/** The `<main>` of the page saying why a link cannot be paid (or that the hosted page is unavailable). */
export function closedLinkMain(lang: LinkLanguage, reason: ClosedReason | 'unavailable', merchantName?: string): string {
  const text = PAGE_TEXT[lang][reason];
  return `<main>${merchantName ? `<p class="merchant">${escapeHtml(merchantName)}</p>` : ''}<h1>${escapeHtml(text)}</h1></main>`;
}

function document(lang: LinkLanguage, title: string, head: string, main: string): string {
  return `<!doctype html><html lang="${lang}" dir="${dirOf(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>${head}</head><body>${main}</body></html>`;
}

/** The policy of a closed page: no script at all. */
export const CLOSED_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function closedLinkPage(lang: LinkLanguage, reason: ClosedReason | 'unavailable', merchantName?: string): string {
  return document(lang, PAGE_TEXT[lang][reason], `<style>${PAGE_STYLE}</style>`, closedLinkMain(lang, reason, merchantName));
}

/**
 * The policy of the hosted pay page: scripts and styles only from the backend's origin or with
 * this response's nonce (no `unsafe-inline`, no eval), API calls to the backend itself, and the
 * providers' own hosts for their scripts and frames (Stripe.js, PayPal's SDK: docs/security.md R2).
 */
export function payPageCsp(nonce: string): string {
  const stripe = 'https://js.stripe.com';
  const paypal = 'https://www.paypal.com https://www.sandbox.paypal.com https://www.paypalobjects.com';
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}' ${stripe} ${paypal}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: https://*.stripe.com ${paypal}`,
    `connect-src 'self' https://api.stripe.com ${paypal}`,
    `frame-src 'self' ${stripe} https://hooks.stripe.com ${paypal}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The hosted pay page of an active link; `script` is the path of the built entry (`/l/assets/…`). */
export function activeLinkPage(page: ActiveLinkPage, nonce: string, script: string): string {
  const t = PAGE_TEXT[page.lang];
  const head = `<meta property="csp-nonce" nonce="${nonce}"><style nonce="${nonce}">${PAGE_STYLE}</style><script type="module" nonce="${nonce}" src="${escapeHtml(script)}"></script>`;
  return document(page.lang, t.payTo.replace('{merchant}', () => page.merchantName), head, activeLinkMain(page));
}
