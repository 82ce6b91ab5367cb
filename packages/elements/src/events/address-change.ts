import type { PostalAddress } from '@omni-checkout/core/types';

/** Fired when the shopper changed a shipping address field (on `change`), in Stripe's shape. */
export class OmniAddressChangeEvent extends Event {
  /** Every required field has a value. */
  readonly complete: boolean;
  /** Nothing has been entered (a preselected country alone counts as empty). */
  readonly empty: boolean;
  readonly value: Partial<PostalAddress>;

  constructor(init: { readonly complete: boolean; readonly empty: boolean; readonly value: Partial<PostalAddress> }) {
    super('omni-address-change', { bubbles: true, composed: true });
    this.complete = init.complete;
    this.empty = init.empty;
    this.value = init.value;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-address-change': OmniAddressChangeEvent;
  }
}
