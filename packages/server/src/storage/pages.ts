/**
 * Cursor pagination of the merchant's lists (`GET /v1/orders`, `/v1/events`, an endpoint's
 * deliveries), the way Stripe pages: newest first, `limit` objects at a time, `startingAfter` an
 * object id (the page after it, older) or `endingBefore` one (the page before it, newer), and
 * `hasMore` when the list goes on in that direction.
 *
 * Keyset, never OFFSET: a page is the rows strictly older (or newer) than the cursor row in the
 * list's order, `(created_at, id)` descending, found through the table's `(owner, created_at, id)`
 * index however deep the page is. The cursor row's `created_at` is read in the same statement (a
 * scalar subquery, so its microseconds never pass through a JavaScript `Date`), and only in its
 * owner's rows: another merchant's id matches nothing, exactly like an id that never existed.
 */
import type { Queryable } from './db.js';

/** A row as the driver answers it (rows.ts has the same; not imported, so types.ts can import this module). */
type Row = Record<string, unknown>;

/** At most this many objects per page (Stripe's bound too). */
export const MAX_PAGE_LIMIT = 100;
/** The page size without `limit`: what these lists always answered, so a first page stays the same. */
export const DEFAULT_PAGE_LIMIT = 100;

export interface PageRequest {
  /** 1–`MAX_PAGE_LIMIT`; `DEFAULT_PAGE_LIMIT` when absent. */
  readonly limit?: number;
  /** An id in the list: the page of objects after it (older). */
  readonly startingAfter?: string;
  /** An id in the list: the page of objects before it (newer). Not with `startingAfter`. */
  readonly endingBefore?: string;
}

export interface Page<T> {
  /** Newest first, whichever way the page was asked for. */
  readonly data: T[];
  /** More objects past this page in the direction asked (older after `startingAfter`, newer before `endingBefore`). */
  readonly hasMore: boolean;
}

/** The page, or `null` when the cursor names no row of the owner's (unknown, or another owner's). */
export type PageResult<T> = Page<T> | null;

export interface KeysetList {
  /** A table with `id` and `created_at` columns. */
  readonly table: string;
  /** The column naming whose rows they are (`merchant_id`); the cursor must be one of that owner's rows. */
  readonly ownerColumn: string;
  readonly owner: string;
  /** More conditions on the listed rows, with `$2`…, or '' for none. The cursor need not match them. */
  readonly filter?: string;
  readonly filterParams?: readonly unknown[];
}

/** How many rows a page asks for. */
export function pageLimit(page: PageRequest): number {
  return Math.min(Math.max(Math.trunc(page.limit ?? DEFAULT_PAGE_LIMIT), 1), MAX_PAGE_LIMIT);
}

/**
 * One statement for the page (one more row than the limit says whether there are more), and a
 * second only when a cursor gave an empty page: to tell "nothing past it" from "no such cursor".
 */
export async function keysetPage(db: Queryable, list: KeysetList, page: PageRequest): Promise<PageResult<Row>> {
  if (page.startingAfter !== undefined && page.endingBefore !== undefined) throw new Error('startingAfter and endingBefore exclude each other');
  const limit = pageLimit(page);
  const cursor = page.startingAfter ?? page.endingBefore;
  const newer = page.endingBefore !== undefined;
  const owned = `${list.ownerColumn} = $1`;
  const params = [list.owner, ...(list.filterParams ?? [])];
  const where = [owned, ...(list.filter ? [list.filter] : [])];
  if (cursor !== undefined) {
    params.push(cursor);
    const c = `$${params.length}`;
    where.push(`(created_at, id) ${newer ? '>' : '<'} ((SELECT created_at FROM ${list.table} WHERE id = ${c} AND ${owned}), ${c})`);
  }
  params.push(limit + 1);
  const direction = newer ? 'ASC' : 'DESC';
  const { rows } = await db.query<Row>(
    `SELECT * FROM ${list.table} WHERE ${where.join(' AND ')} ORDER BY created_at ${direction}, id ${direction} LIMIT $${params.length}`,
    params,
  );
  if (cursor !== undefined && rows.length === 0) {
    const found = await db.query(`SELECT 1 FROM ${list.table} WHERE id = $2 AND ${owned}`, [list.owner, cursor]);
    if (found.rows.length === 0) return null;
  }
  const data = rows.slice(0, limit);
  return { data: newer ? data.reverse() : data, hasMore: rows.length > limit };
}
