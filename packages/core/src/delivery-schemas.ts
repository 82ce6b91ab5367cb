/**
 * The delivery shapes of the boundary schemas (schemas.ts re-exports them): how long a shipping
 * option takes, the calendar window a shipment arrives in, and a merchant's delivery settings
 * (core `delivery.ts` computes windows from them).
 */
import { z } from 'zod';

export const DeliveryEstimate = z
  .object({
    minDays: z.number().int().min(0).max(365),
    maxDays: z.number().int().min(0).max(365),
  })
  .strict()
  .refine((d) => d.minDays <= d.maxDays, { message: 'minDays must not exceed maxDays', path: ['maxDays'] });

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use an ISO date, e.g. 2026-12-24')
  .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), { message: 'No such date' });

/** The dates between which a shipment arrives, computed by the backend (core `deliveryWindow`). */
export const DeliveryWindow = z.object({
  /** The first date the order can arrive, `YYYY-MM-DD` in the merchant's time zone. */
  earliest: IsoDate,
  /** The last date it should arrive (the same as `earliest` for a one-day window). */
  latest: IsoDate,
});

const isTimeZoneName = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/**
 * How a merchant's orders leave the warehouse, for delivery windows (core `delivery.ts`): every
 * field has a default, so `{}` is a Monday–Friday merchant in UTC with a 14:00 cut-off.
 */
export const DeliverySettings = z
  .object({
    /** IANA time zone of the warehouse, e.g. `Europe/Warsaw`. */
    timeZone: z.string().max(64).refine(isTimeZoneName, { message: 'Unknown time zone, use an IANA name like Europe/Warsaw' }).default('UTC'),
    /** Orders placed before this local time on a business day leave the same day (24-hour `HH:MM`). */
    cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time, e.g. 14:00').default('14:00'),
    /** ISO weekdays the merchant ships and carriers deliver on: 1 = Monday … 7 = Sunday. */
    businessDays: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'Name at least one business day')
      .max(7)
      .refine((days) => new Set(days).size === days.length, { message: 'Each weekday once' })
      .default([1, 2, 3, 4, 5]),
    /** Days nobody ships or delivers: `YYYY-MM-DD` for one date, `MM-DD` for every year. */
    holidays: z
      .array(z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use YYYY-MM-DD, or MM-DD for every year'))
      .max(500)
      .default([]),
  })
  .strict();

export type DeliveryEstimate = z.infer<typeof DeliveryEstimate>;
export type DeliveryWindow = z.infer<typeof DeliveryWindow>;
export type DeliverySettings = z.infer<typeof DeliverySettings>;
/** Delivery settings as a merchant gives them: every field optional. */
export type DeliverySettingsInput = z.input<typeof DeliverySettings>;
