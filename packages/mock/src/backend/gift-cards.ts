/**
 * The memory backend's gift cards (issue 18): the balance check the page calls, answered as the
 * real backend answers it (`packages/server/src/gift-cards/routes.ts`): codes compared after the
 * same normalisation, wrong codes limited per session before any lookup (a right code gives its
 * attempt back), `gift_card_not_found` for unknown, expired and disabled cards alike.
 */
import { ApplyGiftCardRequest, GiftCardBalanceRequest, isGiftCardCodeShape, normaliseGiftCardCode, type AppliedTender, type GiftCardBalance } from '@omni-checkout/core';
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
  // Balances as they move (a card-only or split order takes its share), and the cards applied to the session.
  const balances = new Map(cards.map((card) => [normaliseGiftCardCode(card.code), card.balance]));
  let applied: { id: string; code: string; available: number }[] = [];
  const find = (code: string) => {
    const normalised = normaliseGiftCardCode(code);
    return isGiftCardCodeShape(normalised) ? cards.find((c) => normaliseGiftCardCode(c.code) === normalised) : undefined;
  };
  /** What each applied card takes of `total`, in the order applied (as the backend's `allocateTenders`). */
  const allocate = (total: number, currency: string): AppliedTender[] => {
    let left = total;
    return applied.map((tender) => {
      const take = Math.min(tender.available, left);
      left -= take;
      return { id: tender.id, kind: 'gift_card' as const, last4: tender.code.slice(-4), amount: take, currency };
    });
  };
  return {
    /** The session's `tenders` and `amountDue` (nothing when no card is applied). */
    view(total: number, currency: string): { tenders?: AppliedTender[]; amountDue?: number } {
      if (!applied.length) return {};
      const tenders = allocate(total, currency);
      return { tenders, amountDue: total - tenders.reduce((sum, t) => sum + t.amount, 0) };
    },
    /** Applies a card (the same attempt limits as the balance check); `total` and `currency` are the session's. */
    apply(json: unknown, total: number, currency: string): void {
      const { code } = parse(ApplyGiftCardRequest, json);
      if (attempts >= MEMORY_GIFT_CARD_ATTEMPTS) throw new HttpError(429, 'too_many_attempts', 'Too many gift card codes tried. Try again later.');
      attempts++;
      const card = find(code);
      if (!card) throw new HttpError(404, 'gift_card_not_found', 'No gift card with this code at this shop. Check the code and try again.');
      const normalised = normaliseGiftCardCode(card.code);
      const balance = balances.get(normalised) ?? 0;
      if (card.currency !== currency) throw new HttpError(409, 'gift_card_currency_mismatch', `This gift card is in ${card.currency}; this order is in ${currency}.`);
      if (card.disabled || (card.expiresAt && new Date(card.expiresAt).getTime() <= now().getTime())) {
        throw new HttpError(409, 'gift_card_inactive', 'This gift card has expired or can no longer be used.');
      }
      if (balance <= 0) throw new HttpError(409, 'gift_card_insufficient_balance', 'This gift card has no balance left.');
      const others = applied.filter((t) => t.code !== normalised);
      const due = others.reduce((left, t) => left - Math.min(t.available, left), total);
      if (due <= 0) throw new HttpError(409, 'operation_not_supported', 'What you applied already pays the whole order.');
      attempts--;
      applied = [...others, { id: applied.find((t) => t.code === normalised)?.id ?? `tnd_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`, code: normalised, available: balance }];
    },
    remove(id: string): void {
      if (!applied.some((t) => t.id === id)) throw new HttpError(404, 'gift_card_not_found', 'This gift card is not applied to this checkout.');
      applied = applied.filter((t) => t.id !== id);
    },
    /** The order is paid: each card gives what it took. */
    redeem(total: number, currency: string): void {
      for (const tender of allocate(total, currency)) {
        const code = applied.find((t) => t.id === tender.id)!.code;
        balances.set(code, (balances.get(code) ?? 0) - tender.amount);
      }
    },
    balance(json: unknown): GiftCardBalance {
      const { code } = parse(GiftCardBalanceRequest, json);
      if (attempts >= MEMORY_GIFT_CARD_ATTEMPTS) throw new HttpError(429, 'too_many_attempts', 'Too many gift card codes tried. Try again later.');
      attempts++;
      const normalised = normaliseGiftCardCode(code);
      const card = isGiftCardCodeShape(normalised) ? cards.find((c) => normaliseGiftCardCode(c.code) === normalised) : undefined;
      const live = card && !card.disabled && (!card.expiresAt || new Date(card.expiresAt).getTime() > now().getTime());
      if (!card || !live) throw new HttpError(404, 'gift_card_not_found', 'No gift card with this code at this shop, or it no longer pays.');
      attempts--;
      return { object: 'gift_card_balance', last4: normalised.slice(-4), balance: balances.get(normalised) ?? card.balance, currency: card.currency, expiresAt: card.expiresAt ?? null };
    },
  };
}
