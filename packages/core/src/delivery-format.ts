/**
 * Renders a delivery window (core `delivery.ts`) in the shopper's language through
 * `Intl.DateTimeFormat#formatRange`: "Tue, Dec 9 – Thu, Dec 11" in en, "wt., 9 gru–czw., 11 gru" in
 * pl, "12월 9일 (화)~11일 (목)" in ko. The dates are calendar dates in the merchant's time zone, so
 * they are formatted in UTC, where a `YYYY-MM-DD` date starts at midnight and cannot shift a day
 * with the shopper's own time zone. No zod, no DOM: safe for the components' entry chunk.
 */
import type { DeliveryWindow } from './schemas.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    formats.set(locale, format);
  }
  return format;
}

const utcDate = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);

/**
 * "Tue, Dec 9 – Thu, Dec 11" (one date when the window is one day; years appear only when the
 * window crosses one) in `locale`, a BCP 47 tag such as the shopper's `lang`.
 */
export function formatDeliveryWindow(window: DeliveryWindow, locale: string): string {
  const format = dateFormat(locale);
  return window.earliest === window.latest
    ? format.format(utcDate(window.earliest))
    : format.formatRange(utcDate(window.earliest), utcDate(window.latest));
}
