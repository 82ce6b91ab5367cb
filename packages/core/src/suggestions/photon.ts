/**
 * Photon (komoot's open-source geocoder over OpenStreetMap data, self-hostable) as a suggestion
 * provider: `GET /api?q=…&limit=…&lang=…&layer=house&layer=street`, GeoJSON answers whose
 * `properties` carry the address. Photon has no details call and no sessions: the pick resolves
 * from the feature the session already holds.
 */
import * as z from 'zod/mini';
import { streetLine } from './google-places.js';
import { requestJson } from './http.js';
import { SuggestionError, type AddressSuggestion, type SuggestedAddress, type SuggestionProvider, type SuggestionSession } from './contract.js';

export interface PhotonOptions {
  /** The Photon server (`https://photon.komoot.io`, or your own). */
  readonly baseUrl: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Languages the server was imported with (`lang` is sent only for these). Defaults to Photon's: en, de, fr. */
  readonly languages?: readonly string[];
  /** Results per request (default 5). */
  readonly limit?: number;
}

const maybe = z.optional(z.string());

const feature = z.looseObject({
  type: z.literal('Feature'),
  properties: z.looseObject({
    osm_id: z.union([z.number(), z.string()]),
    osm_type: maybe,
    name: maybe,
    housenumber: maybe,
    street: maybe,
    postcode: maybe,
    city: maybe,
    district: maybe,
    locality: maybe,
    state: maybe,
    country: maybe,
    countrycode: maybe,
  }),
});

const featureCollection = z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(feature) });

type Properties = z.infer<typeof feature>['properties'];

const photonErrorBody = z.looseObject({ message: z.string() });
const photonError = (body: unknown): string | undefined => {
  const parsed = photonErrorBody.safeParse(body);
  return parsed.success ? parsed.data.message : undefined;
};

export function addressFromPhoton(p: Properties, fallbackCountry: string): SuggestedAddress {
  const country = (p.countrycode ?? fallbackCountry).toUpperCase();
  const out: Record<string, string> = { country };
  const set = (field: string, value: string | undefined) => {
    if (value?.trim()) out[field] = value.trim();
  };
  set('line1', p.street ? streetLine(country, p.street, p.housenumber) : p.name);
  set('city', p.city ?? p.locality);
  set('dependentLocality', p.district);
  set('region', p.state);
  set('postalCode', p.postcode);
  return out as unknown as SuggestedAddress;
}

export function photon(options: PhotonOptions): SuggestionProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const languages = new Set(options.languages ?? ['en', 'de', 'fr']);
  const limit = options.limit ?? 5;
  return {
    id: 'photon',
    startSession(): SuggestionSession {
      const seen = new Map<string, Properties>();
      return {
        async suggest({ input, country, language, signal }) {
          const query = new URLSearchParams({ q: input, limit: String(limit * 2) });
          const lang = language.split('-')[0]!.toLowerCase();
          if (languages.has(lang)) query.set('lang', lang);
          query.append('layer', 'house');
          query.append('layer', 'street');
          const answer = await requestJson(fetchImpl, `${base}/api?${query}`, { method: 'GET', headers: { Accept: 'application/json' }, signal }, featureCollection, photonError);
          const out: AddressSuggestion[] = [];
          for (const { properties: p } of answer.features) {
            if (p.countrycode && p.countrycode.toUpperCase() !== country) continue;
            const address = addressFromPhoton(p, country);
            if (!address.line1) continue;
            const id = `${p.osm_type ?? ''}${p.osm_id}`;
            seen.set(id, p);
            out.push({ id, mainText: address.line1, secondaryText: [[address.postalCode, address.city].filter(Boolean).join(' '), p.state, p.country].filter(Boolean).join(', ') });
            if (out.length === limit) break;
          }
          return out;
        },
        async resolve(suggestion, { country }) {
          const p = seen.get(suggestion.id);
          if (!p) throw new SuggestionError('rejected', 'This suggestion is not from this session.');
          return addressFromPhoton(p, country);
        },
      };
    },
  };
}
