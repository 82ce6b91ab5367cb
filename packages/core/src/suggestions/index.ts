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
import type { AddressRules, AddressValue } from '../address.js';
import type { SuggestedAddress } from './contract.js';

export {
  isAbort,
  SuggestionError,
  type AddressSuggestion,
  type ResolveOptions,
  type SuggestedAddress,
  type SuggestionErrorCode,
  type SuggestionProvider,
  type SuggestionQuery,
  type SuggestionSession,
  type SuggestionSource,
} from './contract.js';

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
