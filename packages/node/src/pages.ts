/**
 * The backend's paginated lists (`GET /v1/orders`, `/v1/events`, an endpoint's deliveries): one
 * page is `{ object: 'list', data, hasMore }`, newest first, `limit` (1–100, default 100) objects
 * after `startingAfter` (older) or before `endingBefore` (newer). `autoPage` walks every page.
 */

export interface ListPage<T> {
  readonly object: 'list';
  /** Newest first. */
  readonly data: T[];
  /** More objects past this page in the direction asked. */
  readonly hasMore: boolean;
}

export interface PageParams {
  /** 1–100 (default 100). */
  readonly limit?: number;
  /** An id from the list: the page after it (older). */
  readonly startingAfter?: string;
  /** An id from the list: the page before it (newer). Not with `startingAfter`. */
  readonly endingBefore?: string;
}

/** `?a=1&b=x` of the defined values, or ''. */
export function queryString(params: object): string {
  const pairs = Object.entries(params as Record<string, unknown>).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return pairs.length ? `?${new URLSearchParams(pairs.map(([key, value]) => [key, String(value)])).toString()}` : '';
}

/**
 * Every object of a list, newest first, page after page (`startingAfter` = the last id of the page
 * before) until `hasMore` is false: `for await (const order of omni.orders.all()) …`.
 */
export async function* autoPage<T extends { readonly id: string }>(
  page: (params: PageParams) => Promise<ListPage<T>>,
  params: Pick<PageParams, 'limit' | 'startingAfter'> = {},
): AsyncGenerator<T, void, undefined> {
  let startingAfter = params.startingAfter;
  for (;;) {
    const answer = await page({ ...(params.limit !== undefined ? { limit: params.limit } : {}), ...(startingAfter !== undefined ? { startingAfter } : {}) });
    yield* answer.data;
    const last = answer.data.at(-1);
    if (!answer.hasMore || !last) return;
    startingAfter = last.id;
  }
}
