/**
 * Cash on delivery (issue 18, docs/payment-methods.md): the backend's own way to pay, with no provider
 * to call. Confirming records an `authorized` order for the session's total plus the merchant's fee
 * (outcome.ts `sessionCharge`); the order ships like a manual-capture one, and the merchant marks it
 * paid (a capture) or refused (a cancel) when the courier reports back (cod/routes.ts).
 *
 * The payment reference says what the courier collects (`cod:<session>:<amount>:<currency>`), so a
 * resumed confirm attempt reads the same outcome back.
 */
import type { PaymentMethodType, ProviderPaymentResult, ServerProvider } from '@omni-checkout/core';

export const CASH_ON_DELIVERY = 'cash_on_delivery' as const;

const REFERENCE = /^cod:([A-Za-z0-9_.:-]{1,64}):(\d{1,15}):([A-Z]{3})$/;

function authorised(reference: string): ProviderPaymentResult {
  const match = REFERENCE.exec(reference);
  if (!match) return { status: 'failed', reference, code: 'provider_error', message: 'Not a cash-on-delivery payment.' };
  return { status: 'succeeded', reference, amount: Number(match[2]), currency: match[3]!, captured: false };
}

export function cashOnDeliveryProvider(): ServerProvider {
  return {
    id: CASH_ON_DELIVERY,
    livemode: true,
    publicConfig: () => ({}),
    // Offered through the merchant's cash-on-delivery settings (session-view.ts), never as a provider's method.
    supportedMethods: (): readonly PaymentMethodType[] => [],
    async createPayment(input) {
      return authorised(`cod:${input.sessionId}:${input.amount}:${input.currency}`);
    },
    async retrievePayment(reference) {
      return authorised(reference);
    },
    moneyOut: {
      // The courier's cash is the merchant's to hand back: nothing moves through omni-checkout.
      async refund() {
        return { status: 'failed', reference: null, message: 'Cash on delivery is refunded by the merchant directly, outside omni-checkout.' };
      },
      // Marked paid: the courier collected the amount.
      async capture() {
        return { status: 'succeeded' };
      },
      // Marked refused: nothing was collected.
      async cancel() {
        return { status: 'canceled' };
      },
    },
  };
}
