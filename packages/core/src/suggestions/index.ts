/**
 * Address suggestions: the contract a suggestion provider keeps (Google Places API (New), a
 * self-hosted Photon, or the merchant's own), and the pieces every user of it shares: fitting a
 * picked address to a country's form (Google's address data decides which fields exist and what
 * the region keys are), and `Suggester`, the debounced, latest-wins, time-boxed driver a combobox
 * uses. Plain TypeScript, no DOM.
 *
 * A provider hands out sessions: one from the shopper's first keystroke to the pick (Google bills
 * the autocomplete requests and the one details request of a session together, keyed by its
 * session token), then a fresh one.
 */
import type { AddressPart, AddressRules, AddressValue } from '../address.js';

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

/**
 * Fits a suggested address to a country's form: keeps only the fields that country's addresses
 * have (Google's format), maps the region onto the country's region keys (dropping one it does not
 * know), folds a district into the city where the country has no district field, and normalises
 * (NFC, postal code capitals) the way typed input is.
 */
export function fitSuggestedAddress(address: SuggestedAddress, rules: AddressRules): AddressValue {
  // Only the rules' data is used here (no values from address.ts), so the combobox chunk that
  // calls this shares no code with the element's first-render bundle.
  const parts = new Set<string>(rules.layout.flat());
  const out: Record<string, string> = { country: rules.country };
  for (const [field, value] of Object.entries(address)) {
    if (typeof value !== 'string' || field === 'country' || !parts.has(field)) continue;
    const text = value.normalize('NFC').trim();
    if (text) out[field] = field === 'postalCode' && rules.upper.has('postalCode') ? text.toUpperCase() : text;
  }
  if (!parts.has('dependentLocality') && address.dependentLocality && !out['city'] && parts.has('city')) out['city'] = address.dependentLocality.normalize('NFC').trim();
  if (out['region'] && rules.regions.length) {
    // Google's region key, matched on any of its names or codes (as `matchRegion` does).
    const wanted = new Set([address.region ?? '', ...(address.regionAlternatives ?? [])].map((name) => name.trim().toLowerCase()).filter(Boolean));
    const match = rules.regions.find((region) => [region.key, region.name, region.latinName, region.isoCode].some((name) => name && wanted.has(name.toLowerCase())));
    if (match) out['region'] = match.key;
    else delete out['region'];
  }
  return out as AddressValue;
}

export { Suggester, type SuggesterOptions, type SuggesterState } from './suggester.js';
