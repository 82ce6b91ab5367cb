/**
 * The query and the answer of a paginated merchant list (`GET /v1/orders`, `/v1/events`, an
 * endpoint's deliveries), the way Stripe pages, in this API's camelCase:
 *
 *   ?limit=1..100&startingAfter=<id>   the page after that object (older), or
 *   ?limit=1..100&endingBefore=<id>    the page before it (newer)
 *   → { object: 'list', data: [...newest first], hasMore }
 *
 * A client loops with `startingAfter` = the last id of each page while `hasMore` is true. A cursor
 * that is no object of this list (unknown, or another merchant's) is a 400 `cursor_not_found`,
 * the same answer either way. The keyset queries are in storage/pages.ts.
 */
import { z } from '@hono/zod-openapi';
import { Id } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type Page, type PageRequest, type PageResult } from '../storage/pages.js';

const LIMIT_MESSAGE = `Use a whole number from 1 to ${MAX_PAGE_LIMIT}`;

/** `limit` as sent (a query string), checked, then a number. */
export const PageLimit = z
  .string()
  .regex(/^[0-9]{1,6}$/, LIMIT_MESSAGE)
  .transform(Number)
  .pipe(z.number().int().min(1, LIMIT_MESSAGE).max(MAX_PAGE_LIMIT, LIMIT_MESSAGE))
  .openapi({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    default: DEFAULT_PAGE_LIMIT,
    description: `How many objects to answer, 1–${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT}).`,
  });

/** The page parameters, to spread into a list route's `.strict()` query object (`pageQuery(...)`). */
export function pageParameters(cursor: z.ZodString = Id) {
  return {
    limit: PageLimit.optional(),
    startingAfter: cursor.optional().openapi({
      description: 'An object id from this list: answer the page after it (older). Pass the last id of the previous page to walk the list.',
    }),
    endingBefore: cursor.optional().openapi({
      description: 'An object id from this list: answer the page before it (newer). Not together with `startingAfter`.',
    }),
  };
}

/** A strict query object of `fields` and the page parameters; `startingAfter` and `endingBefore` exclude each other. */
export function pageQuery<T extends z.ZodRawShape>(fields: T, cursor?: z.ZodString) {
  return z
    .object({ ...fields, ...pageParameters(cursor) })
    .strict()
    .refine((query) => (query as PageRequest).startingAfter === undefined || (query as PageRequest).endingBefore === undefined, {
      path: ['endingBefore'],
      message: 'Send startingAfter or endingBefore, not both',
    });
}

/** `{ object: 'list', data, hasMore }` of `item`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item).openapi({ description: 'Newest first.' }),
    hasMore: z.boolean().openapi({ description: 'More objects past this page in the direction asked: ask again with `startingAfter` = the last id (or `endingBefore` = the first).' }),
  });
}

/** The storage's page request from a validated query. */
export function pageRequest(query: { limit?: number; startingAfter?: string; endingBefore?: string }): PageRequest {
  return {
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
    ...(query.startingAfter !== undefined ? { startingAfter: query.startingAfter } : {}),
    ...(query.endingBefore !== undefined ? { endingBefore: query.endingBefore } : {}),
  };
}

/** The answer for a page, or the 400 for a cursor that is no `noun` of this list. */
export function listAnswer<T, U>(page: PageResult<T>, request: PageRequest, noun: string, view: (item: T) => U): { object: 'list'; data: U[]; hasMore: boolean } {
  if (!page) {
    const param = request.startingAfter !== undefined ? 'startingAfter' : 'endingBefore';
    throw new ApiError(400, 'cursor_not_found', `${param} must be the id of ${noun} in this list; this one is not (unknown, or not yours).`, [
      { path: param, message: `No such ${noun.replace(/^an? /, '')}` },
    ]);
  }
  return { object: 'list', data: (page as Page<T>).data.map(view), hasMore: page.hasMore };
}
