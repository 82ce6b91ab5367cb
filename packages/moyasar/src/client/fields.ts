/**
 * Moyasar's payment fields, loaded when its ways to pay are shown: a mada card (name, number, expiry,
 * CVC: light-DOM inputs with the autocomplete tokens browsers fill) or an STC Pay mobile number,
 * whichever the shopper chose in the list, and the button that pays. The card goes from here to
 * Moyasar (`POST /v1/tokens`, publishable key); the backend receives only the token.
 */
import type { ClientProviderContext, MountedPaymentFields, PaymentFieldsChange, CreatePaymentMethodResult } from '@omni-checkout/core/provider';
import type { PaymentMethodType } from '@omni-checkout/core/types';
import { moyasarMessages, type MoyasarMessages } from './i18n/messages.js';
import { el, luhn, normaliseMobile, parseExpiry } from './validate.js';

type Kind = 'mada' | 'stc_pay';
type ErrorKey = keyof MoyasarMessages['errors'];

const CSS =
  '.omni-moyasar{display:grid;gap:var(--omni-spacing,8px);margin:0;padding:0;border:0;min-inline-size:0;font:inherit;color:inherit}' +
  '.omni-moyasar>legend{font-weight:600;padding:0}.omni-moyasar p{margin:0;font-size:.875em}' +
  '.omni-moyasar label{display:grid;gap:4px}.omni-moyasar input{font:inherit;color:inherit;background:var(--omni-color-background,Canvas);' +
  'border:1px solid var(--omni-color-border,#6b6b6b);border-radius:var(--omni-radius,6px);padding:var(--omni-spacing,8px);min-inline-size:0}' +
  '.omni-moyasar [aria-invalid=true]{border:2px solid var(--omni-color-error,#b3261e)}.omni-moyasar [role=alert]{color:var(--omni-color-error,#b3261e)}' +
  '.omni-moyasar button{font:inherit;font-weight:600;padding:calc(var(--omni-spacing,8px)*1.5);border:0;border-radius:var(--omni-radius,6px);' +
  'background:var(--omni-color-primary,#0b57d0);color:var(--omni-color-on-primary,#fff);cursor:pointer}.omni-moyasar button:disabled{opacity:.6}' +
  '.omni-moyasar [hidden]{display:none}';

let sheet: CSSStyleSheet | undefined;

/** The mounted fields the STC Pay code step shows beside. */
export let mounted: { readonly container: HTMLElement; readonly t: MoyasarMessages; readonly panel: HTMLElement } | null = null;

