/**
 * The one source of truth for every shape that crosses a boundary: merchant server → backend,
 * page → backend, backend → page. Request schemas are strict (unknown fields are errors).
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { safeString } from './text.js';
import { DeliveryEstimate, DeliveryWindow } from './delivery-schemas.js';
import { text, optionalText, Id, CurrencyCode, CountryCode, MinorAmount, Locale, Channel, PaidChannel, DeviceClass, PaidVia } from './primitive-schemas.js';

export { LIMITS };
export * from './text.js';
/** Delivery estimates, windows and settings (delivery-schemas.ts). */
export { DeliveryEstimate, DeliverySettings, DeliveryWindow, IsoDate, type DeliverySettingsInput } from './delivery-schemas.js';
/** Text fields, ids, codes, amounts and channels (primitive-schemas.ts). */
export * from './primitive-schemas.js';

export const LineItemInput = z
  .object({
    id: Id,
    name: text(),
    unitAmount: MinorAmount,
    quantity: z
      .number()
      .int('Quantity must be a whole number')
      .min(1, 'Quantity must be at least 1')
      .max(LIMITS.maxQuantity, `Quantity must be at most ${LIMITS.maxQuantity}`),
  })
  .strict();

export const LineItem = LineItemInput.extend({
  /** unitAmount × quantity, computed by the backend. */
  amount: MinorAmount,
});

export const ShippingOption = z
  .object({
    id: Id,
    label: text(),
    amount: MinorAmount,
    deliveryEstimate: DeliveryEstimate,
  })
  .strict();

/** A shipping option as a session or an order shows it: with its delivery window. */
export const SessionShippingOption = ShippingOption.extend({
  /** Calendar dates for `deliveryEstimate`, computed by the backend when it answers (absent from backends before it). */
  deliveryWindow: DeliveryWindow.optional(),
});

/** How the shopper hears about the order after paying (confirmation, shipped, delivered, return received, refunded). */
export const NotifyBy = z.enum(['email', 'sms', 'email_sms']);

/** A mobile number in E.164 (`+48501234567`): the page formats what the shopper typed, the backend checks it is a real number. */
export const E164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Enter a mobile number with its country code, like +48 501 234 567');

export const Contact = z
  .object({
    email: z.email('Enter an email address like name@example.com').max(LIMITS.maxEmail),
    /** For order updates by SMS; required when `notifyBy` includes SMS. */
    phone: E164Phone.optional(),
    /** Absent: by email only (what backends before the choice did). */
    notifyBy: NotifyBy.optional(),
  })
  .strict()
  .superRefine((contact, ctx) => {
    if (contact.notifyBy && contact.notifyBy !== 'email' && !contact.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter a mobile number to get order updates by SMS' });
    }
  });

export const PostalAddress = z
  .object({
    name: text(),
    line1: text(),
    line2: optionalText(),
    /** Dependent locality (district, neighbourhood…) where the country's format has one (KR, CN, BR, MX…). */
    dependentLocality: optionalText(100),
    city: text(100),
    region: optionalText(100),
    postalCode: optionalText(20),
    /** Sorting code (CEDEX…) where the country's format has one. */
    sortingCode: optionalText(20),
    country: CountryCode,
    phone: optionalText(32),
  })
  .strict();

export const Metadata = z
  .record(safeString().min(1).max(40), safeString().max(500))
  .refine((m) => Object.keys(m).length <= LIMITS.maxMetadataKeys, {
    message: `At most ${LIMITS.maxMetadataKeys} metadata keys`,
  });

// ── Merchant (secret key) API ───────────────────────────────────────────────────────────────

/** When the money of a payment is taken: at payment (`automatic`) or later by the merchant (`manual`). */
export const CaptureMethod = z.enum(['automatic', 'manual']);
export type CaptureMethod = z.infer<typeof CaptureMethod>;

