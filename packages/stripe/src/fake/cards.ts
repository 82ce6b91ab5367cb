/**
 * Stripe's test cards and tokens in the fake API, and what each one does: which scenario a card
 * plays (success, a decline, 3-D Secure), the card-number check, and the `last_payment_error` a
 * failed scenario leaves on its PaymentIntent.
 */
import type Stripe from 'stripe';

export type Scenario = 'success' | 'decline' | 'insufficient_funds' | 'three_d_secure' | 'incorrect_cvc';

/** Stripe's published test cards, and what the fake does with each. */
export const FAKE_TEST_CARDS: Readonly<Record<string, { scenario: Scenario; brand: string }>> = {
  '4242424242424242': { scenario: 'success', brand: 'visa' },
  '5555555555554444': { scenario: 'success', brand: 'mastercard' },
  '4000000000000002': { scenario: 'decline', brand: 'visa' },
  '4000000000009995': { scenario: 'insufficient_funds', brand: 'visa' },
  '4000000000003220': { scenario: 'three_d_secure', brand: 'visa' },
  '4000002500003155': { scenario: 'three_d_secure', brand: 'visa' },
  '4000000000000127': { scenario: 'incorrect_cvc', brand: 'visa' },
};

/** Stripe's test payment-method tokens (usable with a secret key, as in test mode). */
export const FAKE_TEST_TOKENS: Readonly<Record<string, string>> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_authenticationRequired: '4000002500003155',
};

/** Payment method types Stripe knows (`Stripe.PaymentMethod.Type`, as of the SDK's API version). */
export const PAYMENT_METHOD_TYPES: ReadonlySet<string> = new Set<Stripe.PaymentMethod.Type | 'vipps'>([
  'acss_debit', 'affirm', 'afterpay_clearpay', 'alipay', 'alma', 'amazon_pay', 'au_becs_debit', 'bacs_debit', 'bancontact', 'billie',
  'bizum', 'blik', 'boleto', 'card', 'cashapp', 'crypto', 'customer_balance', 'eps', 'fpx', 'giropay', 'grabpay', 'ideal', 'kakao_pay',
  'klarna', 'konbini', 'kr_card', 'link', 'mb_way', 'mobilepay', 'multibanco', 'naver_pay', 'nz_bank_account', 'oxxo', 'p24',
  'pay_by_bank', 'payco', 'paynow', 'paypal', 'paypay', 'payto', 'pix', 'promptpay', 'revolut_pay', 'samsung_pay', 'satispay',
  'scalapay', 'sepa_debit', 'sequra', 'sofort', 'sunbit', 'swish', 'twint', 'upi', 'us_bank_account', 'vipps', 'wechat_pay', 'zip',
]);

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

export function lastError(scenario: Scenario, method: Stripe.PaymentMethod): Stripe.PaymentIntent.LastPaymentError {
  const base = { payment_method: method, type: 'card_error' as const, doc_url: 'https://stripe.com/docs/error-codes' };
  switch (scenario) {
    case 'decline':
      return { ...base, code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
    case 'insufficient_funds':
      return { ...base, code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' };
    case 'incorrect_cvc':
      return { ...base, code: 'incorrect_cvc', message: "Your card's security code is incorrect." };
    default:
      return {
        ...base,
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      };
  }
}