export async function mount(container: HTMLElement, ctx: ClientProviderContext): Promise<MountedPaymentFields> {
  const t = await moyasarMessages(ctx.locale);
  const doc = container.ownerDocument;
  const root = container.getRootNode() as Document | ShadowRoot;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const listeners = new Set<(change: PaymentFieldsChange) => void>();
  const id = `omni-moyasar-${Math.random().toString(36).slice(2, 8)}`;
  let kind: Kind = ctx.method === 'stc_pay' ? 'stc_pay' : 'mada';
  let disabled = false;

  const group = el(doc, 'fieldset', { class: 'omni-moyasar', dir: ctx.dir });
  const legend = el(doc, 'legend');
  const hint = el(doc, 'p', {}, ctx.session.livemode ? '' : t.testMode);
  const alert = el(doc, 'p', { role: 'alert' });
  const inputs: Record<string, HTMLInputElement> = {};

  function field(name: string, label: string, attrs: Record<string, string>, panel: HTMLElement): void {
    const input = el(doc, 'input', { id: `${id}-${name}`, 'aria-invalid': 'false', spellcheck: 'false', ...attrs });
    const wrapper = el(doc, 'label', {}, label);
    wrapper.append(input);
    panel.append(wrapper);
    inputs[name] = input;
    input.addEventListener('input', () => emit());
  }

  const card = el(doc, 'div');
  field('name', t.name, { autocomplete: 'cc-name' }, card);
  field('number', t.number, { autocomplete: 'cc-number', inputmode: 'numeric', dir: 'ltr', placeholder: '4201 3201 1111 1010' }, card);
  field('expiry', t.expiry, { autocomplete: 'cc-exp', inputmode: 'numeric', dir: 'ltr', placeholder: t.expiryPlaceholder, maxlength: '7' }, card);
  field('cvc', t.cvc, { autocomplete: 'cc-csc', inputmode: 'numeric', dir: 'ltr', maxlength: '4' }, card);
  const stc = el(doc, 'div');
  field('mobile', t.mobile, { autocomplete: 'tel-national', inputmode: 'tel', dir: 'ltr', type: 'tel', 'aria-describedby': `${id}-mobile-hint` }, stc);
  stc.append(el(doc, 'p', { id: `${id}-mobile-hint` }, t.mobileHint));
  const button = el(doc, 'button', { type: 'button' });
  group.append(legend, hint, card, stc, alert, button);

  /** The fields of the chosen way to pay that are wrong, first one first. */
  function problems(): [string, ErrorKey][] {
    const v = (name: string) => inputs[name]!.value.trim();
    if (kind === 'stc_pay') return normaliseMobile(v('mobile')) ? [] : [['mobile', 'mobile']];
    const out: [string, ErrorKey][] = [];
    if (!/\S+\s+\S+/.test(v('name'))) out.push(['name', 'name']);
    if (!luhn(v('number').replace(/\D/g, ''))) out.push(['number', 'number']);
    if (!parseExpiry(v('expiry'))) out.push(['expiry', 'expiry']);
    if (!/^\d{3,4}$/.test(v('cvc'))) out.push(['cvc', 'cvc']);
    return out;
  }

  function emit(error: PaymentFieldsChange['error'] = null): void {
    const change = { complete: problems().length === 0, empty: Object.values(inputs).every((i) => !i.value), error };
    for (const listener of [...listeners]) listener(change);
  }

  function show(next: Kind): void {
    kind = next;
    legend.textContent = next === 'mada' ? t.mada : t.stcPay;
    button.textContent = next === 'mada' ? t.payMada : t.payStcPay;
    card.hidden = next !== 'mada';
    stc.hidden = next !== 'stc_pay';
    alert.textContent = '';
  }

  /** Marks what is wrong and answers the first message, or null when the fields are complete. */
  function check(): string | null {
    for (const input of Object.values(inputs)) input.setAttribute('aria-invalid', 'false');
    const found = problems();
    for (const [name] of found) inputs[name]!.setAttribute('aria-invalid', 'true');
    const first = found[0];
    alert.textContent = first ? t.errors[first[1]] : '';
    if (first) inputs[first[0]]!.focus();
    return first ? t.errors[first[1]] : null;
  }

  async function createPaymentMethod(): Promise<CreatePaymentMethodResult> {
    const message = check();
    if (message) return { error: { code: 'incomplete', message } };
    if (kind === 'stc_pay') return { paymentMethod: `stcpay:${normaliseMobile(inputs['mobile']!.value)}` };
    const [month, year] = parseExpiry(inputs['expiry']!.value)!;
    const config = ctx.session.providers?.find((p) => p.id === 'moyasar')?.config ?? {};
    try {
      const response = await (ctx.fetch ?? fetch)(`${config['apiBase'] ?? 'https://api.moyasar.com'}/v1/tokens`, {
        method: 'POST',
        headers: { authorization: `Basic ${btoa(`${config['publishableKey'] ?? ''}:`)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: inputs['name']!.value.trim(), number: inputs['number']!.value.replace(/\D/g, ''), month, year, cvc: inputs['cvc']!.value, save_only: true }),
      });
      const token = (await response.json()) as { id?: string };
      if (response.ok && token.id) return { paymentMethod: token.id };
      return { error: { code: 'card_invalid', message: t.errors.number } };
    } catch {
      return { error: { code: 'network', message: t.errors.network } };
    }
  }

  button.addEventListener('click', async () => {
    if (disabled || !(await (ctx.ready?.() ?? Promise.resolve(true)))) return;
    setDisabled(true);
    const method = await createPaymentMethod();
    if (method.error) {
      alert.textContent = method.error.message;
      return setDisabled(false);
    }
    const outcome = await ctx.submit?.(method.paymentMethod);
    if (outcome?.status !== 'succeeded') setDisabled(false);
  });

  function setDisabled(value: boolean): void {
    disabled = value;
    button.disabled = value;
    for (const input of Object.values(inputs)) input.disabled = value;
  }

  show(kind);
  container.append(group);
  mounted = { container, t, panel: group };

  return {
    ownButton: true,
    returnsToPage: true,
    createPaymentMethod,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update() {},
    select: (method: PaymentMethodType) => show(method === 'stc_pay' ? 'stc_pay' : 'mada'),
    setDisabled,
    focus: () => (kind === 'mada' ? inputs['name'] : inputs['mobile'])!.focus(),
    destroy() {
      listeners.clear();
      group.remove();
      if (mounted?.panel === group) mounted = null;
    },
  };
}
