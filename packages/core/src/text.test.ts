/**
 * The text every schema builds on: what PostgreSQL cannot store and what would disguise a name or
 * an address on a page are refused with their stable codes, and free-form JSON (passkey responses)
 * is bounded in depth and storable in every key and string.
 */
import { describe, expect, it } from 'vitest';
import { displayString, isDisplaySafe, isSafeJson, isStorable, MAX_JSON_DEPTH, safeJsonRecord, safeString, TEXT_CODES } from './text.js';

/** `depth` arrays inside one another around `leaf`. */
const nestedArrays = (depth: number, leaf: unknown = 'x'): unknown => (depth === 0 ? leaf : [nestedArrays(depth - 1, leaf)]);
/** `depth` objects inside one another around `leaf`. */
const nestedObjects = (depth: number, leaf: unknown = 'x'): unknown => (depth === 0 ? leaf : { a: nestedObjects(depth - 1, leaf) });

describe('storable text', () => {
  it('refuses NUL and a surrogate half without its partner, keeps emoji and every script', () => {
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00', '\ud83d']) expect(isStorable(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['Zoë 😀', 'محمد', '김민준', 'Łódź', '']) expect(isStorable(good), good).toBe(true);
  });

  it('answers invalid_characters through the schema', () => {
    const result = safeString().safeParse('a\u0000');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { code: TEXT_CODES.unstorable } });
  });
});

describe('text shown to a person', () => {
  it('refuses bidi overrides, direction marks and zero-width spaces wherever they are', () => {
    for (const bad of ['evil\u202Emoc.', '\u200Bpay', 'name\u200F', '\uFEFFbom', 'a\u2066b\u2069']) {
      expect(isDisplaySafe(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('allows zero-width joiners between visible characters only (Persian words, emoji sequences)', () => {
    expect(isDisplaySafe('می\u200Cخواهم')).toBe(true);
    expect(isDisplaySafe('👩\u200D💻')).toBe(true);
    for (const stray of ['\u200Cname', 'name\u200D', 'a \u200Cb', 'a\u200D b']) expect(isDisplaySafe(stray), JSON.stringify(stray)).toBe(false);
  });

  it('a disguised value that is storable is refused as hidden_characters, an unstorable one as invalid_characters only', () => {
    const hidden = displayString().safeParse('Bob\u202E');
    expect(hidden.error?.issues.map((issue) => (issue as { params?: { code: string } }).params?.code)).toEqual([TEXT_CODES.disguising]);
    const unstorable = displayString().safeParse('Bob\u0000\u202E');
    expect(unstorable.error?.issues.map((issue) => (issue as { params?: { code: string } }).params?.code)).toEqual([TEXT_CODES.unstorable]);
    expect(displayString().parse('Zoë Ångström')).toBe('Zoë Ångström');
  });
});

describe('free-form JSON', () => {
  it('accepts numbers, booleans, null and storable strings at any place', () => {
    expect(isSafeJson({ id: 'abc', n: 1, ok: true, none: null, list: [1, 'two', { three: 3 }] })).toBe(true);
    expect(isSafeJson(42)).toBe(true);
    expect(isSafeJson(null)).toBe(true);
  });

  it('refuses an unstorable string as a value, inside an array, or as a key', () => {
    expect(isSafeJson('\u0000')).toBe(false);
    expect(isSafeJson({ a: ['ok', 'bad\u0000'] })).toBe(false);
    expect(isSafeJson({ a: 'ok', b: 'bad\ud800' })).toBe(false);
    expect(isSafeJson({ ['k\u0000']: 1 })).toBe(false);
    // One bad item among good ones is enough.
    expect(isSafeJson(['ok', 'ok', '\u0000'])).toBe(false);
  });

  it(`nests at most ${MAX_JSON_DEPTH} levels, in arrays and in objects`, () => {
    expect(isSafeJson(nestedArrays(MAX_JSON_DEPTH))).toBe(true);
    expect(isSafeJson(nestedArrays(MAX_JSON_DEPTH + 1))).toBe(false);
    expect(isSafeJson(nestedObjects(MAX_JSON_DEPTH))).toBe(true);
    expect(isSafeJson(nestedObjects(MAX_JSON_DEPTH + 1))).toBe(false);
    // The depth counts containers, not the value at the bottom.
    expect(isSafeJson(nestedObjects(MAX_JSON_DEPTH, 7))).toBe(true);
    expect(isSafeJson(nestedObjects(MAX_JSON_DEPTH + 1, null))).toBe(false);
  });

  it('the record schema refuses what isSafeJson refuses, with invalid_characters', () => {
    expect(safeJsonRecord().safeParse({ a: { b: 'ok' } }).success).toBe(true);
    const deep = safeJsonRecord().safeParse(nestedObjects(MAX_JSON_DEPTH + 1));
    expect(deep.success).toBe(false);
    expect(deep.error?.issues[0]).toMatchObject({ params: { code: TEXT_CODES.unstorable } });
  });
});
