/**
 * The pages the Stripe.js double puts in iframes from js.stripe.com: the card fields and the bank's
 * 3-D Secure page. Served by the e2e suite with `page.route()` (and by Storybook from its own origin,
 * see .storybook/main.ts). The card fields are drawn with the Appearance API's variables the page
 * passed to `elements()`, as Stripe's are. Like Stripe's own frames they talk
 * to api.stripe.com themselves and post only ids and states to the page, with an exact target
 * origin, checking the origin and shape of what they receive (docs/security.md R7).
 */
const shared = `
const params = new URLSearchParams(location.hash.slice(1));
const parentOrigin = params.get('origin');
const post = (message) => parent.postMessage({ source: 'omni-fake-stripe', ...message }, parentOrigin);
const accept = (event) => event.origin === parentOrigin && event.source === parent && event.data && event.data.source === 'omni-fake-stripe' && typeof event.data.type === 'string';
`;

export const PAYMENT_FRAME_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Card details</title>
<style>
:root{--colorPrimary:#0570de;--colorBackground:#ffffff;--colorText:#30313d;--colorTextSecondary:#6d6e78;--colorDanger:#df1b41;--fontFamily:system-ui;--fontSizeBase:16px;--borderRadius:4px;--spacingUnit:2px}
body{font-family:var(--fontFamily);font-size:var(--fontSizeBase);color:var(--colorText);background:var(--colorBackground);margin:0;padding:4px}
.tab[aria-selected=false]{border-color:#e6e6e6;color:var(--colorText)}
.tab{font:inherit;background:var(--colorBackground);margin:0 4px 4px 0;cursor:pointer;display:inline-block;margin:0;padding:calc(2px + var(--spacingUnit) / 2) calc(6px + var(--spacingUnit));border:2px solid var(--colorPrimary);border-radius:var(--borderRadius);color:var(--colorPrimary);font-weight:600}
label{display:block;margin-top:6px;color:var(--colorTextSecondary)}
input,select{font:inherit;color:inherit;background:var(--colorBackground);width:100%;box-sizing:border-box;padding:calc(6px + var(--spacingUnit));border:1px solid #e6e6e6;border-radius:var(--borderRadius)}
input:focus{outline:2px solid var(--colorPrimary);outline-offset:0}
p#error{color:var(--colorDanger);margin:4px 0;min-height:1em}
</style>
</head><body>
<div id="tabs" role="tablist" aria-label="Payment method"></div>
<div id="panel-card">
<label for="number">Card number</label><input id="number" autocomplete="cc-number" inputmode="numeric">
<label for="expiry">Expiration date (MM / YY)</label><input id="expiry" autocomplete="cc-exp" inputmode="numeric">
<label for="cvc">Security code</label><input id="cvc" autocomplete="cc-csc" inputmode="numeric">
</div>
<div id="panel-details" hidden>
<p id="note"></p>
<div id="field-email" hidden><label for="email">Email</label><input id="email" type="email" autocomplete="email"></div>
<div id="field-name" hidden><label for="name">Full name</label><input id="name" autocomplete="name"></div>
<div id="field-country" hidden><label for="country">Country or region</label><select id="country"><option>NL</option><option>BE</option><option>DE</option><option>AT</option><option>PL</option><option>SE</option><option>FR</option><option>ES</option><option>IT</option></select></div>
</div>
<p id="error" role="alert"></p>
<script>${shared}
const key = params.get('key');
// The Appearance API's variables, as Stripe's own frame draws with them (set with CSSOM).
const variables = JSON.parse(params.get('variables') || '{}');
for (const name of ['colorPrimary', 'colorBackground', 'colorText', 'colorTextSecondary', 'colorDanger', 'fontFamily', 'fontSizeBase', 'borderRadius', 'spacingUnit']) {
  if (typeof variables[name] === 'string' && variables[name]) document.documentElement.style.setProperty('--' + name, variables[name]);
}
const $ = (id) => document.getElementById(id);
const digits = (v) => v.replace(/\\D/g, '');
// The Payment Element's tabs: the types the page passed to elements(), as far as the double knows them.
const METHODS = {
  card: { label: 'Card' },
  blik: { label: 'BLIK', note: 'You will enter your 6-digit BLIK code next, then approve the payment in your banking app.' },
  p24: { label: 'Przelewy24', note: 'You will be redirected to Przelewy24 to complete the payment.', fields: ['email'] },
  ideal: { label: 'iDEAL', note: 'You will be redirected to your bank to complete the payment.' },
  bancontact: { label: 'Bancontact', note: 'You will be redirected to Bancontact to complete the payment.', fields: ['name'] },
  klarna: { label: 'Klarna', note: 'You will be redirected to Klarna to complete the payment.', fields: ['email', 'country'] },
  alipay: { label: 'Alipay', note: 'You will be redirected to Alipay to complete the payment.' },
  swish: { label: 'Swish', note: 'Scan the QR code with the Swish app to complete the payment.' },
  wechat_pay: { label: 'WeChat Pay', note: 'Scan the QR code with WeChat to complete the payment.' },
};
const types = (params.get('types') || 'card').split(',').filter((t) => METHODS[t]);
if (!types.length) types.push('card');
let selected = types[0];
for (const type of types) {
  const tab = document.createElement('button');
  tab.type = 'button';
  tab.className = 'tab';
  tab.setAttribute('role', 'tab');
  tab.dataset.type = type;
  tab.textContent = METHODS[type].label;
  tab.addEventListener('click', () => select(type));
  $('tabs').append(tab);
}
function select(type) {
  selected = type;
  for (const tab of $('tabs').children) tab.setAttribute('aria-selected', String(tab.dataset.type === type));
  const method = METHODS[type];
  $('panel-card').hidden = type !== 'card';
  $('panel-details').hidden = type === 'card';
  $('note').textContent = method.note || '';
  for (const field of ['email', 'name', 'country']) $('field-' + field).hidden = !(method.fields || []).includes(field);
  $('error').textContent = '';
  change();
}
function luhn(d) { let s = 0; for (let i = 0; i < d.length; i++) { let n = +d[d.length - 1 - i]; if (i % 2) { n *= 2; if (n > 9) n -= 9; } s += n; } return d.length >= 13 && s % 10 === 0; }
function problem() {
  if (selected !== 'card') {
    const fields = METHODS[selected].fields || [];
    if (fields.includes('email') && !/^[^@\\s]+@[^@\\s]+$/.test($('email').value)) return { code: 'incomplete_email', message: 'Your email address is incomplete.' };
    if (fields.includes('name') && !$('name').value.trim()) return { code: 'incomplete_name', message: 'Your full name is incomplete.' };
    return null;
  }
  const number = digits($('number').value), expiry = digits($('expiry').value), cvc = digits($('cvc').value);
  if (!number) return { code: 'incomplete_number', message: 'Your card number is incomplete.' };
  if (!luhn(number)) return { code: 'invalid_number', message: 'Your card number is invalid.' };
  if (expiry.length !== 4) return { code: 'incomplete_expiry', message: "Your card's expiration date is incomplete." };
  if (cvc.length < 3) return { code: 'incomplete_cvc', message: "Your card's security code is incomplete." };
  return null;
}
const INPUTS = ['number', 'expiry', 'cvc', 'email', 'name'];
const change = () => post({ type: 'change', complete: problem() === null, empty: selected === 'card' && !($('number').value + $('expiry').value + $('cvc').value), value: selected });
for (const id of INPUTS) $(id).addEventListener('input', change);
$('country').addEventListener('change', change);
function body() {
  if (selected === 'card') {
    const expiry = digits($('expiry').value);
    return new URLSearchParams({ type: 'card', 'card[number]': digits($('number').value), 'card[exp_month]': expiry.slice(0, 2), 'card[exp_year]': expiry.slice(2), 'card[cvc]': digits($('cvc').value) });
  }
  const fields = METHODS[selected].fields || [];
  const form = new URLSearchParams({ type: selected });
  if (fields.includes('email')) form.set('billing_details[email]', $('email').value);
  if (fields.includes('name')) form.set('billing_details[name]', $('name').value);
  if (fields.includes('country')) form.set('billing_details[address][country]', $('country').value);
  return form;
}
addEventListener('message', async (event) => {
  if (!accept(event)) return;
  const { type, id } = event.data;
  if (type === 'readonly') { for (const f of [...INPUTS, 'country']) $(f).readOnly = event.data.readOnly === true; for (const tab of $('tabs').children) tab.disabled = event.data.readOnly === true; return post({ type: 'ok', id }); }
  const error = problem();
  $('error').textContent = error ? error.message : '';
  if (type === 'validate') return post({ type: 'validated', id, ...(error ? { error: { type: 'validation_error', ...error } } : {}) });
  if (type !== 'create') return;
  if (error) return post({ type: 'created', id, error: { type: 'validation_error', ...error } });
  const response = await fetch('https://api.stripe.com/v1/payment_methods', { method: 'POST', headers: { authorization: 'Bearer ' + key, 'content-type': 'application/x-www-form-urlencoded' }, body: body() });
  const json = await response.json();
  if (!response.ok) { $('error').textContent = json.error.message; return post({ type: 'created', id, error: json.error }); }
  post({ type: 'created', id, paymentMethod: json.id, method: json.type });
});
// One method: no tabs, as Stripe shows a lone card form.
$('tabs').hidden = types.length < 2;
select(selected);
post({ type: 'ready' });
</script></body></html>`;

export const THREE_DS_FRAME_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>3D Secure test page</title>
<style>body{font:16px system-ui;margin:16px}button{font:inherit;margin:8px 8px 0 0;padding:8px 12px}</style>
</head><body>
<h1>3D Secure 2 test page</h1>
<p>This is a test payment: choose how your bank answers.</p>
<!-- Disabled until the script below has its listeners: a click on a button the parser has shown before
     running the script would otherwise do nothing (seen in a loaded e2e run). -->
<button id="approve" type="button" disabled>Complete authentication</button>
<button id="fail" type="button" disabled>Fail authentication</button>
<script>${shared}
const pi = params.get('pi');
async function decide(decision) {
  await fetch('https://api.stripe.com/_fake/3ds/' + encodeURIComponent(pi), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=' + decision });
  post({ type: '3ds-done' });
}
for (const [id, decision] of [['approve', 'approve'], ['fail', 'fail']]) {
  const button = document.getElementById(id);
  button.addEventListener('click', () => decide(decision));
  button.disabled = false;
}
</script></body></html>`;
