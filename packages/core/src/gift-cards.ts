/**
 * Gift cards (issue 18): the merchant issues a card with a long random code, the backend keeps a
 * ledger of it (issue, debits, credits) and never a balance below zero. Schemas of the merchant API
 * (`/v1/gift-cards…`) and of the page's balance check; docs/payment-methods.md.
 */
import { z } from 'zod';
import { CheckoutSession, CurrencyCode, Id, MinorAmount } from './schemas.js';

/** A positive amount in minor units. */
const PositiveAmount = z.number().int().positive().max(99_999_999);

/**
 * A gift card code as a person types it: 20 characters of Crockford base32 (100 random bits), in
 * groups of four; case, spaces and dashes are ignored, and O, I and L read as 0, 1 and 1.
 */
export const GiftCardCode = z.string().min(16).max(40);

export const IssueGiftCardRequest = z
  .object({
    amount: PositiveAmount,
    currency: CurrencyCode,
    /** When the card stops paying (ISO 8601); absent: `validityDays` or never. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    /** Days the card pays from now (local rules: e.g. 3 years in Germany); ignored with `expiresAt`. */
    validityDays: z.number().int().positive().max(36_500).optional(),
    /**
     * The market the card is sold in (ISO 3166-1 alpha-2): without `expiresAt` or `validityDays` the
     * card gets that market's default validity, and a shorter one than its rules allow is refused
     * (`GIFT_CARD_EXPIRY_RULES`, docs/payment-methods.md).
     */
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
  })
  .strict();

/**
 * How long a gift card pays, per market, when the merchant names none (`defaultDays`; null: it never
 * expires), and the shortest validity its rules allow (`minimumDays`; null: no expiry date at all).
 * Defaults from consumer rules and common practice, not legal advice: a merchant can choose per
 * card within them. Markets not listed: no default, any future date.
 */
export const GIFT_CARD_EXPIRY_RULES: Readonly<Record<string, { readonly defaultDays: number | null; readonly minimumDays?: number | null }>> = {
  // The regular limitation period (§ 195 BGB): 3 years; courts found under a year unfair.
  DE: { defaultDays: 3 * 365, minimumDays: 365 },
  AT: { defaultDays: 30 * 365, minimumDays: 30 * 365 },
  // Federal CARD Act: never before 5 years from issue.
  US: { defaultDays: 5 * 365, minimumDays: 5 * 365 },
  // Ontario, Quebec and most provinces: no expiry dates on gift cards.
  CA: { defaultDays: null, minimumDays: null },
  GB: { defaultDays: 2 * 365, minimumDays: 365 },
  PL: { defaultDays: 365 },
  FR: { defaultDays: 365 },
  ES: { defaultDays: 2 * 365 },
  SE: { defaultDays: 365, minimumDays: 365 },
  // Standard terms for gift certificates: 5 years.
  KR: { defaultDays: 5 * 365, minimumDays: 5 * 365 },
  SA: { defaultDays: 365 },
};

export const GiftCard = z.object({
  id: z.string(),
  object: z.literal('gift_card'),
  /** The code's last four characters, for people to tell cards apart; the code itself is stored only as a keyed hash. */
  last4: z.string(),
  currency: z.string(),
  initialAmount: z.number().int(),
  balance: z.number().int().nonnegative(),
  status: z.enum(['active', 'disabled']),
  expiresAt: z.string().nullable(),
  livemode: z.boolean(),
  createdAt: z.string(),
});

/** The answer to issuing a card: the only time its code is shown. */
export const IssuedGiftCard = GiftCard.extend({ code: z.string() });

export const GiftCardDebitRequest = z
  .object({
    amount: PositiveAmount,
    currency: CurrencyCode,
    /** What it pays for (an order id, a till receipt…), kept on the ledger line. */
    reference: Id.optional(),
  })
  .strict();

export const GiftCardCreditRequest = z
  .object({
    /** The debit this gives money back for: at most what that debit took and was not given back yet. */
    debit: z.string().min(1).max(64),
    amount: PositiveAmount,
  })
  .strict();

export const GiftCardTransaction = z.object({
  id: z.string(),
  object: z.literal('gift_card_transaction'),
  giftCard: z.string(),
  /** `grant`: store credit the merchant gives a shopper (docs/payment-methods.md). */
  kind: z.enum(['issue', 'debit', 'credit', 'grant']),
  /** Positive for issue and credit, negative for a debit. */
  amount: z.number().int(),
  balanceAfter: z.number().int().nonnegative(),
  reference: z.string().nullable(),
  /** The debit a credit gives back for. */
  debit: z.string().nullable(),
  createdAt: z.string(),
});

export const GiftCardWithTransactions = GiftCard.extend({ transactions: z.array(GiftCardTransaction) });

