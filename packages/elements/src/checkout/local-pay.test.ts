/**
 * The local methods' part of the checkout (`local-pay.ts`): BLIK's code field, and what shows while
 * the provider waits for the shopper's app (BLIK's approval, a Swish or WeChat Pay QR code), in
 * every language, left to right and right to left, without axe violations.
 */
import axe from 'axe-core';
import { html, render } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import type { NextAction } from '@omni-checkout/core/types';
import { LOCALES } from '../i18n/index.js';
import en from '../i18n/local-pay/en.js';
import { loadLocalPayTranslation } from '../i18n/local-pay/index.js';
import { blikDigits, blikField, qrFor, waitingPanel } from './local-pay.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function host(dir: 'ltr' | 'rtl' = 'ltr', lang = 'en'): HTMLElement {
  const div = document.createElement('div');
  div.dir = dir;
  div.lang = lang;
  document.body.append(div);
  cleanup.push(() => div.remove());
  return div;
}

async function violations(root: HTMLElement): Promise<string[]> {
  const result = await axe.run(root, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const qrAction = (method: string): NextAction => ({ type: 'display_qr', provider: 'stripe', reference: 'pi_1', data: { clientSecret: 'pi_1_secret_x', method, qrData: 'https://pay.example/pi_1' } });
const blikAction: NextAction = { type: 'approve_in_app', provider: 'stripe', reference: 'pi_1', data: { clientSecret: 'pi_1_secret_x', method: 'blik' } };

describe('BLIK code', () => {
  it('takes six digits as a shopper types them from the bank app, and nothing else', () => {
    expect(blikDigits('777123')).toBe('777123');
    expect(blikDigits('777 123')).toBe('777123');
    expect(blikDigits('777-123')).toBe('777123');
    for (const wrong of ['77712', '7771234', '77712a', '', '७७७१२३']) expect(blikDigits(wrong)).toBeNull();
  });

  it('is a labelled numeric one-time-code field; its error is tied to it', async () => {
    const root = host();
    const typed: string[] = [];
    const draw = (error: string) => render(html`<div>${blikField(en, { id: 'c-blik', value: '123', error, disabled: false, onInput: (v) => typed.push(v) })}</div>`, root);
    draw('');
    const input = root.querySelector<HTMLInputElement>('#c-blik')!;
    expect(input.labels?.[0]?.textContent).toBe('BLIK code');
    expect(input.inputMode).toBe('numeric');
    expect(input.autocomplete).toBe('one-time-code');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    expect(typed).toEqual(['123456']);
    draw(en.blikInvalid);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('c-blik-error');
    expect(root.querySelector('#c-blik-error')?.textContent).toBe('Enter the 6 digits of your BLIK code.');
    expect(await violations(root)).toEqual([]);
  });
});

describe('waiting for the app', () => {
  it('BLIK: asks to confirm in the banking app', () => {
    const root = host();
    render(waitingPanel(en, blikAction, null), root);
    expect(root.textContent).toContain('Confirm the payment in your banking app.');
    expect(root.querySelector('svg')).toBeNull();
  });

  it('Swish and WeChat Pay: the QR code of the payment’s address, named after the method', async () => {
    for (const [method, name] of [['swish', 'Swish'], ['wechat_pay', 'WeChat Pay']] as const) {
      const root = host();
      const action = qrAction(method);
      const qr = await qrFor(action);
      render(waitingPanel(en, action, qr), root);
      const svg = root.querySelector('svg[role="img"]')!;
      expect(svg.getAttribute('aria-label')).toBe(`${name} QR code`);
      // The drawing is the code of the address the provider gave, nothing else.
      expect(svg.getAttribute('viewBox')).toBe(`0 0 ${encode('https://pay.example/pi_1', { ecc: 'M', border: 4 }).size} ${encode('https://pay.example/pi_1', { ecc: 'M', border: 4 }).size}`);
      expect(root.textContent).toContain(`Scan the code with ${name} on your phone`);
      expect(await violations(root)).toEqual([]);
    }
  });

  it('no QR code for an action without one', async () => {
    expect(await qrFor(blikAction)).toBeNull();
  });
});

describe('in every language, right to left too', () => {
  it.each(LOCALES)('%s: every message present, the field and the QR code without axe violations', async (locale) => {
    const t = await loadLocalPayTranslation(locale);
    for (const [key, value] of Object.entries(en)) {
      const translated = (t as unknown as Record<string, unknown>)[key];
      expect(typeof translated, key).toBe(typeof value);
      if (typeof value === 'function') expect((translated as (m: string) => string)('Swish')).toContain('Swish');
      else if (locale !== 'en') expect(translated, key).not.toBe(value);
    }
    const root = host(locale === 'ar' ? 'rtl' : 'ltr', locale);
    const action = qrAction('swish');
    render(html`${blikField(t, { id: 'l-blik', value: '', error: t.blikInvalid, disabled: false, onInput: () => {} })}${waitingPanel(t, action, await qrFor(action))}`, root);
    expect(root.querySelector('label')?.textContent).toBe(t.blikCode);
    expect(await violations(root)).toEqual([]);
  });
});
