/**
 * Delivery windows as calendar dates: a shipping option's estimate in business days ("2–4 business
 * days") becomes the dates a shopper can plan around ("Thu 11 – Mon 15 Dec"), computed from the
 * merchant's business days, time zone, daily cut-off time and holidays.
 *
 * Pure functions over plain values (no zod, no DOM): the backend computes the window for each
 * session it answers, the mock backend does the same, and `delivery-format.ts` renders it.
 *
 * The rules, in the merchant's time zone:
 * - an order placed on a business day before the cut-off is dispatched that day; otherwise on the
 *   next business day;
 * - the earliest date is `minDays` business days after dispatch, the latest `maxDays` (0 = the
 *   dispatch day itself);
 * - a business day is a weekday the merchant works (Monday–Friday by default) that is not one of
 *   the merchant's holidays (`YYYY-MM-DD` once, `MM-DD` every year). The same calendar counts the
 *   days in transit: carriers rest on the merchant's holidays too.
 * Dates are computed as civil dates (days since 1970-01-01), never by adding hours to a `Date`, so
 * daylight-saving changes and the time zone of the process running this cannot move a day.
 */
import type { DeliveryEstimate, DeliverySettings, DeliverySettingsInput, DeliveryWindow } from './schemas.js';

/** The settings every merchant starts with (the defaults of the `DeliverySettings` schema). */
export const DEFAULT_DELIVERY_SETTINGS: Readonly<DeliverySettings> = Object.freeze({
  timeZone: 'UTC',
  cutoff: '14:00',
  businessDays: [1, 2, 3, 4, 5],
  holidays: [],
});

/** A window never reaches further than this many calendar days: a calendar with no business day is an error, not a hang. */
const MAX_SEARCH_DAYS = 3 * 366;

const DAY_MS = 86_400_000;

const MINUTE_MS = 60_000;

/**
 * One formatter per time zone, and its last answer: `formatToParts` is the costliest step of a
 * session's delivery windows, and every request within the same minute asks the same question.
 * (Zone offsets are whole minutes, so a UTC minute is one wall-clock minute; the one zone that
 * had seconds in its offset, Africa/Monrovia, dropped them in 1972.)
 */
const wallClocks = new Map<string, { readonly format: Intl.DateTimeFormat; minute: number; value: { readonly date: string; readonly minutes: number } | null }>();

/** The date and time on the wall in `timeZone` at `instant`. */
export function wallClock(instant: Date, timeZone: string): { readonly date: string; readonly minutes: number } {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clock = { format, minute: NaN, value: null };
    wallClocks.set(timeZone, clock);
  }
  const minute = Math.floor(instant.getTime() / MINUTE_MS);
  if (clock.value && clock.minute === minute) return clock.value;
  const part = Object.fromEntries(clock.format.formatToParts(instant).map((p) => [p.type, p.value]));
  const value = { date: `${part.year}-${part.month}-${part.day}`, minutes: Number(part.hour) * 60 + Number(part.minute) };
  clock.minute = minute;
  clock.value = value;
  return value;
}

/** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`). */
export function civilDay(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The ISO date (`YYYY-MM-DD`) of a day counted from 1970-01-01. */
export function isoDate(day: number): string {
  // Civil date from a day count (H. Hinnant's days_from_civil inverse), without a Date per call.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  // Outside four-digit years (or for a fraction of a day) `toISOString` has its own format: use it.
  if (!Number.isInteger(day) || y < 0 || y > 9999) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** ISO weekday of a civil day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day % 7) + 7) % 7) + 3) % 7 + 1;
}

/** A merchant's business calendar, ready to answer many questions. */
export interface DeliveryCalendar {
  isBusinessDay(day: number): boolean;
  /** The first business day after `day`. */
  nextBusinessDay(day: number): number;
  /** The day an order placed at `instant` leaves the warehouse. */
  dispatchDay(instant: Date): number;
}

export function deliveryCalendar(input: DeliverySettingsInput = {}): DeliveryCalendar {
  const settings: DeliverySettings = {
    timeZone: input.timeZone ?? DEFAULT_DELIVERY_SETTINGS.timeZone,
    cutoff: input.cutoff ?? DEFAULT_DELIVERY_SETTINGS.cutoff,
    businessDays: input.businessDays ?? DEFAULT_DELIVERY_SETTINGS.businessDays,
    holidays: input.holidays ?? DEFAULT_DELIVERY_SETTINGS.holidays,
  };
  const workdays = new Set(settings.businessDays);
  const once = new Set(settings.holidays.filter((h) => h.length === 10));
  const yearly = new Set(settings.holidays.filter((h) => h.length === 5));
  const [hours, minutes] = settings.cutoff.split(':').map(Number) as [number, number];
  const cutoff = hours * 60 + minutes;
  const isBusinessDay = (day: number): boolean => {
    if (!workdays.has(isoWeekday(day))) return false;
    if (once.size === 0 && yearly.size === 0) return true;
    const date = isoDate(day);
    return !once.has(date) && !yearly.has(date.slice(5));
  };
  const nextBusinessDay = (day: number): number => {
    for (let next = day + 1; next <= day + MAX_SEARCH_DAYS; next++) if (isBusinessDay(next)) return next;
    throw new RangeError(`No business day within ${MAX_SEARCH_DAYS} days of ${isoDate(day)}: check the business days and holidays`);
  };
  return {
    isBusinessDay,
    nextBusinessDay,
    dispatchDay(instant) {
      const now = wallClock(instant, settings.timeZone);
      const today = civilDay(now.date);
      return isBusinessDay(today) && now.minutes < cutoff ? today : nextBusinessDay(today);
    },
  };
}

/** The business day `count` business days after `day` (`day` itself for 0). */
function addBusinessDays(calendar: DeliveryCalendar, day: number, count: number): number {
  let result = day;
  for (let i = 0; i < count; i++) result = calendar.nextBusinessDay(result);
  return result;
}

/** The dates between which an order placed at `instant` arrives, in the merchant's calendar. */
export function deliveryWindow(estimate: DeliveryEstimate, settings: DeliverySettingsInput | DeliveryCalendar, instant: Date): DeliveryWindow {
  const calendar = 'dispatchDay' in settings ? settings : deliveryCalendar(settings);
  const dispatch = calendar.dispatchDay(instant);
  return {
    earliest: isoDate(addBusinessDays(calendar, dispatch, estimate.minDays)),
    latest: isoDate(addBusinessDays(calendar, dispatch, estimate.maxDays)),
  };
}

/** Each option with its window for an order placed at `instant` (what a session shows the shopper). */
export function withDeliveryWindows<T extends { readonly deliveryEstimate: DeliveryEstimate }>(
  options: readonly T[],
  settings: DeliverySettingsInput,
  instant: Date,
): (T & { deliveryWindow: DeliveryWindow })[] {
  if (options.length === 0) return [];
  const calendar = deliveryCalendar(settings);
  return options.map((option) => ({ ...option, deliveryWindow: deliveryWindow(option.deliveryEstimate, calendar, instant) }));
}
