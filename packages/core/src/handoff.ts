/**
 * Handoff to another device (docs/omnichannel.md, docs/security.md R28): the schemas of the
 * handoff routes, the live status a first screen follows, and a small client for both sides.
 *
 * - the desktop mints a single-use, short-lived token for its session (authorised by its client
 *   secret) and shows it as a QR code and a link;
 * - the phone redeems the token once and receives a credential of its own for the same session
 *   (never the desktop's client secret);
 * - the desktop follows the session live (Server-Sent Events read through `fetch`, so the
 *   publishable key and the client secret stay in headers; polling when the stream fails).
 */
import { z } from 'zod';

/** A handoff token in a link: 16 random bytes as base64url (128 bits, 22 characters). */
export const HandoffTokenText = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Not a handoff token');

export const CreateHandoffResponse = z.object({
  object: z.literal('handoff_token'),
  token: HandoffTokenText,
  expiresAt: z.string(),
});
export type CreateHandoffResponse = z.infer<typeof CreateHandoffResponse>;

export const RedeemHandoffRequest = z.object({ token: z.string().max(200) }).strict();
export type RedeemHandoffRequest = z.infer<typeof RedeemHandoffRequest>;

export const RedeemHandoffResponse = z.object({
  object: z.literal('handoff_device'),
  sessionId: z.string(),
  /** This device's own credential for the session; use it as the checkout's client secret. */
  clientSecret: z.string(),
  deviceId: z.string(),
});
export type RedeemHandoffResponse = z.infer<typeof RedeemHandoffResponse>;

/**
 * - `none`: nothing handed off;
 * - `waiting`: a token is out, no device opened it;
 * - `opened`: a device opened the checkout;
 * - `paying`: a payment is running (or waits for 3-D Secure);
 * - `paid`: the session is paid (`orderId`).
 */
export const HandoffState = z.enum(['none', 'waiting', 'opened', 'paying', 'paid']);
export type HandoffState = z.infer<typeof HandoffState>;

export const HandoffStatus = z.object({
  object: z.literal('handoff_status'),
  sessionId: z.string(),
  state: HandoffState,
  openedAt: z.string().nullable(),
  /** `handoff` when a handed-off device paid; null when the first device paid or nothing is paid. */
  paidChannel: z.literal('handoff').nullable(),
  /** The device that paid (`hd_…`), when it was a handed-off one. */
  paidDevice: z.string().nullable(),
  orderId: z.string().nullable(),
});
export type HandoffStatus = z.infer<typeof HandoffStatus>;


/**
 * Resume on another device (docs/omnichannel.md, "Resume on another device"): a recognised shopper
 * with consent at the merchant, signed in on a new session, is offered their most recent other
 * unfinished checkout there (its lines and total only) within the merchant's window.
 */
export const ResumeOffer = z.object({
  object: z.literal('resume_offer'),
  /** The unfinished session (not a credential: it opens nothing by itself). */
  sessionId: z.string(),
  lineItems: z.array(z.object({ name: z.string(), quantity: z.number().int(), unitAmount: z.number().int() })),
  /** Lines and the chosen shipping, in minor units of `currency`. */
  total: z.number().int(),
  currency: z.string(),
  /** When the shopper last worked on it. */
  touchedAt: z.string(),
});
export type ResumeOffer = z.infer<typeof ResumeOffer>;

export const ResumeOfferResponse = z.object({ offer: ResumeOffer.nullable() });
export type ResumeOfferResponse = z.infer<typeof ResumeOfferResponse>;

export const ResumeRequest = z.object({ sessionId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/) }).strict();
export type ResumeRequest = z.infer<typeof ResumeRequest>;

export const ResumeResponse = z.object({
  object: z.literal('resume_device'),
  sessionId: z.string(),
  /** This device's own credential for the resumed session (never its client secret); use it as the checkout's client secret. */
  clientSecret: z.string(),
  deviceId: z.string(),
  /** The shopper's sign-in carried over to the resumed session (same assurance, same expiry). */
  shopperToken: z.string(),
});
export type ResumeResponse = z.infer<typeof ResumeResponse>;
