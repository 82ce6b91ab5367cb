/**
 * `<omni-resume>` continued an unfinished checkout on this device (docs/omnichannel.md, "Resume on
 * another device"): `clientSecret` is this device's own credential for that session (never its
 * client secret); `<omni-checkout>` switches to it by itself, a page may keep it for a reload.
 */
export class OmniResumeEvent extends Event {
  readonly sessionId: string;
  readonly clientSecret: string;
  /** The shopper's sign-in carried over to the resumed session. */
  readonly shopperToken: string;

  constructor(init: { readonly sessionId: string; readonly clientSecret: string; readonly shopperToken: string }) {
    super('omni-resume', { bubbles: true, composed: true });
    this.sessionId = init.sessionId;
    this.clientSecret = init.clientSecret;
    this.shopperToken = init.shopperToken;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-resume': OmniResumeEvent;
  }
}
