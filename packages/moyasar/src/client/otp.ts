/**
 * STC Pay's one-time password: after the backend created the payment, STC Pay texts the shopper a
 * code; it is sent from here to the payment's own `transaction_url` (its one-time token is in the
 * address), then the backend reads from Moyasar how the payment ended. Loaded only for STC Pay.
 */
import type { ClientProviderContext, NextActionResult } from '@omni-checkout/core/provider';
import type { NextAction } from '@omni-checkout/core/types';
import { mounted } from './fields.js';
import { moyasarMessages } from './i18n/messages.js';
import { el } from './validate.js';

export async function askCode(action: NextAction, ctx: ClientProviderContext): Promise<NextActionResult> {
  const url = action.data['url'];
  const t = mounted?.t ?? (await moyasarMessages(ctx.locale));
  if (action.data['kind'] !== 'stc_pay_otp' || !url || !mounted) return { status: 'failed', error: { code: 'unsupported_action', message: t.errors.network } };
  const { container, panel } = mounted;
  const doc = container.ownerDocument;
  const id = `${panel.querySelector('input')?.id ?? 'omni-moyasar'}-code`;
  const box = el(doc, 'fieldset', { class: 'omni-moyasar', dir: ctx.dir });
  const input = el(doc, 'input', { id, autocomplete: 'one-time-code', inputmode: 'numeric', dir: 'ltr', maxlength: '6', 'aria-invalid': 'false' });
  const label = el(doc, 'label', { for: id }, t.code);
  label.append(input);
  const alert = el(doc, 'p', { role: 'alert' });
  const confirm = el(doc, 'button', { type: 'button' }, t.confirm);
  const cancel = el(doc, 'button', { type: 'button' }, t.cancel);
  box.append(el(doc, 'legend', {}, t.codeTitle), el(doc, 'p', {}, t.codeText), label, alert, confirm, cancel);
  panel.hidden = true;
  container.append(box);
  input.focus();
  const done = (result: NextActionResult) => {
    box.remove();
    panel.hidden = false;
    return result;
  };
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => resolve(done({ status: 'canceled' })));
    const send = async () => {
      const code = input.value.trim();
      if (!/^\d{6}$/.test(code)) {
        input.setAttribute('aria-invalid', 'true');
        alert.textContent = t.errors.code;
        return input.focus();
      }
      confirm.disabled = true;
      const target = new URL(url);
      target.searchParams.set('otp_value', code);
      try {
        await (ctx.fetch ?? fetch)(target, { method: 'POST' });
        // Paid or not, the backend reads the outcome from Moyasar (a wrong code fails the payment there).
        resolve(done({ status: 'completed' }));
      } catch {
        confirm.disabled = false;
        alert.textContent = t.errors.network;
      }
    };
    confirm.addEventListener('click', () => void send());
    input.addEventListener('keydown', (event) => event.key === 'Enter' && void send());
  });
}
