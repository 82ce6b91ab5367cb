import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';
import { expect, within } from 'storybook/test';
import type { NextAction } from '@omni-checkout/core/types';
import { languageOf } from '../i18n/index.js';
import { loadLocalPayTranslation, type LocalPayTranslation } from '../i18n/local-pay/index.js';
import { blikField, qrFor, waitingPanel } from './local-pay.js';

/**
 * What local methods show in `<omni-checkout>`'s payment section (issue 18), each state: BLIK's
 * code field (empty, wrong), its approval in the bank app, the QR code of Swish and WeChat Pay
 * while the checkout waits for the phone, and the messages of a bank page that did not pay.
 * In the checkout these render in its light DOM, under the provider's fields; here alone, in the
 * toolbar's language and direction.
 */
type State = 'blik-code' | 'blik-invalid' | 'blik-approve' | 'swish-qr' | 'wechat-qr' | 'redirect-failed' | 'redirect-canceled';

const action = (type: NextAction['type'], method: string): NextAction => ({
  type,
  provider: 'stripe',
  reference: 'pi_story',
  data: { clientSecret: 'pi_story_secret_x', method, ...(type === 'display_qr' ? { qrData: `https://pay.example/${method}/pi_story` } : {}) },
});

async function draw(state: State, lang: string): Promise<TemplateResult> {
  const t: LocalPayTranslation = await loadLocalPayTranslation(lang);
  const field = (error: string) => blikField(t, { id: 'story-blik', value: error ? '7771' : '', error, disabled: false, onInput: () => {} });
  switch (state) {
    case 'blik-code':
      return field('');
    case 'blik-invalid':
      return field(t.blikInvalid);
    case 'blik-approve':
      return waitingPanel(t, action('approve_in_app', 'blik'), null);
    case 'swish-qr':
    case 'wechat-qr': {
      const waiting = action('display_qr', state === 'swish-qr' ? 'swish' : 'wechat_pay');
      return waitingPanel(t, waiting, await qrFor(waiting));
    }
    case 'redirect-failed':
      return html`<div role="alert">${t.failed}</div>`;
    case 'redirect-canceled':
      return html`<div role="alert">${t.canceled}</div>`;
  }
}

const meta: Meta<{ state: State }> = {
  title: 'Checkout/Local methods',
  render: ({ state }) => html`<div style="max-inline-size:28rem">${until(draw(state, languageOf(document.documentElement)), html`…`)}</div>`,
};
export default meta;

type Story = StoryObj<{ state: State }>;

export const BlikCode: Story = {
  args: { state: 'blik-code' },
  play: async ({ canvasElement }) => {
    const t = await loadLocalPayTranslation(languageOf(document.documentElement));
    await expect(await within(canvasElement).findByLabelText(t.blikCode)).toHaveAttribute('autocomplete', 'one-time-code');
  },
};
export const BlikCodeInvalid: Story = {
  args: { state: 'blik-invalid' },
  play: async ({ canvasElement }) => {
    const t = await loadLocalPayTranslation(languageOf(document.documentElement));
    await expect(await within(canvasElement).findByLabelText(t.blikCode)).toHaveAttribute('aria-invalid', 'true');
  },
};
export const BlikApproveInBankApp: Story = { args: { state: 'blik-approve' } };
export const SwishQrCode: Story = {
  args: { state: 'swish-qr' },
  play: async ({ canvasElement }) => {
    const t = await loadLocalPayTranslation(languageOf(document.documentElement));
    await expect(await within(canvasElement).findByRole('img', { name: t.qrLabel('Swish') })).toBeVisible();
  },
};
export const WeChatPayQrCode: Story = { args: { state: 'wechat-qr' } };
export const RedirectFailed: Story = { args: { state: 'redirect-failed' } };
export const RedirectAbandoned: Story = { args: { state: 'redirect-canceled' } };
