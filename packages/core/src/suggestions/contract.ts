/**
 * The contract of an address suggestion provider (Google Places API (New), a self-hosted Photon,
 * or the merchant's own): what it is asked, what it answers, how it fails. `index.ts` re-exports
 * it; the providers and `Suggester` import it from here.
 */
import type { AddressPart } from '../address.js';

/** One row of the list: what the shopper reads and picks. */
export interface AddressSuggestion {
  /** Stable within a session (a place id, an OSM id). */
  readonly id: string;
  /** The first line shown (street and number, or the place's name). */
  readonly mainText: string;
  /** The rest (postal code and town, region, country). */
  readonly secondaryText: string;
}

export interface SuggestionQuery {
  /** What the shopper typed in the first address line. */
  readonly input: string;
  /** ISO 3166-1 code of the country the form is in; providers restrict or bias to it. */
  readonly country: string;
  /** The shopper's language (BCP 47); providers answer in it where they can. */
  readonly language: string;
  readonly signal: AbortSignal;
}

export interface ResolveOptions {
  readonly country: string;
  readonly language: string;
  readonly signal: AbortSignal;
}

type SuggestedPart = Exclude<AddressPart, 'name'>;

/**
 * A picked suggestion as an address. `region` may be a code or a name (`CA`, `California`,
 * `서울특별시`): `fitSuggestedAddress` maps it onto the country's region list.
 */
export type SuggestedAddress = Partial<Record<SuggestedPart, string>> & {
  readonly country: string;
  /** Other spellings of the region to try (a provider's long and short names). */
  readonly regionAlternatives?: readonly string[];
};

export interface SuggestionSession {
  /** Suggestions for what was typed; rejects with `SuggestionError` (or an `AbortError`). */
  suggest(query: SuggestionQuery): Promise<readonly AddressSuggestion[]>;
  /** The full address of a suggestion this session returned. Ends the session. */
  resolve(suggestion: AddressSuggestion, options: ResolveOptions): Promise<SuggestedAddress>;
}

export interface SuggestionProvider {
  /** A short name for logs and attributes (`google-places`, `photon`). */
  readonly id: string;
  startSession(): SuggestionSession;
}

/** A provider, or a function loading one (so a page pays for it only when the shopper types). */
export type SuggestionSource = SuggestionProvider | (() => Promise<SuggestionProvider>);

export type SuggestionErrorCode = 'unavailable' | 'rejected' | 'invalid_response' | 'timeout';

export class SuggestionError extends Error {
  override readonly name = 'SuggestionError';
  constructor(
    readonly code: SuggestionErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Whether an error is an abort (a newer keystroke or a closed list), not a failure. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