export const CreateCheckoutSessionRequest = z
  .object({
    currency: CurrencyCode,
    country: CountryCode,
    lineItems: z.array(LineItemInput).min(1, 'Add at least one line item').max(LIMITS.maxLineItems),
    shippingOptions: z.array(ShippingOption).max(LIMITS.maxShippingOptions).default([]),
    locale: Locale.optional(),
    channel: Channel.default('web'),
    metadata: Metadata.optional(),
    /**
     * `automatic` (default): the payment is taken when the shopper pays and the order is `paid`.
     * `manual`: the payment is only authorised; the order is `authorized` until the merchant captures
     * it (`POST /v1/orders/{id}/capture`, e.g. at fulfilment) or cancels it (`POST /v1/orders/{id}/cancel`).
     */
    captureMethod: CaptureMethod.optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    const ids = new Set<string>();
    req.lineItems.forEach((item, i) => {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: ['lineItems', i, 'id'], message: 'Duplicate line item id' });
      ids.add(item.id);
    });
    const shipIds = new Set<string>();
    req.shippingOptions.forEach((opt, i) => {
      if (shipIds.has(opt.id)) ctx.addIssue({ code: 'custom', path: ['shippingOptions', i, 'id'], message: 'Duplicate shipping option id' });
      shipIds.add(opt.id);
    });
  });

export const Totals = z.object({
  subtotal: MinorAmount,
  shipping: MinorAmount,
  total: MinorAmount,
});

/**
 * `cash_on_delivery` is the backend's own: no provider is called, the order waits (`authorized`) until
 * the merchant marks it paid or refused on delivery (docs/payment-methods.md).
 */
export const ProviderId = z.enum(['mock', 'stripe', 'paypal', 'moyasar', 'cash_on_delivery']);

/**
 * Every way to pay the product knows, whatever provider carries it. The markets table
 * (`markets.ts`) orders them per country and currency; a provider says which it can carry.
 */
export const PaymentMethodType = z.enum([
  'card',
  'apple_pay',
  'google_pay',
  'link',
  'paypal',
  'paylater',
  'venmo',
  'klarna',
  'afterpay_clearpay',
  'blik',
  'p24',
  'ideal',
  'bancontact',
  'eps',
  'sepa_debit',
  'swish',
  'alipay',
  'wechat_pay',
  'mobilepay',
  'vipps',
  'twint',
  'kakao_pay',
  'naver_pay',
  'mada',
  'stc_pay',
  'card_installments',
  'konbini',
  'pix',
  'boleto',
  'cash_on_delivery',
  'gift_card',
]);

export const NextAction = z.object({
  /**
   * What the shopper must do: approve a 3-D Secure challenge, follow a redirect (a bank page,
   * Klarna, Alipay), approve in their bank app (BLIK), or scan a QR code with their phone (Swish,
   * WeChat Pay). The last two wait in the checkout, which polls until the provider says how it ended.
   */
  type: z.enum(['challenge', 'redirect', 'approve_in_app', 'display_qr']),
  provider: ProviderId,
  /** Provider payment reference the action belongs to. */
  reference: z.string(),
  /** Provider-specific data the client half understands (e.g. a challenge id). */
  data: z.record(z.string(), z.string()),
});

export const PaymentError = z.object({
  code: z.string(),
  message: z.string(),
  declineCode: z.string().optional(),
});

export const SessionStatus = z.enum(['open', 'processing', 'requires_action', 'complete', 'expired']);

const MethodList = z.array(PaymentMethodType).max(40);

/** A merchant's changes to a market's default methods (core `marketMethods`), globally or per country. */
export const PaymentMethodOverrides = z
  .object({
    /** Turns on methods the market does not offer by default; required for cash on delivery and gift cards. */
    enable: MethodList.optional(),
    /** Never offered. */
    disable: MethodList.optional(),
    /** These first, in this order. */
    order: MethodList.optional(),
  })
  .strict();

const CodCurrencies = z
  .record(CurrencyCode, MinorAmount)
  .refine((entries) => Object.keys(entries).length <= 50, { message: 'At most 50 currencies' });

/**
 * Cash on delivery (issue 18): offered only in the countries where the merchant enables the method
 * (`enable`, globally or per country), only in a currency with a `maximum`, and only while the total
 * with the fee is at most that maximum. The fee is added to what the shopper pays on delivery.
 */
