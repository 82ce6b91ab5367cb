/**
 * `<omni-handoff redeem>` opened a handoff link on this device: give `clientSecret` (this device's
 * own credential for the session, never the first device's client secret) to `<omni-checkout>`.
 */
export class OmniHandoffRedeemEvent extends Event {
  readonly sessionId: string;
  readonly clientSecret: string;

  constructor(init: { readonly sessionId: string; readonly clientSecret: string }) {
    super('omni-handoff-redeem', { bubbles: true, composed: true });
    this.sessionId = init.sessionId;
    this.clientSecret = init.clientSecret;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-handoff-redeem': OmniHandoffRedeemEvent;
  }
}
