import type { NextAction } from '@omni-checkout/core/types';

/** Fired when the bank asks the shopper to verify the payment (3-D Secure) or follow a redirect. */
export class OmniPaymentRequiresActionEvent extends Event {
  readonly action: NextAction;

  constructor(init: { readonly action: NextAction }) {
    super('omni-payment-requires-action', { bubbles: true, composed: true });
    this.action = init.action;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-payment-requires-action': OmniPaymentRequiresActionEvent;
  }
}