export const CashOnDeliverySettings = z
  .object({
    /** Per currency, the largest total (fee included) the courier collects, in minor units; a currency without one is not offered. */
    maximum: CodCurrencies,
    /** Per currency, the merchant's fee in minor units (none: free). */
    fee: CodCurrencies.optional(),
  })
  .strict();

export const PaymentMethodSettings = PaymentMethodOverrides.extend({
  /** Per-country overrides, keyed by ISO 3166-1 code. */
  countries: z
    .record(CountryCode, PaymentMethodOverrides)
    .refine((countries) => Object.keys(countries).length <= 250, { message: 'At most 250 countries' })
    .optional(),
  cashOnDelivery: CashOnDeliverySettings.optional(),
}).strict();

/** One way to pay in a session, in the market's order, with the provider that carries it. */
export const SessionPaymentMethod = z.object({
  type: PaymentMethodType,
  provider: ProviderId,
  /**
   * Always true from this backend: a method no provider can take now is left out of the list and
   * its reason goes to the merchant (`hiddenPaymentMethods`). Kept so pages built before still read it.
   */
  available: z.boolean(),
  /** What the merchant adds for this method, in minor units (cash on delivery's fee): the total paid is the session's total plus this. */
  fee: z.number().int().min(0).optional(),
});

/** A method the session does not show, and why: for the merchant's developer, never the shopper (docs/payment-methods.md). */
export const HiddenPaymentMethod = z.object({
  type: PaymentMethodType,
  reason: z.enum(['not_enabled', 'disabled_by_merchant', 'unsupported_country', 'unsupported_currency', 'no_provider', 'test_mode', 'amount_below_minimum', 'amount_above_maximum']),
  /** The provider the reason is about (`test_mode`, amount limits), else null. */
  provider: ProviderId.nullable(),
  message: z.string(),
});

/** `GET /v1/checkout-sessions/{id}/payment-methods/diagnostics`: what the session shows and what it hides, with reasons. */
export const PaymentMethodDiagnostics = z.object({
  object: z.literal('payment_method_diagnostics'),
  session: z.string(),
  country: z.string(),
  currency: z.string(),
  /** The session's total in minor units, which amount limits are checked against. */
  amount: z.number().int(),
  shown: z.array(SessionPaymentMethod),
  hidden: z.array(HiddenPaymentMethod),
});

/** One provider of a session, as the page sees it. */
export const SessionProvider = z.object({
  id: ProviderId,
  /** Public configuration for the provider's client half (e.g. a publishable key); never a secret. */
  config: z.record(z.string(), z.string()),
  methods: z.array(PaymentMethodType),
});

/** The session as the page sees it (never contains the client secret). */
export const CheckoutSession = z.object({
  id: z.string(),
  object: z.literal('checkout_session'),
  status: SessionStatus,
  livemode: z.boolean(),
  merchant: z.object({ name: z.string() }),
  currency: z.string(),
  country: z.string(),
  locale: z.string().nullable(),
  channel: Channel,
  /** Once paid: the channel and the class of the device that paid (null before). */
  paidVia: PaidVia.nullable().optional(),
  lineItems: z.array(LineItem),
  shippingOptions: z.array(SessionShippingOption),
  selectedShippingOptionId: z.string().nullable(),
  contact: Contact.nullable(),
  shippingAddress: PostalAddress.nullable(),
  totals: Totals,
  /** The default provider (the first of `providers`), kept for pages written before several providers. */
  provider: z.object({ id: ProviderId, config: z.record(z.string(), z.string()) }),
  /**
   * Every provider that can take a payment for this session, in the merchant's order, with its
   * public configuration and the payment methods it carries here (a method is carried by the
   * first provider that supports it, so the lists do not overlap).
   */
  providers: z.array(SessionProvider),
  /**
   * Every way to pay offered here, in the market's order (local methods first) after the merchant's
   * overrides, each with the provider that carries it. Methods a provider can only show (the mock
   * in test mode) come with `available: false`, so the page says so instead of pretending.
   */
  paymentMethods: z.array(SessionPaymentMethod),
  /**
   * Test mode only: the methods the market or merchant names that this session does not show, with
   * reasons (the page's development build logs them). Live sessions: the diagnostics call.
   */
  hiddenPaymentMethods: z.array(HiddenPaymentMethod).optional(),
  nextAction: NextAction.nullable(),
  lastPaymentError: PaymentError.nullable(),
  orderId: z.string().nullable(),
  expiresAt: z.string(),
  /** True when the shop can send order updates by SMS: the page offers the choice (`contact.notifyBy`). Absent: by email only. */
  smsUpdates: z.boolean().optional(),
});

