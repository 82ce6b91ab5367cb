import type { PaymentMethodType } from '@omni-checkout/core/types';

/** Names of payment brands, written the same in every language unless a catalog says otherwise. */
export const BRAND_NAMES = {
  apple_pay: 'Apple Pay',
  google_pay: 'Google Pay',
  link: 'Link',
  paypal: 'PayPal',
  paylater: 'PayPal Pay Later',
  venmo: 'Venmo',
  klarna: 'Klarna',
  afterpay_clearpay: 'Afterpay',
  blik: 'BLIK',
  p24: 'Przelewy24',
  ideal: 'iDEAL',
  bancontact: 'Bancontact',
  eps: 'EPS',
  swish: 'Swish',
  mobilepay: 'MobilePay',
  vipps: 'Vipps',
  twint: 'TWINT',
  kakao_pay: 'Kakao Pay',
  naver_pay: 'Naver Pay',
  mada: 'mada',
  stc_pay: 'STC Pay',
  pix: 'Pix',
  boleto: 'Boleto',
} as const satisfies Partial<Record<PaymentMethodType, string>>;
