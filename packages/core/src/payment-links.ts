/**
 * Payment links (docs/omnichannel.md): the merchant API's request and answer. The backend
 * validates with these; the Node SDK types its calls with them.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { CountryCode, CurrencyCode, LineItemInput, Locale, ShippingOption } from './schemas.js';

export const LinkChannel = z.enum(['email', 'sms', 'chat', 'social', 'invoice']);
export const LinkState = z.enum(['active', 'paid', 'expired', 'disabled']);

export const CreatePaymentLinkRequest = z
  .object({
    currency: CurrencyCode,
    country: CountryCode,
    locale: Locale.optional(),
    /** What is sold; or `amount` (minor units) with a `description`. */
    lineItems: z.array(LineItemInput).min(1).max(100).optional(),
    amount: z.number().int().positive().max(99_999_999).optional(),
    description: z.string().trim().min(1).max(200).optional(),
    shippingOptions: z.array(ShippingOption).max(10).default([]),
    /** How long the link can be opened (default 7 days, at most 30). */
    expiresInMinutes: z.number().int().min(5).max(60 * 24 * 30).default(60 * 24 * 7),
    /** A single-use link is paid once; a multiple-use link opens a new checkout each time. */
    singleUse: z.boolean().default(true),
    /** Where the merchant sends it. */
    channel: LinkChannel,
    /**
     * Optional: the merchant's own page with `<omni-handoff redeem>` and `<omni-checkout>` (its
     * origin one of the merchant's allowed origins). Without it the link opens the backend's own
     * hosted pay page (docs/omnichannel.md).
     */
    checkoutUrl: z.string().url().max(2000).optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if ((req.lineItems === undefined) === (req.amount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['lineItems'], message: 'Give either lineItems or an amount' });
    }
  });

export const PaymentLink = z.object({
  id: z.string(),
  object: z.literal('payment_link'),
  /** Send this to the shopper. */
  url: z.string(),
  state: LinkState,
  currency: z.string(),
  country: z.string(),
  locale: z.string().nullable(),
  channel: LinkChannel,
  singleUse: z.boolean(),
  lineItems: z.array(LineItemInput),
  /** The merchant's own checkout page; null when the link opens the backend's hosted pay page. */
  checkoutUrl: z.string().nullable(),
  /** Checkouts opened from it, and how many of them were paid. */
  sessions: z.number().int(),
  paid: z.number().int(),
  expiresAt: z.string(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PaymentLink = z.infer<typeof PaymentLink>;
export type CreatePaymentLinkRequest = z.input<typeof CreatePaymentLinkRequest>;


/** E.164: `+`, the country code and the number, digits only (e.g. `+4915123456789`). */
export const E164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Enter the number in international format, e.g. +4915123456789');

/** Send a link to one shopper: an email address or a mobile number (E.164). */
export const SendPaymentLinkRequest = z.union([
  z.object({ email: z.email('Enter an email address like name@example.com').max(LIMITS.maxEmail) }).strict(),
  z.object({ phone: E164Phone }).strict(),
]);
export type SendPaymentLinkRequest = z.infer<typeof SendPaymentLinkRequest>;

/** A send recorded and queued in the outbox; a retry with the same Idempotency-Key answers the same one. */
export const PaymentLinkSend = z.object({
  id: z.string(),
  object: z.literal('payment_link_send'),
  link: z.string(),
  channel: z.enum(['email', 'sms']),
  /** The recipient, masked (`a•••@e•••.com`, `••• ••42`). */
  to: z.string(),
  createdAt: z.string(),
});
export type PaymentLinkSend = z.infer<typeof PaymentLinkSend>;
