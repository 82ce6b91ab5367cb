import type { ExpressWallet, WalletUnavailableReason } from '@omni-checkout/core/provider';
import type { ProviderId } from '@omni-checkout/core/types';

/** Fired for each express wallet that is not offered, with a stable reason code. */
export class OmniWalletUnavailableEvent extends Event {
  readonly wallet: ExpressWallet;
  readonly reason: WalletUnavailableReason;
  readonly provider: ProviderId;

  constructor(init: { readonly wallet: ExpressWallet; readonly reason: WalletUnavailableReason; readonly provider: ProviderId }) {
    super('omni-wallet-unavailable', { bubbles: true, composed: true });
    this.wallet = init.wallet;
    this.reason = init.reason;
    this.provider = init.provider;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-wallet-unavailable': OmniWalletUnavailableEvent;
  }
}
