import type { CheckoutSession } from '@omni-checkout/core/types';

/** Fired once the backend confirmed the payment and recorded the order. */
export class OmniCompleteEvent extends Event {
  readonly orderId: string;
  readonly session: CheckoutSession;

  constructor(init: { readonly orderId: string; readonly session: CheckoutSession }) {
    super('omni-complete', { bubbles: true, composed: true });
    this.orderId = init.orderId;
    this.session = init.session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-complete': OmniCompleteEvent;
  }
}
