import type { ShopperProfile } from '@omni-checkout/core/identity';

/**
 * Fired when the shopper proved who they are (one-time code or passkey) and their saved details
 * are available to this merchant. Carries the profile (addresses, masked saved methods), never a token.
 */
export class OmniIdentityRecognizedEvent extends Event {
  readonly profile: ShopperProfile;
  readonly method: 'email' | 'sms' | 'passkey';

  constructor(init: { readonly profile: ShopperProfile; readonly method: 'email' | 'sms' | 'passkey' }) {
    super('omni-identity-recognized', { bubbles: true, composed: true });
    this.profile = init.profile;
    this.method = init.method;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-identity-recognized': OmniIdentityRecognizedEvent;
  }
}
