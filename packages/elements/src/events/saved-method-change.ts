/** Fired when the shopper picks a saved method, or "add a new card" (`value: null`). */
export class OmniSavedMethodChangeEvent extends Event {
  /** The saved method id (`spm_…`), or null for a new card. */
  readonly value: string | null;

  constructor(init: { readonly value: string | null }) {
    super('omni-saved-method-change', { bubbles: true, composed: true });
    this.value = init.value;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-saved-method-change': OmniSavedMethodChangeEvent;
  }
}
