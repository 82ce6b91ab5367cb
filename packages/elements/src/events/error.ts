/**
 * Fired when something the shopper did failed: a declined card, a failed verification, a detail
 * the backend refused. `code` is stable (see `API_ERROR_CODES` in core); `message` is for people.
 */
export class OmniErrorEvent extends Event {
  readonly code: string;
  readonly message: string;

  constructor(init: { readonly code: string; readonly message: string }) {
    super('omni-error', { bubbles: true, composed: true });
    this.code = init.code;
    this.message = init.message;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-error': OmniErrorEvent;
  }
}