export const CreateCheckoutSessionResponse = z.object({
  id: z.string(),
  /** Give this to the page (as a property, never an attribute or URL); it authorises `/v1/client/*`. */
  clientSecret: z.string(),
  session: CheckoutSession,
});

/**
 * `paid`: the money was taken. `authorized`: a manual-capture payment is authorised and waits for the
 * merchant's capture or cancel. `canceled`: the authorisation was released (voided); nothing was taken.
 */
export const OrderStatus = z.enum(['authorized', 'paid', 'canceled']);

export const Order = z.object({
  id: z.string(),
  object: z.literal('order'),
  sessionId: z.string(),
  status: OrderStatus,
  /** What the shopper paid, or for an `authorized` order what was authorised. */
  amount: MinorAmount,
  /** What was taken: `amount` for a paid order, the captured part after a partial capture, 0 while authorised or once canceled. */
  amountCaptured: MinorAmount.optional(),
  currency: z.string(),
  lineItems: z.array(LineItem),
  /** The option as the shopper chose it, with the delivery window computed when the order was placed. */
  shippingOption: SessionShippingOption.nullable(),
  contact: Contact.nullable(),
  shippingAddress: PostalAddress.nullable(),
  provider: ProviderId,
  paymentReference: z.string(),
  /** The channel the order was paid through and the class of the device that paid (absent on orders older than their recording). */
  channel: PaidChannel.optional(),
  device: DeviceClass.nullable().optional(),
  createdAt: z.string(),
});


export const PaymentMethodSummary = z.object({
  provider: ProviderId,
  /** Provider reference (e.g. Stripe `pm_...`); never card data. */
  reference: z.string(),
  /** `visa`, `mastercard`, … for cards; `paypal` or `venmo` for wallets. */
  brand: z.string(),
  /** Cards only: last 4 digits and expiry. */
  last4: z.string().regex(/^\d{4}$/).optional(),
  expMonth: z.number().int().min(1).max(12).optional(),
  expYear: z.number().int().min(2000).max(2100).optional(),
  /** Wallets only (PayPal, Venmo): the account, masked (`a•••@example.com`); never a full email. */
  account: z.string().max(100).optional(),
});

// ── Client (publishable key + client secret) API ───────────────────────────────────────────

export const SetContactRequest = Contact;
export const SetShippingAddressRequest = PostalAddress;
export const SetShippingOptionRequest = z.object({ shippingOptionId: Id }).strict();

export const ConfirmRequest = z
  .object({
    /** Provider payment-method reference produced by the provider's own fields. */
    paymentMethod: safeString().min(1).max(255),
    /** The provider whose method this is; one of the session's `providers`. Defaults to the first. */
    provider: ProviderId.optional(),
    /**
     * The page to come back to after a redirect-based method or a bank page (the confirming page,
     * without secrets); its origin must be one the merchant allows.
     */
    returnUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    /** What this payment needs besides the method: the six-digit BLIK code from the shopper's bank app. */
    paymentMethodOptions: z
      .object({ blik: z.object({ code: z.string().regex(/^\d{6}$/, 'A BLIK code is 6 digits') }).strict().optional() })
      .strict()
      .optional(),
    /** Ignored: the amount always comes from the session (docs/security.md R9). Accepted so a tampered client is not rewarded with a different code path. */
    amount: z.unknown().optional(),
    /** Ignored, as `amount`. */
    currency: z.unknown().optional(),
  })
  .strict();

