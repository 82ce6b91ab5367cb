/**
 * The memory backend's gift cards (issue 18): the balance check the page calls, answered as the
 * real backend answers it (`packages/server/src/gift-cards/routes.ts`): codes compared after the
 * same normalisation, wrong codes limited per session before any lookup (a right code gives its
 * attempt back), `gift_card_not_found` for unknown, expired and disabled cards alike.
 */
import { GiftCardBalanceRequest, isGiftCardCodeShape, normaliseGiftCardCode, type GiftCardBalance } from '@omni-checkout/core';
import { HttpError, parse } from './http.js';

/** A card the double knows: its code as issued, balance in minor units. */
export interface MemoryGiftCard {
  readonly code: string;
  readonly balance: number;
  readonly currency: string;
  readonly expiresAt?: string | null;
  readonly disabled?: boolean;
}

/** Wrong codes per session before 429, as the backend's default. */
export const MEMORY_GIFT_CARD_ATTEMPTS = 5;

export function giftCardDouble(cards: readonly MemoryGiftCard[], now: () => Date) {
  let attempts = 0;
  return {
    balance(json: unknown): GiftCardBalance {
      const { code } = parse(GiftCardBalanceRequest, json);
      if (attempts >= MEMORY_GIFT_CARD_ATTEMPTS) throw new HttpError(429, 'too_many_attempts', 'Too many gift card codes tried. Try again later.');
      attempts++;
      const normalised = normaliseGiftCardCode(code);
      const card = isGiftCardCodeShape(normalised) ? cards.find((c) => normaliseGiftCardCode(c.code) === normalised) : undefined;
      const live = card && !card.disabled && (!card.expiresAt || new Date(card.expiresAt).getTime() > now().getTime());
      if (!card || !live) throw new HttpError(404, 'gift_card_not_found', 'No gift card with this code at this shop, or it no longer pays.');
      attempts--;
      return { object: 'gift_card_balance', last4: normalised.slice(-4), balance: card.balance, currency: card.currency, expiresAt: card.expiresAt ?? null };
    },
  };
}
