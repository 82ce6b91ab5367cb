/**
 * Delivery windows at the edges delivery.test.ts leaves: a cut-off with minutes, calendars with only
 * one kind of holiday, a calendar built once and reused, and dates outside four-digit years.
 */
import { describe, expect, it } from 'vitest';
import { civilDay, deliveryCalendar, deliveryWindow, isoDate, withDeliveryWindows } from './delivery.js';
import { DeliverySettings } from './schemas.js';

const oneToTwo = { minDays: 1, maxDays: 2 };
/** What Date says the ISO date of a day count is (the reference isoDate must agree with). */
const fromDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

describe('the cut-off', () => {
  it('counts its minutes: an order at 14:29 with a 14:30 cut-off leaves today, at 14:30 tomorrow', () => {
    const settings = { timeZone: 'UTC', cutoff: '14:30' };
    // Tuesday 8 Dec 2026.
    expect(deliveryCalendar(settings).dispatchDay(new Date('2026-12-08T14:29:00Z'))).toBe(civilDay('2026-12-08'));
    expect(deliveryCalendar(settings).dispatchDay(new Date('2026-12-08T14:30:00Z'))).toBe(civilDay('2026-12-09'));
    expect(deliveryWindow(oneToTwo, settings, new Date('2026-12-08T14:15:00Z'))).toEqual({ earliest: '2026-12-09', latest: '2026-12-10' });
  });
});

describe('holidays of one kind only', () => {
  it('one-off dates alone are skipped', () => {
    const calendar = deliveryCalendar({ holidays: ['2026-12-31'] });
    expect(calendar.isBusinessDay(civilDay('2026-12-31'))).toBe(false);
    expect(calendar.isBusinessDay(civilDay('2026-12-30'))).toBe(true);
    expect(calendar.nextBusinessDay(civilDay('2026-12-30'))).toBe(civilDay('2027-01-01'));
  });

  it('yearly dates alone are skipped every year', () => {
    const calendar = deliveryCalendar({ holidays: ['12-25'] });
    for (const year of [2026, 2030]) expect(calendar.isBusinessDay(civilDay(`${year}-12-25`)), String(year)).toBe(false);
    // Friday 25 Dec 2026: ordered Thursday 24 after the cut-off, it leaves Monday 28.
    expect(calendar.dispatchDay(new Date('2026-12-24T15:00:00Z'))).toBe(civilDay('2026-12-28'));
  });
});

describe('a calendar built once', () => {
  it('is used as given, not rebuilt from defaults', () => {
    // A Saturday-only warehouse in Seoul: ordered Friday 11 Dec, leaves Saturday 12, arrives the next two Saturdays.
    const calendar = deliveryCalendar({ timeZone: 'Asia/Seoul', businessDays: [6] });
    expect(deliveryWindow(oneToTwo, calendar, new Date('2026-12-11T01:00:00Z'))).toEqual({ earliest: '2026-12-19', latest: '2026-12-26' });
  });

  it('no options, no windows', () => {
    expect(withDeliveryWindows([], {}, new Date('2026-12-08T09:00:00Z'))).toEqual([]);
  });
});

describe('ISO dates', () => {
  it('agree with Date for negative years, five-digit years and parts of a day', () => {
    for (const day of [civilDay('0000-01-01') - 1, civilDay('0000-01-01') - 400, civilDay('9999-12-31') + 1, civilDay('9999-12-31') + 800, 0.5, 20_000.25, -0.5]) {
      expect(isoDate(day), String(day)).toBe(fromDate(day));
    }
  });

  it('across many eras, four centuries at a time', () => {
    for (let day = -700_000; day <= 2_900_000; day += 36_525) expect(isoDate(day), String(day)).toBe(fromDate(day));
  });
});

describe('DeliverySettings', () => {
  it('accepts a working week the merchant names, each day once', () => {
    expect(DeliverySettings.parse({ businessDays: [6, 7] }).businessDays).toEqual([6, 7]);
    expect(DeliverySettings.safeParse({ businessDays: [6, 6] }).error?.issues[0]?.message).toBe('Each weekday once');
  });
});
