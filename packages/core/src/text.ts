/**
 * The one text type every schema builds on. JavaScript strings hold things PostgreSQL cannot store
 * (NUL, and UTF-16 surrogates without their partner, which JSON's `\ud800` escapes produce), and
 * things a person misreads (bidirectional overrides and zero-width characters that make `evil.com`
 * show as `moc.live`, or hide part of a name). Both are refused at the boundary with stable codes
 * (`invalid_characters`, `hidden_characters`), so no such string reaches storage or a page.
 */
import { z } from 'zod';

/** NUL, or a surrogate half without its partner. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters that change how surrounding text displays without showing themselves: bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks (U+200E,
 * U+200F, U+061C), zero-width space, word joiner and invisible operators (U+200B, U+2060–U+2064)
 * and the byte-order mark (U+FEFF).
 */
const DISGUISING = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/**
 * Zero-width (non-)joiners are part of real words (Persian, Indic scripts) and emoji sequences,
 * so they are allowed only between two visible characters; at an edge or next to a space they
 * only hide something.
 */
const STRAY_JOINER = /(?:^|[\s\u200C\u200D])[\u200C\u200D]|[\u200C\u200D](?:$|\s)/u;

export const TEXT_CODES = { unstorable: 'invalid_characters', disguising: 'hidden_characters' } as const;

export const UNSTORABLE_MESSAGE = 'Contains a character that cannot be stored (NUL or a broken Unicode surrogate)';
export const DISGUISING_MESSAGE =
  'Contains invisible or text-direction characters (such as U+202E or a zero-width space) that could disguise what is shown; remove them';

/** True when PostgreSQL can store `value` as text and jsonb. */
export function isStorable(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** True when `value` displays as what it is: no bidi controls, no stray zero-width characters. */
export function isDisplaySafe(value: string): boolean {
  return !DISGUISING.test(value) && !STRAY_JOINER.test(value);
}

/** Any string the backend may store: refuses NUL and lone surrogates (`invalid_characters`). */
export const safeString = () =>
  z.string().refine(isStorable, { message: UNSTORABLE_MESSAGE, params: { code: TEXT_CODES.unstorable }, abort: true });

/** A string a person reads later (names, addresses, line items, shipping labels): also refuses disguising characters. */
export const displayString = () =>
  safeString().refine(isDisplaySafe, { message: DISGUISING_MESSAGE, params: { code: TEXT_CODES.disguising } });

/** How deep free-form JSON (passkey responses) may nest. */
export const MAX_JSON_DEPTH = 16;

/** Free-form JSON whose every key and string is storable and whose nesting stays bounded. */
export function isSafeJson(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isStorable(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isSafeJson(item, depth + 1));
  return Object.entries(value).every(([key, item]) => isStorable(key) && isSafeJson(item, depth + 1));
}

/** A JSON object with storable keys and values, nested at most `MAX_JSON_DEPTH` deep. */
export const safeJsonRecord = () =>
  z
    .record(safeString(), z.unknown())
    .refine((value) => isSafeJson(value), {
      message: `Contains a character that cannot be stored, or nests deeper than ${MAX_JSON_DEPTH} levels`,
      params: { code: TEXT_CODES.unstorable },
    });
