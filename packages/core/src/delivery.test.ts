import { afterEach, describe, expect, it } from 'vitest';
import { civilDay, DEFAULT_DELIVERY_SETTINGS, deliveryCalendar, deliveryWindow, isoDate, isoWeekday, wallClock, withDeliveryWindows } from './delivery.js';
import { formatDeliveryWindow } from './delivery-format.js';
import { CheckoutSession, DeliverySettings, DeliveryWindow } from './schemas.js';

const twoToFour = { minDays: 2, maxDays: 4 };
const warsaw = { timeZone: 'Europe/Warsaw' };

describe('civil days', () => {
  it('round-trips ISO dates and knows the weekday', () => {
    for (const date of ['1970-01-01', '2024-02-29', '2026-03-29', '2026-12-09', '2099-12-31']) expect(isoDate(civilDay(date))).toBe(date);
    expect(isoWeekday(civilDay('1970-01-01'))).toBe(4); // Thursday
    expect(isoWeekday(civilDay('2026-12-07'))).toBe(1); // Monday
    expect(isoWeekday(civilDay('2026-12-13'))).toBe(7); // Sunday
    expect(isoWeekday(civilDay('1969-12-29'))).toBe(1); // before the epoch too
  });

  it('reads the wall clock of a time zone, not of the process', () => {
    expect(wallClock(new Date('2026-12-08T23:30:00Z'), 'Europe/Warsaw')).toEqual({ date: '2026-12-09', minutes: 30 });
    expect(wallClock(new Date('2026-12-09T03:30:00Z'), 'America/Los_Angeles')).toEqual({ date: '2026-12-08', minutes: 19 * 60 + 30 });
    expect(wallClock(new Date('2026-12-09T00:00:00Z'), 'UTC')).toEqual({ date: '2026-12-09', minutes: 0 });
  });

  it('writes the same ISO date as Date#toISOString, from year 0 to 9999', () => {
    const first = civilDay('0000-01-01');
    const last = civilDay('9999-12-31');
    for (let day = first; day <= last; day += 13) expect(isoDate(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    expect(isoDate(last)).toBe('9999-12-31');
    expect(isoDate(last + 1)).toBe(new Date((last + 1) * 86_400_000).toISOString().slice(0, 10));
  });

  it('answers each minute afresh though it remembers the last answer per time zone', () => {
    // The same minute twice (from memory), then the next minute and the next day, in two zones alternately.
    const at = (iso: string, zone: string) => wallClock(new Date(iso), zone);
    expect(at('2026-12-08T22:59:10Z', 'Europe/Warsaw')).toEqual({ date: '2026-12-08', minutes: 23 * 60 + 59 });
    expect(at('2026-12-08T22:59:50Z', 'Europe/Warsaw')).toEqual({ date: '2026-12-08', minutes: 23 * 60 + 59 });
    expect(at('2026-12-08T22:59:50Z', 'America/Los_Angeles')).toEqual({ date: '2026-12-08', minutes: 14 * 60 + 59 });
    expect(at('2026-12-08T23:00:00Z', 'Europe/Warsaw')).toEqual({ date: '2026-12-09', minutes: 0 });
    expect(at('2026-12-08T22:59:59Z', 'Europe/Warsaw')).toEqual({ date: '2026-12-08', minutes: 23 * 60 + 59 });
    expect(at('2026-12-09T22:59:30Z', 'Europe/Warsaw')).toEqual({ date: '2026-12-09', minutes: 23 * 60 + 59 });
  });
});

describe('deliveryWindow', () => {
  it('counts business days from today when the order is placed before the cut-off', () => {
    // Tuesday 8 Dec 2026, 10:00 in Warsaw (09:00 UTC): dispatched today, 2–4 business days.
    expect(deliveryWindow(twoToFour, warsaw, new Date('2026-12-08T09:00:00Z'))).toEqual({ earliest: '2026-12-10', latest: '2026-12-14' });
    expect(deliveryWindow(twoToFour, warsaw, new Date('2026-12-09T09:00:00Z'))).toEqual({ earliest: '2026-12-11', latest: '2026-12-15' });
  });

  it('dispatches on the next business day from the cut-off on', () => {
    // Tuesday 14:00 in Warsaw exactly (13:00 UTC): too late for today's dispatch.
    expect(deliveryWindow(twoToFour, warsaw, new Date('2026-12-08T12:59:00Z'))).toEqual({ earliest: '2026-12-10', latest: '2026-12-14' });
    expect(deliveryWindow(twoToFour, warsaw, new Date('2026-12-08T13:00:00Z'))).toEqual({ earliest: '2026-12-11', latest: '2026-12-15' });
    // A merchant with a late cut-off still ships at 15:00.
    expect(deliveryWindow(twoToFour, { ...warsaw, cutoff: '17:30' }, new Date('2026-12-08T14:00:00Z'))).toEqual({ earliest: '2026-12-10', latest: '2026-12-14' });
  });

  it('skips the weekend, and an order placed at the weekend leaves on Monday', () => {
    // Friday 11 Dec before the cut-off: Tue 15 – Thu 17.
    expect(deliveryWindow(twoToFour, warsaw, new Date('2026-12-11T08:00:00Z'))).toEqual({ earliest: '2026-12-15', latest: '2026-12-17' });
    // Friday after the cut-off, Saturday and Sunday: dispatched Monday 14, so Wed 16 – Fri 18.
    for (const at of ['2026-12-11T15:00:00Z', '2026-12-12T09:00:00Z', '2026-12-13T22:00:00Z']) {
      expect(deliveryWindow(twoToFour, warsaw, new Date(at))).toEqual({ earliest: '2026-12-16', latest: '2026-12-18' });
    }
  });

  it('0 business days is the dispatch day itself (same-day delivery)', () => {
    expect(deliveryWindow({ minDays: 0, maxDays: 1 }, warsaw, new Date('2026-12-08T09:00:00Z'))).toEqual({ earliest: '2026-12-08', latest: '2026-12-09' });
    expect(deliveryWindow({ minDays: 0, maxDays: 0 }, warsaw, new Date('2026-12-12T09:00:00Z'))).toEqual({ earliest: '2026-12-14', latest: '2026-12-14' });
  });

  it('skips holidays, once (YYYY-MM-DD) or every year (MM-DD), for dispatch and transit', () => {
    const christmas = { ...warsaw, holidays: ['12-24', '12-25', '12-26', '2026-12-31'] };
    // Wednesday 23 Dec 2026 before the cut-off: 24, 25 are holidays, 26–27 the weekend → Mon 28, Tue 29.
    expect(deliveryWindow({ minDays: 1, maxDays: 2 }, christmas, new Date('2026-12-23T08:00:00Z'))).toEqual({ earliest: '2026-12-28', latest: '2026-12-29' });
    // Ordered on the holiday itself: dispatched Monday 28.
    expect(deliveryWindow({ minDays: 1, maxDays: 3 }, christmas, new Date('2026-12-24T08:00:00Z'))).toEqual({ earliest: '2026-12-29', latest: '2027-01-01' });
    // The one-off holiday applies to 2026 only: 31 Dec 2027 is a Friday and a business day.
    expect(deliveryCalendar(christmas).isBusinessDay(civilDay('2026-12-31'))).toBe(false);
    expect(deliveryCalendar(christmas).isBusinessDay(civilDay('2027-12-31'))).toBe(true);
    expect(deliveryCalendar(christmas).isBusinessDay(civilDay('2027-12-24'))).toBe(false);
  });

  it('follows the merchant’s working week (a Saturday shipper, a Sunday–Thursday week)', () => {
    const saturday = { ...warsaw, businessDays: [1, 2, 3, 4, 5, 6] };
    expect(deliveryWindow(twoToFour, saturday, new Date('2026-12-11T08:00:00Z'))).toEqual({ earliest: '2026-12-14', latest: '2026-12-16' });
    // Riyadh: Sunday–Thursday. Thursday 10 Dec 10:00 (07:00 UTC) → Mon 14 – Wed 16.
    const riyadh = { timeZone: 'Asia/Riyadh', businessDays: [7, 1, 2, 3, 4] };
    expect(deliveryWindow(twoToFour, riyadh, new Date('2026-12-10T07:00:00Z'))).toEqual({ earliest: '2026-12-14', latest: '2026-12-16' });
  });

  it('takes the date and the cut-off in the merchant’s time zone, not in UTC', () => {
    // 22:30 UTC on Friday 11 Dec is already Saturday 12 Dec 09:30 in Auckland: dispatched Monday 14.
    const auckland = { timeZone: 'Pacific/Auckland' };
    expect(deliveryWindow(twoToFour, auckland, new Date('2026-12-11T22:30:00Z'))).toEqual({ earliest: '2026-12-16', latest: '2026-12-18' });
    // The same instant in UTC is Friday after the cut-off: also shipped Monday.
    expect(deliveryWindow(twoToFour, { timeZone: 'UTC' }, new Date('2026-12-11T22:30:00Z'))).toEqual({ earliest: '2026-12-16', latest: '2026-12-18' });
    // 21:00 UTC on Tuesday is 13:00 in Los Angeles, before its cut-off: dispatched Tuesday.
    const la = { timeZone: 'America/Los_Angeles' };
    expect(deliveryWindow(twoToFour, la, new Date('2026-12-08T21:00:00Z'))).toEqual({ earliest: '2026-12-10', latest: '2026-12-14' });
    expect(deliveryWindow(twoToFour, { timeZone: 'UTC' }, new Date('2026-12-08T21:00:00Z'))).toEqual({ earliest: '2026-12-11', latest: '2026-12-15' });
  });

  it('moves the cut-off with daylight-saving time', () => {
    // Warsaw is UTC+1 in winter and UTC+2 from Sunday 29 March 2026. 12:30 UTC is 13:30 on Friday 27
    // March (before the cut-off), but 14:30 on Monday 30 March (after it).
    expect(deliveryWindow({ minDays: 1, maxDays: 1 }, warsaw, new Date('2026-03-27T12:30:00Z'))).toEqual({ earliest: '2026-03-30', latest: '2026-03-30' });
    expect(deliveryWindow({ minDays: 1, maxDays: 1 }, warsaw, new Date('2026-03-30T12:30:00Z'))).toEqual({ earliest: '2026-04-01', latest: '2026-04-01' });
    // New York's switch (8 March 2026) and an October one (Warsaw back to UTC+1 on 25 October).
    const ny = { timeZone: 'America/New_York', cutoff: '12:00' };
    expect(deliveryWindow({ minDays: 0, maxDays: 0 }, ny, new Date('2026-03-06T16:30:00Z'))).toEqual({ earliest: '2026-03-06', latest: '2026-03-06' }); // Fri 11:30 EST
    expect(deliveryWindow({ minDays: 0, maxDays: 0 }, ny, new Date('2026-03-09T16:30:00Z'))).toEqual({ earliest: '2026-03-10', latest: '2026-03-10' }); // Mon 12:30 EDT
    expect(deliveryWindow({ minDays: 1, maxDays: 1 }, warsaw, new Date('2026-10-23T12:30:00Z'))).toEqual({ earliest: '2026-10-27', latest: '2026-10-27' }); // Fri 14:30 CEST
    expect(deliveryWindow({ minDays: 1, maxDays: 1 }, warsaw, new Date('2026-10-26T12:30:00Z'))).toEqual({ earliest: '2026-10-27', latest: '2026-10-27' }); // Mon 13:30 CET
  });

  it('counts across the daylight-saving weekend without losing or repeating a day', () => {
    // Friday 23 Oct 2026 (Warsaw falls back on Sunday 25): 1–5 business days = Mon 26 … Fri 30.
    expect(deliveryWindow({ minDays: 1, maxDays: 5 }, warsaw, new Date('2026-10-23T08:00:00Z'))).toEqual({ earliest: '2026-10-26', latest: '2026-10-30' });
    // Friday 27 March 2026 (springs forward on Sunday 29): Mon 30 March … Fri 3 April.
    expect(deliveryWindow({ minDays: 1, maxDays: 5 }, warsaw, new Date('2026-03-27T08:00:00Z'))).toEqual({ earliest: '2026-03-30', latest: '2026-04-03' });
  });

  describe('whatever time zone the process runs in', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it('gives the same dates', () => {
      const at = new Date('2026-03-27T22:30:00Z');
      const expected = deliveryWindow({ minDays: 1, maxDays: 6 }, warsaw, at);
      for (const tz of ['America/Sao_Paulo', 'Pacific/Kiritimati', 'Europe/London', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        expect(deliveryWindow({ minDays: 1, maxDays: 6 }, warsaw, at)).toEqual(expected);
      }
      expect(expected).toEqual({ earliest: '2026-03-31', latest: '2026-04-07' });
    });
  });

  it('uses Monday–Friday, UTC and 14:00 when the merchant set nothing', () => {
    expect(DEFAULT_DELIVERY_SETTINGS).toEqual(DeliverySettings.parse({}));
    expect(deliveryWindow(twoToFour, {}, new Date('2026-12-08T13:59:00Z'))).toEqual({ earliest: '2026-12-10', latest: '2026-12-14' });
    expect(deliveryWindow(twoToFour, {}, new Date('2026-12-08T14:00:00Z'))).toEqual({ earliest: '2026-12-11', latest: '2026-12-15' });
  });

  it('refuses a calendar with no business day instead of looping', () => {
    // One working day a week still gives a window: Saturdays only, ordered Thursday 1 Jan, dispatched
    // Saturday 3, arriving 2 to 4 Saturdays later.
    expect(deliveryWindow(twoToFour, { businessDays: [6] }, new Date('2026-01-01T00:00:00Z'))).toEqual({ earliest: '2026-01-17', latest: '2026-01-31' });
    const none = { businessDays: [1], holidays: Array.from({ length: 366 }, (_, i) => isoDate(civilDay('2000-01-01') + i).slice(5)) };
    expect(() => deliveryWindow(twoToFour, none, new Date('2026-01-01T00:00:00Z'))).toThrow(/No business day/);
  });

  it('adds a window to each option and keeps the rest', () => {
    const options = [
      { id: 'standard', label: 'Standard', amount: 490, deliveryEstimate: twoToFour },
      { id: 'express', label: 'Express', amount: 1200, deliveryEstimate: { minDays: 1, maxDays: 1 } },
    ];
    const shown = withDeliveryWindows(options, warsaw, new Date('2026-12-08T09:00:00Z'));
    expect(shown).toEqual([
      { ...options[0], deliveryWindow: { earliest: '2026-12-10', latest: '2026-12-14' } },
      { ...options[1], deliveryWindow: { earliest: '2026-12-09', latest: '2026-12-09' } },
    ]);
    expect(options[0]).not.toHaveProperty('deliveryWindow');
    // The session schema accepts them.
    expect(CheckoutSession.shape.shippingOptions.parse(shown)).toEqual(shown);
  });
});

describe('DeliverySettings', () => {
  it('validates what a merchant sends', () => {
    expect(DeliverySettings.parse({ timeZone: 'Asia/Seoul', cutoff: '09:15', holidays: ['2026-10-09', '01-01'] })).toEqual({
      timeZone: 'Asia/Seoul',
      cutoff: '09:15',
      businessDays: [1, 2, 3, 4, 5],
      holidays: ['2026-10-09', '01-01'],
    });
    for (const bad of [
      { timeZone: 'Mars/Olympus' },
      { cutoff: '24:00' },
      { cutoff: '9:00' },
      { businessDays: [] },
      { businessDays: [0] },
      { businessDays: [1, 1] },
      { holidays: ['2026-13-01'] },
      { holidays: ['Christmas'] },
      { shipsOnSundays: true },
    ]) {
      expect(DeliverySettings.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('accepts only real dates in a window', () => {
    expect(DeliveryWindow.safeParse({ earliest: '2026-02-28', latest: '2026-03-02' }).success).toBe(true);
    expect(DeliveryWindow.safeParse({ earliest: '2026-02-30', latest: '2026-03-02' }).success).toBe(false);
  });
});

describe('formatDeliveryWindow', () => {
  // ICU puts thin or no-break spaces around the range dash; compare them as plain spaces.
  const format = (window: DeliveryWindow, locale: string) => formatDeliveryWindow(window, locale).replace(/[\u2009\u202f\u00a0]/g, ' ');
  const window = { earliest: '2026-12-08', latest: '2026-12-10' }; // Tue 8 – Thu 10 Dec 2026

  it('renders the range in English', () => {
    expect(format(window, 'en')).toBe('Tue, Dec 8 – Thu, Dec 10');
    expect(format(window, 'en-GB')).toMatch(/^Tue 8( Dec)? – Thu 10 Dec$/);
  });

  it('renders it in Polish, Korean and Arabic', () => {
    const pl = format(window, 'pl');
    expect(pl).toMatch(/^wt\., 8( gru)?\s?–\s?czw\., 10 gru$/);
    const ko = format(window, 'ko');
    expect(ko).toMatch(/^12월 8일 \(화\)\s?[~–]\s?(12월 )?10일 \(목\)$/);
    const ar = format(window, 'ar');
    expect(ar).toContain('الثلاثاء'); // Tuesday
    expect(ar).toContain('الخميس'); // Thursday
    expect(ar).toContain('ديسمبر'); // December
    expect(ar).not.toMatch(/[A-Za-z]/);
    // Arabic as Saudi Arabia writes it uses Arabic-Indic digits.
    expect(format(window, 'ar-SA')).toMatch(/٨.*١٠/);
  });

  it('shows one date for a one-day window and years only across a new year', () => {
    expect(format({ earliest: '2026-12-09', latest: '2026-12-09' }, 'en')).toBe('Wed, Dec 9');
    expect(format({ earliest: '2026-12-30', latest: '2027-01-04' }, 'en')).toBe('Wed, Dec 30, 2026 – Mon, Jan 4, 2027');
  });

  it('never shifts a date with the shopper’s own time zone', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Honolulu';
      expect(format(window, 'en')).toBe('Tue, Dec 8 – Thu, Dec 10');
      process.env.TZ = 'Pacific/Kiritimati';
      expect(format(window, 'en')).toBe('Tue, Dec 8 – Thu, Dec 10');
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
