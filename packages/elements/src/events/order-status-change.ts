import type { ShopperOrderStatus } from '@omni-checkout/core/order-status';

/** Fired by `<omni-order-status>` after the shopper changed the order there (a return requested, the order canceled); `value` is its new status. */
export class OmniOrderStatusChangeEvent extends Event {
  readonly value: ShopperOrderStatus;

  constructor(init: { readonly value: ShopperOrderStatus }) {
    super('omni-order-status-change', { bubbles: true, composed: true });
    this.value = init.value;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-order-status-change': OmniOrderStatusChangeEvent;
  }
}
