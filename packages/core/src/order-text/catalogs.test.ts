/**
 * Every line of the order page, the order emails and the SMS, in every language: the shopper reads
 * words (never an empty line or "undefined") that carry the values they were given (the order
 * number, the shop, the amount, the carrier), and every catalog has every entry English has.
 * Walked over the English catalog's shape, so a new entry is checked without a new test.
 */
import { describe, expect, it } from 'vitest';
import { loadOrderText, ORDER_TEXT_LOCALES, paidViaLine, type OrderText } from './index.js';

type Node = string | ((...args: never[]) => unknown) | { readonly [key: string]: Node };

/** Languages whose noun after "1" differs from the one after "5". */
const NOUN_CHANGES_AFTER_ONE = new Set(['en', 'es', 'fr', 'sv', 'pl', 'ar']);

/** Entries that take a count rather than text. */
const COUNTS = new Set(['itemCount']);

/** Every leaf of `tree` with its dotted path. */
function leaves(tree: Node, path = ''): [string, Node][] {
  if (typeof tree !== 'object') return [[path, tree]];
  return Object.entries(tree)
    .filter(([key]) => !key.startsWith('$'))
    .flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

/** The catalog's leaves. */
const entriesOf = async (code: string) => new Map(leaves((await loadOrderText(code)) as unknown as Node));

/**
 * One test per language holds every check: the catalogs are module-level data, evaluated when the
 * first test loads them, and Stryker runs a mutant of that data only against that test (see
 * docs/mutation.md), so a check in a later test of the same file would never see it.
 */
describe.each(ORDER_TEXT_LOCALES)('the %s order catalog', (code) => {
  it('has English’s entries, words in every line, the values each line is given, plural nouns and the paid-via line', async () => {
    const entries = await entriesOf(code);
    const t = await loadOrderText(code);
    expect([...entries.keys()].sort(), 'the same entries as English').toEqual([...(await entriesOf('en')).keys()].sort());

    for (const [path, value] of entries) {
      if (typeof value !== 'function') {
        // Every fixed line has some words.
        expect(typeof value, path).toBe('string');
        expect((value as string).trim().length, path).toBeGreaterThan(0);
        continue;
      }
      if (COUNTS.has(path)) continue;
      // Each line carries the values it is given (order number, shop, dates, amounts, carrier, reason) and words of its own.
      const args = Array.from({ length: value.length }, (_, i) => `‹value ${i + 1}›`);
      const line = (value as (...a: string[]) => unknown)(...args);
      expect(typeof line, path).toBe('string');
      for (const arg of args) expect(line, path).toContain(arg);
      expect((line as string).replaceAll(/‹value \d›/g, '').trim().length, `${path} has words of its own`).toBeGreaterThan(1);
    }

    // Items are counted with the number; "1 items" is wrong where the noun changes after one (German
    // "Artikel", Turkish "ürün" after a number, Japanese and Korean counters do not change).
    const format = new Intl.NumberFormat(code).format;
    expect(t.itemCount(5)).toContain(format(5));
    expect(t.itemCount(5).replace(format(5), '').trim().length).toBeGreaterThan(0);
    const words = (n: number) => t.itemCount(n).replace(format(n), '#');
    if (NOUN_CHANGES_AFTER_ONE.has(code)) expect(words(1)).not.toBe(words(5));
    else expect(words(1)).toBe(words(5));

    // How an order was paid, with the device when it is known.
    expect(paidViaLine(t, 'link', 'phone')).toBe(`${t.paidVia.label}: ${t.paidVia.channels.link} · ${t.paidVia.devices.phone}`);
    expect(paidViaLine(t, 'handoff', null)).toBe(`${t.paidVia.label}: ${t.paidVia.channels.handoff}`);
  });
});

it('reads "Paid via: Payment link · Phone" in English', async () => {
  const en: OrderText = await loadOrderText('en');
  expect(paidViaLine(en, 'link', 'phone')).toBe('Paid via: Payment link · Phone');
  expect(paidViaLine(en, 'kiosk', undefined)).toBe('Paid via: In-store kiosk');
});
