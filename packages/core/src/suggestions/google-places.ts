/**
 * Google Places API (New) as a suggestion provider, over its HTTP interface:
 * `POST /v1/places:autocomplete` (Autocomplete (New)) while the shopper types, then
 * `GET /v1/places/{id}` (Place Details (New)) for the pick. One session token (a UUID v4, as the
 * Places documentation recommends) goes with every autocomplete request of a session and with the
 * details request that ends it; the next keystroke starts a new session.
 *
 * The key is sent in the `X-Goog-Api-Key` header, responses are narrowed with `X-Goog-FieldMask`
 * (required by Place Details). A browser key should be restricted to the shop's HTTP referrers
 * and to the Places API (New) in the Google Cloud console.
 */
import * as z from 'zod/mini';
import { requestJson } from './http.js';
import type { AddressSuggestion, SuggestedAddress, SuggestionProvider, SuggestionSession } from './contract.js';

export interface GooglePlacesOptions {
  readonly apiKey: string;
  /** Defaults to `https://places.googleapis.com` (tests point it at a loopback fake). */
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  /** `includedPrimaryTypes` of the autocomplete request (at most 5), e.g. `['street_address', 'premise']`. */
  readonly includedPrimaryTypes?: readonly string[];
}

/** What the autocomplete request asks for (fewer fields, smaller answers). */
export const AUTOCOMPLETE_FIELD_MASK = 'suggestions.placePrediction.placeId,suggestions.placePrediction.text.text,suggestions.placePrediction.structuredFormat';
/** What the details request asks for: the address only (Place Details Essentials). */
export const DETAILS_FIELD_MASK = 'addressComponents,postalAddress';

const text = z.looseObject({ text: z.string() });
const maybe = z.optional(z.string());

const autocompleteResponse = z.looseObject({
  suggestions: z.optional(
    z.array(
      z.looseObject({
        placePrediction: z.optional(
          z.looseObject({
            placeId: z.string().check(z.minLength(1)),
            text: z.optional(text),
            structuredFormat: z.optional(z.looseObject({ mainText: text, secondaryText: z.optional(text) })),
          }),
        ),
      }),
    ),
  ),
});

const detailsResponse = z.looseObject({
  addressComponents: z.optional(z.array(z.looseObject({ longText: maybe, shortText: maybe, types: z._default(z.array(z.string()), []) }))),
  postalAddress: z.optional(
    z.looseObject({
      regionCode: maybe,
      postalCode: maybe,
      sortingCode: maybe,
      administrativeArea: maybe,
      locality: maybe,
      sublocality: maybe,
      addressLines: z.optional(z.array(z.string())),
    }),
  ),
});

type Details = z.infer<typeof detailsResponse>;

const googleErrorBody = z.looseObject({ error: z.looseObject({ message: z.string() }) });
const googleError = (body: unknown): string | undefined => {
  const parsed = googleErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error.message : undefined;
};

/** Countries that write the house number before the street (`1600 Amphitheatre Parkway`). */
const NUMBER_FIRST = new Set(['US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'FR', 'LU', 'IN', 'ZA', 'SG', 'PH', 'MY', 'HK', 'IL', 'SA', 'AE']);

/** The first street line in the country's order, from a number and a street. */
export function streetLine(country: string, street: string | undefined, number: string | undefined): string {
  if (!street) return number ?? '';
  if (!number) return street;
  return NUMBER_FIRST.has(country) ? `${number} ${street}` : `${street} ${number}`;
}

/** Place Details (New) → an address: `postalAddress` first (Google's own lines), address components otherwise. */
export function addressFromDetails(details: Details, fallbackCountry: string): SuggestedAddress {
  const component = (type: string, form: 'longText' | 'shortText' = 'longText') =>
    details.addressComponents?.find((c) => c.types.includes(type))?.[form] ?? undefined;
  const postal = details.postalAddress;
  const country = (postal?.regionCode ?? component('country', 'shortText') ?? fallbackCountry).toUpperCase();
  const lines = postal?.addressLines?.filter((line) => line.trim()) ?? [];
  const line1 = lines[0] ?? streetLine(country, component('route'), component('street_number'));
  const line2 = lines.slice(1).join(', ') || component('subpremise');
  const region = postal?.administrativeArea ?? component('administrative_area_level_1', 'shortText');
  const alternatives = [component('administrative_area_level_1', 'shortText'), component('administrative_area_level_1')].filter(
    (value): value is string => Boolean(value),
  );
  const out: Record<string, string | readonly string[]> = { country };
  const set = (field: string, value: string | undefined) => {
    if (value?.trim()) out[field] = value.trim();
  };
  set('line1', line1);
  set('line2', line2);
  set('city', postal?.locality ?? component('locality') ?? component('postal_town'));
  set('dependentLocality', postal?.sublocality ?? component('sublocality_level_1') ?? component('sublocality'));
  set('region', region);
  set('postalCode', postal?.postalCode ?? component('postal_code'));
  set('sortingCode', postal?.sortingCode);
  if (alternatives.length) out['regionAlternatives'] = alternatives;
  return out as SuggestedAddress;
}

/** A session token: a UUID v4 (URL-safe, 36 characters), as the Places documentation recommends. */
const newSessionToken = (): string => globalThis.crypto.randomUUID();

export function googlePlaces(options: GooglePlacesOptions): SuggestionProvider {
  const base = (options.baseUrl ?? 'https://places.googleapis.com').replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = (fieldMask: string): Record<string, string> => ({
    'Content-Type': 'application/json',
    'X-Goog-Api-Key': options.apiKey,
    'X-Goog-FieldMask': fieldMask,
  });
  return {
    id: 'google-places',
    startSession(): SuggestionSession {
      const sessionToken = newSessionToken();
      return {
        async suggest({ input, country, language, signal }) {
          const body = {
            input,
            sessionToken,
            languageCode: language,
            regionCode: country.toLowerCase(),
            includedRegionCodes: [country.toLowerCase()],
            ...(options.includedPrimaryTypes?.length ? { includedPrimaryTypes: [...options.includedPrimaryTypes] } : {}),
          };
          const answer = await requestJson(
            fetchImpl,
            `${base}/v1/places:autocomplete`,
            { method: 'POST', headers: headers(AUTOCOMPLETE_FIELD_MASK), body: JSON.stringify(body), signal },
            autocompleteResponse,
            googleError,
          );
          const out: AddressSuggestion[] = [];
          for (const { placePrediction: p } of answer.suggestions ?? []) {
            if (!p) continue; // query predictions are not addresses
            const main = p.structuredFormat?.mainText.text ?? p.text?.text ?? '';
            if (!main) continue;
            out.push({ id: p.placeId, mainText: main, secondaryText: p.structuredFormat?.secondaryText?.text ?? '' });
          }
          return out;
        },
        async resolve(suggestion, { country, language, signal }) {
          const query = new URLSearchParams({ sessionToken, languageCode: language, regionCode: country.toLowerCase() });
          const details = await requestJson(
            fetchImpl,
            `${base}/v1/places/${encodeURIComponent(suggestion.id)}?${query}`,
            { method: 'GET', headers: headers(DETAILS_FIELD_MASK), signal },
            detailsResponse,
            googleError,
          );
          return addressFromDetails(details, country);
        },
      };
    },
  };
}
