/**
 * Address suggestion adapters (`@omni-checkout/core/suggestions/*`) against loopback fakes of
 * Google Places API (New) and Photon that check what the real services check, and the
 * `Suggester` driver (debounce, sessions, latest wins, time budget, failures).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadAddressRules } from '@omni-checkout/core/address';
import { fitSuggestedAddress, Suggester, SuggestionError, type SuggesterState, type SuggestionProvider } from '@omni-checkout/core/suggestions';
import { googlePlaces, AUTOCOMPLETE_FIELD_MASK, DETAILS_FIELD_MASK } from '@omni-checkout/core/suggestions/google-places';
import { photon } from '@omni-checkout/core/suggestions/photon';
import { startGooglePlacesFake, startPhotonFake, type GeocoderFake, type GooglePlacesFake } from './testing/geocoder-fakes.js';

const signal = () => new AbortController().signal;

let google: GooglePlacesFake;
let photonFake: GeocoderFake;
beforeAll(async () => {
  [google, photonFake] = await Promise.all([startGooglePlacesFake(), startPhotonFake()]);
});
afterAll(async () => {
  await Promise.all([google.close(), photonFake.close()]);
});
afterEach(() => {
  google.requests.length = 0;
  photonFake.requests.length = 0;
  google.delayMs = photonFake.delayMs = 0;
  google.down = photonFake.down = false;
});

describe('the Google Places fake refuses what Places API (New) refuses', () => {
  it('a request without the API key, details without a field mask, unknown body fields', async () => {
    const noKey = await fetch(`${google.url}/v1/places:autocomplete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"input":"1600"}' });
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toMatchObject({ error: { status: 'PERMISSION_DENIED' } });
    const noMask = await fetch(`${google.url}/v1/places/ChIJ-us-1600`, { headers: { 'X-Goog-Api-Key': google.apiKey } });
    expect(noMask.status).toBe(400);
    expect(((await noMask.json()) as { error: { message: string } }).error.message).toMatch(/FieldMask is a required parameter/);
    const unknown = await fetch(`${google.url}/v1/places:autocomplete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Goog-Api-Key': google.apiKey },
      body: JSON.stringify({ input: '1600', types: ['address'] }),
    });
    expect(unknown.status).toBe(400);
    const badToken = await fetch(`${google.url}/v1/places:autocomplete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Goog-Api-Key': google.apiKey },
      body: JSON.stringify({ input: '1600', sessionToken: 'not a token!' }),
    });
    expect(badToken.status).toBe(400);
  });
});

describe('Google Places API (New) adapter', () => {
  it('sends the key, the field masks and one session token from the first keystroke to the details call', async () => {
    const provider = googlePlaces({ apiKey: google.apiKey, baseUrl: google.url });
    const session = provider.startSession();
    const first = await session.suggest({ input: '1600 Amph', country: 'US', language: 'en', signal: signal() });
    const second = await session.suggest({ input: '1600 Amphitheatre', country: 'US', language: 'en', signal: signal() });
    expect(first).toEqual([{ id: 'ChIJ-us-1600', mainText: '1600 Amphitheatre Parkway', secondaryText: 'Mountain View, United States' }]);
    expect(second).toEqual(first);
    const address = await session.resolve(second[0]!, { country: 'US', language: 'en', signal: signal() });
    expect(address).toMatchObject({ country: 'US', line1: '1600 Amphitheatre Parkway', city: 'Mountain View', region: 'CA', postalCode: '94043' });

    expect(google.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v1/places:autocomplete 200',
      'POST /v1/places:autocomplete 200',
      'GET /v1/places/ChIJ-us-1600 200',
    ]);
    const [a, b, details] = google.requests as [(typeof google.requests)[0], (typeof google.requests)[0], (typeof google.requests)[0]];
    for (const r of [a, b, details]) expect(r.headers['x-goog-api-key']).toBe(google.apiKey);
    expect(a.headers['x-goog-fieldmask']).toBe(AUTOCOMPLETE_FIELD_MASK);
    expect(details.headers['x-goog-fieldmask']).toBe(DETAILS_FIELD_MASK);
    const token = (a.body as { sessionToken: string }).sessionToken;
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((b.body as { sessionToken: string }).sessionToken).toBe(token);
    expect(details.query.get('sessionToken')).toBe(token);
    expect(a.body).toMatchObject({ input: '1600 Amph', languageCode: 'en', regionCode: 'us', includedRegionCodes: ['us'] });
    expect(details.query.get('languageCode')).toBe('en');

    // The next session has a token of its own.
    await provider.startSession().suggest({ input: 'Fifth Avenue', country: 'US', language: 'en', signal: signal() });
    expect((google.requests[3]!.body as { sessionToken: string }).sessionToken).not.toBe(token);
  });

  it('restricts to the form’s country and fits the pick to that country’s form (region key, district)', async () => {
    const session = googlePlaces({ apiKey: google.apiKey, baseUrl: google.url }).startSession();
    expect(await session.suggest({ input: '1600', country: 'DE', language: 'de', signal: signal() })).toEqual([]);
    const [sa] = await session.suggest({ input: 'King Fahd', country: 'SA', language: 'ar', signal: signal() });
    const address = await session.resolve(sa!, { country: 'SA', language: 'ar', signal: signal() });
    const rules = await loadAddressRules('SA');
    const fitted = fitSuggestedAddress(address, rules);
    expect(fitted).toMatchObject({ country: 'SA', line1: '2239 King Fahd Road', city: 'Riyadh', postalCode: '12271' });
    // Saudi addresses have no region field in Google's data: none is carried over.
    expect(fitted.region).toBeUndefined();
    const us = fitSuggestedAddress({ country: 'US', line1: '1 Apple Park Way', region: 'California', city: 'Cupertino', postalCode: '95014' }, await loadAddressRules('US'));
    expect(us.region).toBe('CA');
    const unknownRegion = fitSuggestedAddress({ country: 'US', line1: 'x', region: 'Atlantis' }, await loadAddressRules('US'));
    expect(unknownRegion.region).toBeUndefined();
  });

  it('turns a wrong key, an outage and a bad answer into SuggestionErrors', async () => {
    const wrongKey = googlePlaces({ apiKey: 'AIzaWrong', baseUrl: google.url }).startSession();
    const refused = await wrongKey.suggest({ input: '1600', country: 'US', language: 'en', signal: signal() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SuggestionError);
    expect(refused).toMatchObject({ code: 'rejected', status: 403, message: 'API key not valid. Please pass a valid API key.' });
    google.down = true;
    const down = await googlePlaces({ apiKey: google.apiKey, baseUrl: google.url }).startSession().suggest({ input: '1600', country: 'US', language: 'en', signal: signal() }).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'unavailable', status: 503 });
    const nowhere = await googlePlaces({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' }).startSession().suggest({ input: '1600', country: 'US', language: 'en', signal: signal() }).catch((e: unknown) => e);
    expect(nowhere).toMatchObject({ code: 'unavailable' });
    const odd = googlePlaces({ apiKey: 'k', fetch: async () => Response.json({ suggestions: 'nope' }) }).startSession();
    expect(await odd.suggest({ input: '1600', country: 'US', language: 'en', signal: signal() }).catch((e: unknown) => e)).toMatchObject({ code: 'invalid_response' });
  });
});

describe('Photon adapter', () => {
  it('asks /api with q, limit, layers and a supported lang, keeps the form’s country, resolves without another request', async () => {
    const session = photon({ baseUrl: photonFake.url }).startSession();
    const found = await session.suggest({ input: 'Unter den Linden', country: 'DE', language: 'de-DE', signal: signal() });
    expect(found).toEqual([{ id: 'N1004', mainText: 'Unter den Linden 1', secondaryText: '10117 Berlin, Berlin, Deutschland' }]);
    const request = photonFake.requests[0]!;
    expect(request.status).toBe(200);
    expect(request.query.get('q')).toBe('Unter den Linden');
    expect(request.query.get('lang')).toBe('de');
    expect(request.query.getAll('layer')).toEqual(['house', 'street']);
    expect(Number(request.query.get('limit'))).toBeGreaterThan(0);

    const address = await session.resolve(found[0]!, { country: 'DE', language: 'de', signal: signal() });
    expect(photonFake.requests).toHaveLength(1);
    expect(fitSuggestedAddress(address, await loadAddressRules('DE'))).toEqual({ country: 'DE', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117' });

    // Polish is not among Photon's languages: no `lang` (Photon would answer 400), results still come.
    const pl = await session.suggest({ input: 'Marszałkowska', country: 'PL', language: 'pl', signal: signal() });
    expect(pl.map((s) => s.mainText)).toEqual(['Marszałkowska 10']);
    expect(photonFake.requests[1]!.query.has('lang')).toBe(false);
    // Another country's match is left out.
    expect(await session.suggest({ input: 'Unter den Linden', country: 'PL', language: 'pl', signal: signal() })).toEqual([]);
  });

  it('reports Photon’s own error message', async () => {
    const session = photon({ baseUrl: photonFake.url, languages: ['pl'] }).startSession();
    const error = await session.suggest({ input: 'Marszałkowska', country: 'PL', language: 'pl', signal: signal() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rejected', status: 400, message: expect.stringMatching(/language pl is not supported/) });
  });
});

describe('Suggester', () => {
  const context = { country: 'US', language: 'en' };
  function collect() {
    const states: SuggesterState[] = [];
    return { states, onState: (state: SuggesterState) => states.push(state) };
  }
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('debounces keystrokes into one request and keeps one Places session until the pick', async () => {
    const { states, onState } = collect();
    const suggester = new Suggester({ source: googlePlaces({ apiKey: google.apiKey, baseUrl: google.url }), debounceMs: 30, onState });
    for (const text of ['1', '16', '160', '1600', '1600 A', '1600 Am']) suggester.input(text, context);
    await expect.poll(() => states.at(-1)?.status, { timeout: 5000 }).toBe('results');
    expect(google.requests).toHaveLength(1);
    expect((google.requests[0]!.body as { input: string }).input).toBe('1600 Am');
    expect(states.at(-1)).toMatchObject({ status: 'results', input: '1600 Am', suggestions: [{ id: 'ChIJ-us-1600' }] });
    suggester.input('1600 Amphi', context);
    await expect.poll(() => google.requests.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => (states.at(-1) as { input?: string }).input, { timeout: 5000 }).toBe('1600 Amphi');
    await expect.poll(() => states.at(-1)?.status, { timeout: 5000 }).toBe('results');
    const shown = states.at(-1);
    if (shown?.status !== 'results') throw new Error(`no suggestions shown: ${shown?.status}`);
    const picked = await suggester.pick(shown.suggestions[0]!, context);
    expect(picked).toMatchObject({ line1: '1600 Amphitheatre Parkway' });
    const tokens = google.requests.map((r) => (r.body as { sessionToken?: string } | undefined)?.sessionToken ?? r.query.get('sessionToken'));
    expect(new Set(tokens).size).toBe(1);
    // After the pick, typing starts a new session.
    suggester.input('350 Fifth', context);
    await expect.poll(() => google.requests.length, { timeout: 5000 }).toBe(4);
    expect((google.requests.at(-1)!.body as { sessionToken: string }).sessionToken).not.toBe(tokens[0]);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const { states, onState } = collect();
    const slowFirst: SuggestionProvider = {
      id: 'test',
      startSession: () => ({
        // Ignores the abort signal on purpose: a provider that does must still not win.
        suggest: ({ input }) => new Promise((resolve) => setTimeout(() => resolve([{ id: input, mainText: input, secondaryText: '' }]), input === 'first' ? 120 : 10)),
        resolve: async () => ({ country: 'US' }),
      }),
    };
    const suggester = new Suggester({ source: slowFirst, debounceMs: 0, onState });
    suggester.input('first', context);
    await settle(20);
    suggester.input('second', context);
    await settle(250);
    const results = states.filter((s) => s.status === 'results');
    expect(results).toEqual([{ status: 'results', input: 'second', suggestions: [{ id: 'second', mainText: 'second', secondaryText: '' }] }]);
    expect(suggester.state).toMatchObject({ status: 'results', input: 'second' });
  });

  it('gives up on a slow or failing provider without rejecting anything', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { states, onState } = collect();
      // The provider answers after 2 s, the budget is 300 ms; then it is down and answers 503 at once
      // (well within the budget on a loaded machine too). Each state is waited for, not a fixed time.
      google.delayMs = 2000;
      const slow = new Suggester({ source: googlePlaces({ apiKey: google.apiKey, baseUrl: google.url }), debounceMs: 0, budgetMs: 300, onState });
      slow.input('1600 Amph', context);
      await vi.waitFor(() => expect(states.at(-1)).toEqual({ status: 'unavailable', input: '1600 Amph', reason: 'timeout' }), { timeout: 1500 });
      google.delayMs = 0;
      google.down = true;
      slow.input('1600 Amphi', context);
      await vi.waitFor(() => expect(states.at(-1)).toEqual({ status: 'unavailable', input: '1600 Amphi', reason: 'unavailable' }), { timeout: 1500 });
      // A loader that fails (the adapter chunk could not load) is retried on the next keystroke.
      let loads = 0;
      const failingLoad = new Suggester({
        source: async () => {
          loads += 1;
          throw new Error('chunk failed');
        },
        debounceMs: 0,
        onState,
      });
      failingLoad.input('abc', context);
      await settle(30);
      failingLoad.input('abcd', context);
      await settle(30);
      expect(loads).toBe(2);
      expect(states.at(-1)).toMatchObject({ status: 'unavailable', input: 'abcd' });
      await settle(500);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('asks nothing for fewer than three characters', async () => {
    const { states, onState } = collect();
    const suggester = new Suggester({ source: photon({ baseUrl: photonFake.url }), debounceMs: 0, onState });
    suggester.input('Un', context);
    await settle(50);
    expect(photonFake.requests).toHaveLength(0);
    expect(states).toEqual([{ status: 'idle' }]);
  });
});
