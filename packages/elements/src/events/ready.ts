/** Fired when the session is loaded and the payment fields are mounted: the shopper can pay. */
export class OmniReadyEvent extends Event {
  constructor() {
    super('omni-ready', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-ready': OmniReadyEvent;
  }
}
