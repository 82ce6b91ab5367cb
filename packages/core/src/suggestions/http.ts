import * as z from 'zod/mini';
import { SuggestionError } from './contract.js';

// The adapters load lazily into shop pages, so they use zod's tree-shakable `zod/mini` (a few KB,
// not the whole library). Those pages have a strict Content Security Policy (no 'unsafe-eval'),
// where zod's compiled fast path would probe `new Function` and raise a CSP violation: parse
// without it.
if (typeof document !== 'undefined') z.config({ jitless: true });

/** One JSON request of an adapter: network failures, non-2xx answers and unexpected shapes become `SuggestionError`s. */
export async function requestJson<T>(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  schema: z.ZodMiniType<T>,
  describeError: (body: unknown) => string | undefined,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason ?? error;
    throw new SuggestionError('unavailable', 'The address service could not be reached.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = describeError(body) ?? `The address service answered ${response.status}.`;
    throw new SuggestionError(response.status >= 500 || response.status === 429 ? 'unavailable' : 'rejected', message, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SuggestionError('invalid_response', 'The address service answered in an unexpected shape.');
  return parsed.data;
}
