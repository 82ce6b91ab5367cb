import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, within } from 'storybook/test';
import { decideMethods } from '@omni-checkout/core/method-offer';
import { PaymentMethodType } from '@omni-checkout/core/schemas';
import './define.js';

interface Args {
  readonly country: string;
  readonly currency: string;
  readonly lang?: string;
  readonly dir?: 'ltr' | 'rtl';
}

const meta: Meta<Args> = {
  title: 'Payment/omni-payment-methods',
  component: 'omni-payment-methods',
  render: ({ country, currency, lang, dir }) =>
    html`<omni-payment-methods
      lang=${ifDefined(lang)}
      dir=${ifDefined(dir)}
      .methods=${decideMethods({ country, currency }, 5000, {}, [{ id: 'mock', methods: PaymentMethodType.options }]).shown}
    ></omni-payment-methods>`,
};
export default meta;

type Story = StoryObj<Args>;

function market(country: string, currency: string, lang: string, first: string, dir?: 'rtl'): Story {
  return {
    args: { country, currency, lang, ...(dir ? { dir } : {}) },
    play: async ({ canvasElement }) => {
      const element = canvasElement.querySelector('omni-payment-methods')!;
      const radios = await within(element.shadowRoot as unknown as HTMLElement).findAllByRole<HTMLInputElement>('radio');
      await expect(radios[0]!.labels?.[0]?.textContent).toContain(first);
    },
  };
}

/** Each market's list as a session shows it when its providers take every method: local methods first. */
export const EnglishUnitedStates = market('US', 'USD', 'en', 'Card');
export const PolishPoland = market('PL', 'PLN', 'pl', 'BLIK');
export const KoreanKorea = market('KR', 'KRW', 'ko', '카카오페이');
export const ArabicSaudiArabia = market('SA', 'SAR', 'ar', 'مدى', 'rtl');
export const GermanGermany = market('DE', 'EUR', 'de', 'PayPal');
export const FrenchFrance = market('FR', 'EUR', 'fr', 'Carte');
export const SpanishSpain = market('ES', 'EUR', 'es', 'Tarjeta');
export const SwedishSweden = market('SE', 'SEK', 'sv', 'Swish');
export const TurkishTurkey = market('TR', 'TRY', 'tr', 'Taksitli kart');
export const JapaneseJapan = market('JP', 'JPY', 'ja', 'カード');

/** A session with cash on delivery enabled and the merchant's fee for it (Poland: 15 zł; Saudi Arabia right to left: 10 ر.س.). */
function cashOnDelivery(country: string, currency: string, lang: string, name: string, fee: number, dir?: 'rtl'): Story {
  return {
    args: { country, currency, lang, ...(dir ? { dir } : {}) },
    render: ({ country, currency, lang, dir }) =>
      html`<omni-payment-methods
        lang=${ifDefined(lang)}
        dir=${ifDefined(dir)}
        currency=${currency}
        value="cash_on_delivery"
        .methods=${decideMethods({ country, currency }, 5000, { enable: ['cash_on_delivery'] }, [
          { id: 'mock', methods: ['card'] },
          { id: 'cash_on_delivery', methods: ['cash_on_delivery'] },
        ]).shown.map((m) => (m.type === 'cash_on_delivery' ? { ...m, fee } : m))}
      ></omni-payment-methods>`,
    play: async ({ canvasElement }) => {
      const element = canvasElement.querySelector('omni-payment-methods')!;
      const radio = (await within(element.shadowRoot as unknown as HTMLElement).findAllByRole<HTMLInputElement>('radio')).find((r) => r.value === 'cash_on_delivery')!;
      await expect(radio.labels?.[0]?.textContent).toContain(name);
      await expect(element.shadowRoot!.querySelector('[part~="fee"]')?.textContent).toMatch(/^\+ /);
    },
  };
}

export const CashOnDeliveryPoland = cashOnDelivery('PL', 'PLN', 'pl', 'Płatność przy odbiorze', 1500);
export const CashOnDeliverySaudiArabia = cashOnDelivery('SA', 'SAR', 'ar', 'الدفع عند الاستلام', 1000, 'rtl');
