/**
 * Loopback fakes of the two geocoders the address suggestions use, for the adapter tests and the
 * demo: Google Places API (New) (Autocomplete and Place Details over HTTP) and Photon. Each
 * refuses what the real service refuses (a missing API key, a missing or unknown field mask,
 * unknown request fields, a malformed session token, an unsupported language) and records every
 * request so tests can check session tokens. `delayMs` and `down` simulate a slow or failing
 * service. Bound to 127.0.0.1 on a free port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One place both fakes know, as OpenStreetMap and Google would describe it. */
export interface FakePlace {
  readonly id: string;
  readonly country: string;
  readonly countryName: string;
  readonly street: string;
  readonly housenumber: string;
  /** The first address line as the country writes it. */
  readonly line1: string;
  readonly postcode: string;
  readonly city: string;
  readonly district?: string;
  /** Region name (Photon's `state`) and its short code (Google's `administrative_area_level_1` short text). */
  readonly state?: string;
  readonly stateCode?: string;
}

export const FAKE_PLACES: readonly FakePlace[] = [
  { id: 'ChIJ-us-1600', country: 'US', countryName: 'United States', street: 'Amphitheatre Parkway', housenumber: '1600', line1: '1600 Amphitheatre Parkway', postcode: '94043', city: 'Mountain View', state: 'California', stateCode: 'CA' },
  { id: 'ChIJ-us-350', country: 'US', countryName: 'United States', street: 'Fifth Avenue', housenumber: '350', line1: '350 Fifth Avenue', postcode: '10118', city: 'New York', state: 'New York', stateCode: 'NY' },
  { id: 'ChIJ-us-1', country: 'US', countryName: 'United States', street: 'Apple Park Way', housenumber: '1', line1: '1 Apple Park Way', postcode: '95014', city: 'Cupertino', state: 'California', stateCode: 'CA' },
  { id: 'ChIJ-us-233', country: 'US', countryName: 'United States', street: 'South Wacker Drive', housenumber: '233', line1: '233 South Wacker Drive', postcode: '60606', city: 'Chicago', state: 'Illinois', stateCode: 'IL' },
  { id: 'ChIJ-de-1', country: 'DE', countryName: 'Deutschland', street: 'Unter den Linden', housenumber: '1', line1: 'Unter den Linden 1', postcode: '10117', city: 'Berlin', state: 'Berlin', stateCode: 'BE' },
  { id: 'ChIJ-de-2', country: 'DE', countryName: 'Deutschland', street: 'Platz der Republik', housenumber: '1', line1: 'Platz der Republik 1', postcode: '11011', city: 'Berlin', state: 'Berlin', stateCode: 'BE' },
  { id: 'ChIJ-pl-1', country: 'PL', countryName: 'Polska', street: 'Marszałkowska', housenumber: '10', line1: 'Marszałkowska 10', postcode: '00-590', city: 'Warszawa', state: 'województwo mazowieckie', stateCode: '14' },
  { id: 'ChIJ-gb-1', country: 'GB', countryName: 'United Kingdom', street: 'Downing Street', housenumber: '10', line1: '10 Downing Street', postcode: 'SW1A 2AA', city: 'London', state: 'England', stateCode: 'ENG' },
  { id: 'ChIJ-fr-1', country: 'FR', countryName: 'France', street: 'Avenue Anatole France', housenumber: '5', line1: '5 Avenue Anatole France', postcode: '75007', city: 'Paris', state: 'Île-de-France', stateCode: 'IDF' },
  { id: 'ChIJ-kr-1', country: 'KR', countryName: '대한민국', street: '세종대로', housenumber: '209', line1: '세종대로 209', postcode: '03171', city: '종로구', state: '서울특별시', stateCode: '서울특별시' },
  { id: 'ChIJ-sa-1', country: 'SA', countryName: 'السعودية', street: 'King Fahd Road', housenumber: '2239', line1: '2239 King Fahd Road', postcode: '12271', city: 'Riyadh', district: 'Al Olaya', state: 'Riyadh Province', stateCode: '01' },
];

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  readonly status: number;
}

export interface GeocoderFake {
  readonly url: string;
  readonly requests: FakeRequest[];
  /** Answer after this many milliseconds (a slow service). */
  delayMs: number;
  /** Answer 503 to everything (a service that is down). */
  down: boolean;
  close(): Promise<void>;
}

type Handler = (request: { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: unknown }) => { status: number; body: unknown };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
  res.end(JSON.stringify(body));
}

