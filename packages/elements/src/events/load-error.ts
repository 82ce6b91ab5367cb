/** Fired when the session or the payment provider could not be loaded. `message` is for people. */
export class OmniLoadErrorEvent extends Event {
  readonly code: string;
  readonly message: string;

  constructor(init: { readonly code: string; readonly message: string }) {
    super('omni-load-error', { bubbles: true, composed: true });
    this.code = init.code;
    this.message = init.message;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-load-error': OmniLoadErrorEvent;
  }
}