/** Body of `POST /v1/client/checkout-sessions/:id/prepare` (providers with a server-side prepare step, e.g. PayPal). */
export const PrepareRequest = z
  .object({
    /** The method the shopper clicked, e.g. `paypal`, `paylater`, `venmo`. */
    method: PaymentMethodType,
    /** A reference prepared before for this session: update it to the session's current amount. */
    reference: z.string().min(1).max(255).regex(/^[A-Za-z0-9_.:-]+$/).optional(),
    /** The shopper picks the shipping address in the provider's window. */
    express: z.boolean().optional(),
    /** The provider to prepare with; by default the session's provider that carries `method`. */
    provider: ProviderId.optional(),
  })
  .strict();

export const PrepareResponse = z.object({
  reference: z.string(),
  /** The provider that prepared it: confirm names it (`{ paymentMethod: reference, provider }`). */
  provider: ProviderId,
  session: CheckoutSession,
});

export const ConfirmResponse = z.object({
  status: z.enum(['succeeded', 'requires_action']),
  session: CheckoutSession,
  order: Order.nullable(),
});

export type LineItemInput = z.infer<typeof LineItemInput>;
export type LineItem = z.infer<typeof LineItem>;
export type ShippingOption = z.infer<typeof ShippingOption>;
export type SessionShippingOption = z.infer<typeof SessionShippingOption>;
export type Contact = z.infer<typeof Contact>;
export type NotifyBy = z.infer<typeof NotifyBy>;
export type PostalAddress = z.infer<typeof PostalAddress>;
export type CreateCheckoutSessionRequest = z.input<typeof CreateCheckoutSessionRequest>;
export type CreateCheckoutSessionResponse = z.infer<typeof CreateCheckoutSessionResponse>;
export type Totals = z.infer<typeof Totals>;
export type ProviderId = z.infer<typeof ProviderId>;
export type NextAction = z.infer<typeof NextAction>;
export type PaymentError = z.infer<typeof PaymentError>;
export type SessionStatus = z.infer<typeof SessionStatus>;
/**
 * Gift cards and store credit on a session (docs/payment-methods.md). Their zod schema is
 * `CheckoutSessionWithTenders` (gift-cards.ts), kept out of the page's bundle; the page only reads them.
 */
interface SessionTenderFields {
  /** Gift cards (and a recognised shopper's store credit) can be applied: the merchant offers `gift_card` in this market. */
  giftCards?: boolean;
  /** Applied, each with what it takes of the total (absent: none). */
  tenders?: { id: string; kind: 'gift_card' | 'store_credit'; last4: string | null; amount: number; currency: string }[];
  /** What is left for a provider after `tenders` (absent: `totals.total`); 0 when they pay everything. */
  amountDue?: number;
}
export type CheckoutSession = z.infer<typeof CheckoutSession> & SessionTenderFields;
export type SessionProvider = z.infer<typeof SessionProvider>;
export type Order = z.infer<typeof Order>;
export type PaymentMethodSummary = z.infer<typeof PaymentMethodSummary>;
export type PaymentMethodType = z.infer<typeof PaymentMethodType>;
export type PaymentMethodSettings = z.infer<typeof PaymentMethodSettings>;
export type CashOnDeliverySettings = z.infer<typeof CashOnDeliverySettings>;
export type SessionPaymentMethod = z.infer<typeof SessionPaymentMethod>;
export type HiddenPaymentMethod = z.infer<typeof HiddenPaymentMethod>;
export type PaymentMethodDiagnostics = z.infer<typeof PaymentMethodDiagnostics>;
export type SetShippingOptionRequest = z.infer<typeof SetShippingOptionRequest>;
export type ConfirmRequest = z.infer<typeof ConfirmRequest>;
export type ConfirmResponse = z.infer<typeof ConfirmResponse>;
export type PrepareRequest = z.infer<typeof PrepareRequest>;
export type PrepareResponse = z.infer<typeof PrepareResponse>;