async function start(handle: Handler, corsHeaders: string, port = 0): Promise<GeocoderFake> {
  const requests: FakeRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const fake: GeocoderFake = { url: '', requests, delayMs: 0, down: false, close: async () => undefined };
  const server: Server = createServer(async (req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': corsHeaders,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: unknown = undefined;
    let result: { status: number; body: unknown };
    try {
      body = raw ? JSON.parse(raw) : undefined;
      result = fake.down ? { status: 503, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } } : handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    } catch {
      result = { status: 400, body: { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } } };
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, status: result.status });
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    if (!res.destroyed) send(res, result.status, result.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

const matches = (place: FakePlace, input: string): boolean => {
  const words = input.toLowerCase().split(/[\s,]+/).filter(Boolean);
  const haystack = `${place.line1} ${place.street} ${place.housenumber} ${place.postcode} ${place.city}`.toLowerCase();
  return words.length > 0 && words.every((word) => haystack.includes(word));
};

// ── Google Places API (New) ─────────────────────────────────────────────────────────────────

const googleError = (code: number, status: string, message: string) => ({ status: code, body: { error: { code, message, status } } });

/** Fields the autocomplete request body may hold (proto JSON refuses unknown names). */
const AUTOCOMPLETE_FIELDS = new Set([
  'input', 'locationBias', 'locationRestriction', 'includedPrimaryTypes', 'includedRegionCodes', 'languageCode', 'regionCode',
  'origin', 'inputOffset', 'includeQueryPredictions', 'sessionToken', 'includePureServiceAreaBusinesses',
]);
/** Field paths a details mask may name (the ones this fake serves, plus a few common ones). */
const PLACE_FIELDS = new Set(['id', 'name', 'displayName', 'formattedAddress', 'shortFormattedAddress', 'addressComponents', 'postalAddress', 'location', 'types', 'adrFormatAddress']);
const AUTOCOMPLETE_MASK = /^(\*|suggestions(\.(placePrediction|queryPrediction)(\.[a-zA-Z.]+)?)?)$/;
/** Session tokens: URL- and filename-safe base64, at most 36 characters. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{1,36}$/;

export interface GooglePlacesFake extends GeocoderFake {
  readonly apiKey: string;
}

function googleDetails(place: FakePlace): Record<string, unknown> {
  const component = (longText: string, shortText: string, types: string[]) => ({ longText, shortText, types, languageCode: 'en' });
  return {
    id: place.id,
    formattedAddress: `${place.line1}, ${place.postcode} ${place.city}, ${place.countryName}`,
    addressComponents: [
      component(place.housenumber, place.housenumber, ['street_number']),
      component(place.street, place.street, ['route']),
      ...(place.district ? [component(place.district, place.district, ['sublocality_level_1', 'sublocality', 'political'])] : []),
      component(place.city, place.city, ['locality', 'political']),
      ...(place.state ? [component(place.state, place.stateCode ?? place.state, ['administrative_area_level_1', 'political'])] : []),
      component(place.countryName, place.country, ['country', 'political']),
      component(place.postcode, place.postcode, ['postal_code']),
    ],
    postalAddress: {
      regionCode: place.country,
      languageCode: 'en',
      postalCode: place.postcode,
      ...(place.stateCode ? { administrativeArea: place.stateCode } : {}),
      locality: place.city,
      ...(place.district ? { sublocality: place.district } : {}),
      addressLines: [place.line1],
    },
  };
}

export function startGooglePlacesFake(options: { apiKey?: string; places?: readonly FakePlace[] } = {}): Promise<GooglePlacesFake> {
  const apiKey = options.apiKey ?? 'AIzaFakePlacesKey0000000000000000000000';
  const places = options.places ?? FAKE_PLACES;
  const handle: Handler = ({ method, path, query, headers, body }) => {
    if (headers['x-goog-api-key'] !== apiKey) {
      return googleError(403, 'PERMISSION_DENIED', headers['x-goog-api-key'] ? 'API key not valid. Please pass a valid API key.' : 'The request is missing a valid API key.');
    }
    if (method === 'POST' && path === '/v1/places:autocomplete') {
      if (!String(headers['content-type'] ?? '').startsWith('application/json')) return googleError(400, 'INVALID_ARGUMENT', 'Request content type must be application/json.');
      if (typeof body !== 'object' || body === null) return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
      const request = body as Record<string, unknown>;
      const unknown = Object.keys(request).find((key) => !AUTOCOMPLETE_FIELDS.has(key));
      if (unknown) return googleError(400, 'INVALID_ARGUMENT', `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
      if (typeof request['input'] !== 'string' || !request['input']) return googleError(400, 'INVALID_ARGUMENT', 'input must be set.');
      if (request['sessionToken'] !== undefined && !SESSION_TOKEN.test(String(request['sessionToken']))) return googleError(400, 'INVALID_ARGUMENT', 'Invalid session token.');
      const mask = headers['x-goog-fieldmask'];
      if (mask !== undefined && !String(mask).split(',').every((path) => AUTOCOMPLETE_MASK.test(path.trim()))) return googleError(400, 'INVALID_ARGUMENT', 'Invalid field mask.');
      const regions = Array.isArray(request['includedRegionCodes']) ? (request['includedRegionCodes'] as string[]).map((r) => r.toUpperCase()) : null;
      if (regions && regions.length > 15) return googleError(400, 'INVALID_ARGUMENT', 'At most 15 includedRegionCodes.');
      const found = places.filter((place) => (!regions || regions.includes(place.country)) && matches(place, String(request['input']))).slice(0, 5);
      return {
        status: 200,
        body: found.length
          ? {
              suggestions: found.map((place) => ({
                placePrediction: {
                  place: `places/${place.id}`,
                  placeId: place.id,
                  text: { text: `${place.line1}, ${place.city}, ${place.countryName}`, matches: [] },
                  structuredFormat: { mainText: { text: place.line1, matches: [] }, secondaryText: { text: `${place.city}, ${place.countryName}` } },
                  types: ['street_address', 'geocode'],
                },
              })),
            }
          : {},
      };
    }
    const details = /^\/v1\/places\/([^/]+)$/.exec(path);
    if (method === 'GET' && details) {
      const mask = headers['x-goog-fieldmask'] ?? query.get('fields') ?? query.get('$fields');
      if (!mask) return googleError(400, 'INVALID_ARGUMENT', 'FieldMask is a required parameter. See https://cloud.google.com/apis/docs/system-parameters on how to provide it.');
      const fields = String(mask).split(',').map((f) => f.trim());
      const bad = fields.find((f) => f !== '*' && !PLACE_FIELDS.has(f));
      if (bad) return googleError(400, 'INVALID_ARGUMENT', `Invalid field: ${bad}`);
      const token = query.get('sessionToken');
      if (token !== null && !SESSION_TOKEN.test(token)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid session token.');
      const place = places.find((p) => p.id === decodeURIComponent(details[1]!));
      if (!place) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
      const full = googleDetails(place);
      return { status: 200, body: fields.includes('*') ? full : Object.fromEntries(Object.entries(full).filter(([key]) => fields.includes(key))) };
    }
    return googleError(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`);
  };
  return start(handle, 'Content-Type, X-Goog-Api-Key, X-Goog-FieldMask').then((fake) => Object.assign(fake, { apiKey }));
}

// ── Photon ──────────────────────────────────────────────────────────────────────────────────

const PHOTON_LAYERS = new Set(['house', 'street', 'locality', 'district', 'city', 'county', 'state', 'country', 'other']);

export function startPhotonFake(options: { places?: readonly FakePlace[]; languages?: readonly string[]; port?: number } = {}): Promise<GeocoderFake> {
  const places = options.places ?? FAKE_PLACES;
  const languages = options.languages ?? ['default', 'en', 'de', 'fr'];
  const handle: Handler = ({ method, path, query }) => {
    if (method !== 'GET' || path !== '/api') return { status: 404, body: { message: 'Not found' } };
    const q = query.get('q');
    if (!q) return { status: 400, body: { message: 'missing search term \'q\': /?q=berlin' } };
    const lang = query.get('lang');
    if (lang && !languages.includes(lang)) return { status: 400, body: { message: `language ${lang} is not supported, supported languages are: ${languages.join(', ')}` } };
    const limitText = query.get('limit');
    const limit = limitText === null ? 15 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) return { status: 400, body: { message: 'invalid search term \'limit\', expected an integer.' } };
    const layers = query.getAll('layer');
    const badLayer = layers.find((layer) => !PHOTON_LAYERS.has(layer));
    if (badLayer) return { status: 400, body: { message: `invalid layer '${badLayer}'` } };
    if (layers.length && !layers.includes('house')) return { status: 200, body: { type: 'FeatureCollection', features: [] } };
    const found = places.filter((place) => matches(place, q)).slice(0, limit);
    return {
      status: 200,
      body: {
        type: 'FeatureCollection',
        features: found.map((place, index) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [13.38 + index / 100, 52.51] },
          properties: {
            osm_type: 'N',
            osm_id: 1000 + FAKE_PLACES.indexOf(place),
            osm_key: 'place',
            osm_value: 'house',
            type: 'house',
            housenumber: place.housenumber,
            street: place.street,
            postcode: place.postcode,
            city: place.city,
            ...(place.district ? { district: place.district } : {}),
            ...(place.state ? { state: place.state } : {}),
            country: place.countryName,
            countrycode: place.country,
          },
        })),
      },
    };
  };
  return start(handle, 'Content-Type', options.port);
}
