/**
 * Moyasar's fields in each state a shopper meets: mada's card fields, what they say when something
 * is missing, STC Pay's mobile number, and STC Pay's code step — in English and in Arabic (right
 * to left). Storybook has no network: the stories stop before anything is sent to Moyasar.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { moyasarProvider } from './index.js';

interface Args {
  readonly lang: 'en' | 'ar';
  readonly state: 'mada' | 'mada-incomplete' | 'stc_pay' | 'stc_pay-code';
}

const session = (lang: string): CheckoutSession => ({
  id: 'cs_story',
  object: 'checkout_session',
  status: 'open',
  livemode: false,
  merchant: { name: 'Omni Roasters' },
  currency: 'SAR',
  country: 'SA',
  locale: lang,
  channel: 'web',
  lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 5000, quantity: 1, amount: 5000 }],
  shippingOptions: [],
  selectedShippingOptionId: null,
  contact: null,
  shippingAddress: null,
  totals: { subtotal: 5000, shipping: 0, total: 5000 },
  provider: { id: 'mock', config: {} },
  providers: [{ id: 'moyasar', config: { publishableKey: 'pk_test_story', apiBase: 'https://api.moyasar.com' }, methods: ['mada', 'stc_pay'] }],
  paymentMethods: [],
  nextAction: null,
  lastPaymentError: null,
  orderId: null,
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});

function render({ lang, state }: Args): HTMLElement {
  const container = document.createElement('div');
  container.lang = lang;
  container.dir = lang === 'ar' ? 'rtl' : 'ltr';
  container.style.maxInlineSize = '28rem';
  const context = { session: session(lang), locale: lang, dir: container.dir as 'ltr' | 'rtl', apiBase: '', publishableKey: 'pk_test_story', method: state.startsWith('stc') ? ('stc_pay' as const) : ('mada' as const) };
  void moyasarProvider.mountPaymentFields(container, context).then(async (fields) => {
    if (state === 'mada-incomplete') await fields.createPaymentMethod();
    if (state === 'stc_pay-code') {
      void moyasarProvider.handleNextAction(
        { type: 'challenge', provider: 'moyasar', reference: 'pay_story', data: { kind: 'stc_pay_otp', url: 'https://api.moyasar.com/v1/stc_pays/pay_story/proceed?otp_token=story' } },
        context,
      );
    }
  });
  return container;
}

const meta: Meta<Args> = {
  title: 'Providers/Moyasar (mada, STC Pay)',
  render,
  args: { lang: 'en', state: 'mada' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'ar'] },
    state: { control: 'select', options: ['mada', 'mada-incomplete', 'stc_pay', 'stc_pay-code'] },
  },
};
export default meta;
type Story = StoryObj<Args>;

export const Mada: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('group', { name: 'mada' })).toBeVisible());
    await expect(canvas.getByLabelText('Card number')).toHaveAttribute('autocomplete', 'cc-number');
    await expect(canvas.getByRole('button', { name: 'Pay with mada' })).toBeEnabled();
  },
};

export const MadaIncomplete: Story = {
  args: { state: 'mada-incomplete' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('Enter the name as it is on the card.'));
    await expect(canvas.getByLabelText('Name on card')).toHaveAttribute('aria-invalid', 'true');
  },
};

export const StcPay: Story = {
  args: { state: 'stc_pay' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('group', { name: 'STC Pay' })).toBeVisible());
    await expect(canvas.getByLabelText('STC Pay mobile number')).toHaveAttribute('type', 'tel');
  },
};

export const StcPayCode: Story = {
  args: { state: 'stc_pay-code' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('group', { name: 'Confirm with STC Pay' })).toBeVisible());
    await expect(canvas.getByLabelText('Verification code')).toHaveAttribute('autocomplete', 'one-time-code');
  },
};

export const MadaArabic: Story = {
  args: { lang: 'ar', state: 'mada' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'ادفع بمدى' })).toBeVisible());
    await expect(canvas.getByRole('group', { name: 'مدى' })).toHaveAttribute('dir', 'rtl');
  },
};

export const StcPayCodeArabic: Story = {
  args: { lang: 'ar', state: 'stc_pay-code' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('group', { name: 'التأكيد عبر STC Pay' })).toBeVisible());
  },
};