/** The page asks what a code is worth (attempts limited per session and per IP). */
export const GiftCardBalanceRequest = z.object({ code: GiftCardCode }).strict();

export const GiftCardBalance = z.object({
  object: z.literal('gift_card_balance'),
  last4: z.string(),
  balance: z.number().int().nonnegative(),
  currency: z.string(),
  expiresAt: z.string().nullable(),
});

/**
 * A gift card or the shopper's store credit applied to a checkout session: what it takes of the
 * total (`amount`, at most its balance when applied, never more than the total), held while a
 * payment runs and taken with the order. `amountDue` on the session is what is left for a provider.
 */
export const AppliedTender = z.object({
  id: z.string(),
  kind: z.enum(['gift_card', 'store_credit']),
  /** A gift card's last four characters; null for store credit. */
  last4: z.string().nullable(),
  amount: z.number().int().nonnegative(),
  currency: z.string(),
});

/** The session with its gift cards and store credit (the backend's answers; the page's type is `CheckoutSession`). */
export const CheckoutSessionWithTenders = CheckoutSession.extend({
  giftCards: z.boolean().optional(),
  tenders: z.array(AppliedTender).optional(),
  amountDue: MinorAmount.optional(),
});

/** The page applies a gift card to its session (attempts limited as for the balance check). */
export const ApplyGiftCardRequest = z.object({ code: GiftCardCode }).strict();

/** The merchant gives store credit to a shopper of the identity network (Idempotency-Key required). */
export const GrantStoreCreditRequest = z
  .object({
    /** The shopper's id (`shp_…`), or (`email`) the email they verified; one of the two. */
    shopper: z.string().min(1).max(64).optional(),
    email: z.email().max(254).optional(),
    amount: PositiveAmount,
    currency: CurrencyCode,
    /** What it is for (a goodwill gesture, a return), kept on the ledger line. */
    reference: Id.optional(),
  })
  .strict()
  .refine((r) => (r.shopper === undefined) !== (r.email === undefined), { message: 'Name the shopper by `shopper` or by `email`, one of the two', path: ['shopper'] });

/** A shopper's store credit at one merchant, in one currency. */
export const StoreCredit = z.object({
  id: z.string(),
  object: z.literal('store_credit'),
  /** The shopper's id (null once they erased their data: the credit stays on the ledger). */
  shopper: z.string().nullable(),
  currency: z.string(),
  balance: z.number().int().nonnegative(),
  expiresAt: z.string().nullable(),
  livemode: z.boolean(),
});

/** What a recognised, consenting shopper has in store credit here (the page offers to apply it). */
export const StoreCreditBalance = z.object({
  object: z.literal('store_credit_balance'),
  balance: z.number().int().nonnegative(),
  currency: z.string(),
  expiresAt: z.string().nullable(),
});

export type AppliedTender = z.infer<typeof AppliedTender>;
export type ApplyGiftCardRequest = z.infer<typeof ApplyGiftCardRequest>;
export type GrantStoreCreditRequest = z.infer<typeof GrantStoreCreditRequest>;
export type StoreCredit = z.infer<typeof StoreCredit>;
export type StoreCreditBalance = z.infer<typeof StoreCreditBalance>;
export type IssueGiftCardRequest = z.infer<typeof IssueGiftCardRequest>;
export type GiftCard = z.infer<typeof GiftCard>;
export type IssuedGiftCard = z.infer<typeof IssuedGiftCard>;
export type GiftCardDebitRequest = z.infer<typeof GiftCardDebitRequest>;
export type GiftCardCreditRequest = z.infer<typeof GiftCardCreditRequest>;
export type GiftCardTransaction = z.infer<typeof GiftCardTransaction>;
export type GiftCardWithTransactions = z.infer<typeof GiftCardWithTransactions>;
export type GiftCardBalanceRequest = z.infer<typeof GiftCardBalanceRequest>;
export type GiftCardBalance = z.infer<typeof GiftCardBalance>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The code as stored (before hashing) and compared: upper case, no separators, O→0, I/L→1. */
export function normaliseGiftCardCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** Whether a normalised code has the shape of one we issue (20 Crockford base32 characters). */
export function isGiftCardCodeShape(normalised: string): boolean {
  return normalised.length === 20 && [...normalised].every((c) => CROCKFORD.includes(c));
}

/** A code from 20 random 5-bit values (the caller supplies a CSPRNG), shown as XXXX-XXXX-XXXX-XXXX-XXXX. */
export function formatGiftCardCode(random: Uint8Array): string {
  if (random.length < 20) throw new Error('formatGiftCardCode needs 20 random bytes');
  const chars = [...random.subarray(0, 20)].map((byte) => CROCKFORD[byte & 31]!).join('');
  return chars.match(/.{4}/g)!.join('-');
}
