/** Fired when the shopper chose a shipping option; `value` is its id. */
export class OmniShippingChangeEvent extends Event {
  readonly value: string;

  constructor(init: { readonly value: string }) {
    super('omni-shipping-change', { bubbles: true, composed: true });
    this.value = init.value;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-shipping-change': OmniShippingChangeEvent;
  }
}
