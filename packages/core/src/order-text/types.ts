/**
 * The words of the order-status page (`<omni-order-status>`) and of the shopper's notifications
 * (email and SMS, rendered by the backend), in one catalog per language, so the page and the
 * messages say the same thing. Plurals go through `Intl.PluralRules` of the catalog's language.
 */
import type { OrderLifecycleState } from '../order-status.js';

export interface OrderText {
  readonly $code: string;
  readonly $dir: 'ltr' | 'rtl';
  /** Heading of the page. */
  readonly title: string;
  readonly orderNumber: (id: string) => string;
  readonly states: Readonly<Record<OrderLifecycleState, string>>;
  /** The delivery window promised at checkout, as dates already formatted. */
  readonly deliveryBetween: (from: string, to: string) => string;
  readonly deliveryOn: (date: string) => string;
  readonly timeline: string;
  readonly shipments: string;
  /** "2 items" with the language's plural forms. */
  readonly itemCount: (count: number) => string;
  readonly trackingNumber: string;
  /** Link text to the carrier's tracking page. */
  readonly track: (carrier: string) => string;
  readonly items: string;
  readonly total: string;
  /** The return form. */
  readonly returnItems: string;
  readonly returnQuantity: (name: string) => string;
  readonly returnReason: string;
  readonly sendReturn: string;
  readonly chooseAnItem: string;
  readonly reasonRequired: string;
  readonly returnSent: string;
  readonly returns: string;
  readonly returnStates: Readonly<Record<'requested' | 'approved' | 'refused' | 'refunded', string>>;
  readonly returnInstructions: string;
  readonly returnLabel: string;
  readonly refusedBecause: (reason: string) => string;
  /** Refund progress: how much of the total came back. */
  readonly refunded: (refunded: string, total: string) => string;
  readonly refundPending: (amount: string) => string;
  readonly refundFailed: string;
  readonly cancelOrder: string;
  readonly confirmCancel: string;
  readonly keepOrder: string;
  readonly invalidLink: string;
  readonly loadError: string;
  /** Notifications: subject line, first paragraph, and the link to this page. */
  readonly mail: {
    readonly subjects: Readonly<Record<NotificationKind, (shop: string, orderId: string) => string>>;
    readonly intros: Readonly<Record<NotificationKind, (shop: string) => string>>;
    readonly viewOrder: string;
    readonly totalPaid: (amount: string) => string;
    /** A cash-on-delivery order: what the shopper pays the courier (nothing is paid yet). */
    readonly totalOnDelivery: (amount: string) => string;
    /** The line of the cash-on-delivery fee, beside the items and shipping. */
    readonly cashOnDeliveryFee: string;
    readonly refundAmount: (amount: string) => string;
    /** SMS: one short line, then the link. */
    readonly sms: Readonly<Record<NotificationKind, (shop: string) => string>>;
  };
  /** The recognised shopper's list of their orders at the shop (when the page has a shopper token and no status link). */
  readonly orderList: {
    readonly title: string;
    readonly empty: string;
    /** "Ordered on <date>", the date already formatted. */
    readonly placed: (date: string) => string;
    /** Accessible name of the button that opens one order. */
    readonly open: (orderId: string) => string;
    /** Shown when the page holds the newest orders only. */
    readonly more: string;
    /** Back from one order to the list. */
    readonly back: string;
    readonly loadError: string;
  };
  /** How the order was paid: "Paid via: Payment link · Phone" (the order's `channel` and `device`). */
  readonly paidVia: {
    readonly label: string;
    readonly channels: Readonly<Record<'web' | 'app' | 'kiosk' | 'pos' | 'link' | 'handoff', string>>;
    readonly devices: Readonly<Record<'desktop' | 'phone' | 'tablet' | 'kiosk', string>>;
  };
}

export type NotificationKind = 'confirmed' | 'shipped' | 'delivered' | 'return_received' | 'refunded';
