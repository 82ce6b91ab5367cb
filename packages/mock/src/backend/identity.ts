/**
 * An in-memory double of the backend's identity endpoints (`…/identity/*`), layered over a
 * `MemoryBackend`, for Storybook stories and component tests of `<omni-identity>`,
 * `<omni-saved-methods>` and `<omni-checkout identity>`. It knows one shopper; the code is fixed
 * (`code`, default 123456) so a story or test can type it. Answers have the real backend's shapes
 * and error codes: lookups answer alike for known and unknown emails, saved methods pay through
 * the mock provider, removals need step-up (an SMS code) unless the last sign-in was by passkey,
 * and so does (R20) paying with a saved method to a country none of the saved addresses is in when
 * the total is above `stepUpNewCountryAbove`. Addresses can be added, chosen and made the default.
 */
import type { CheckoutSession, DeviceSummary, IdentityLookupResponse, SavedAddress, SavedMethod, ShopperProfile, ShopperSession } from '@omni-checkout/core';
import {
  AddAddressRequest,
  DeviceRequest,
  IdentityLookupRequest,
  SaveIntentRequest,
  ShareRequest,
  VerifyCodeRequest,
} from '@omni-checkout/core/identity';
import { ResumeRequest, type ResumeOffer } from '@omni-checkout/core/handoff';
import { maskEmail, maskPhone } from '@omni-checkout/core/identity-client';
import { Id } from '@omni-checkout/core/schemas';
import { z } from 'zod';
import { tokenFor } from '../test-cards.js';
import { errorAnswer, HttpError, parse, toResponse } from './http.js';
import type { MemoryBackend } from './index.js';

const Empty = z.object({}).strict();
const ApplyRequest = z.object({ addressId: Id.optional() }).strict();

export interface IdentityDoubleOptions {
  readonly email?: string;
  readonly phone?: string | null;
  /** The code every challenge accepts. */
  readonly code?: string;
  /** The shopper has not agreed to share with this merchant yet. */
  readonly consentRequired?: boolean;
  readonly savedMethods?: readonly SavedMethod[];
  readonly passkeys?: number;
  /** A device token that this double recognises as remembered (the one-click path). */
  readonly deviceToken?: string;
  /** More saved addresses after "Home" (Berlin, the default). */
  readonly addresses?: readonly SavedAddress[];
  /** R20 threshold in minor units (default: never). */
  readonly stepUpNewCountryAbove?: number;
  /**
   * Resume on another device: the unfinished checkout offered to the signed-in shopper (with
   * consent), and the device credential its single exchange answers (default: no offer).
   */
  readonly resume?: { readonly offer: ResumeOffer; readonly clientSecret: string };
}

export interface IdentityDouble {
  readonly fetch: typeof fetch;
  /** Requests to identity routes, in order (path and JSON body). */
  readonly requests: { path: string; body: unknown }[];
  profile(): ShopperProfile;
}

export const DEFAULT_SAVED_METHODS: readonly SavedMethod[] = [
  { id: 'spm_visa4242', provider: 'mock', type: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034, isDefault: true },
  { id: 'spm_mc4444', provider: 'mock', type: 'card', brand: 'mastercard', last4: '4444', expMonth: 3, expYear: 2031, isDefault: false },
];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

export function withIdentity(memory: MemoryBackend, options: IdentityDoubleOptions = {}): IdentityDouble {
  const email = options.email ?? 'ada@example.com';
  const phone = options.phone === undefined ? '+4915123456742' : options.phone;
  const code = options.code ?? '123456';
  let consent = !options.consentRequired;
  let assurance: ShopperSession['assurance'] = 'email';
  let methods = [...(options.savedMethods ?? DEFAULT_SAVED_METHODS)];
  const challenges = new Map<string, { known: boolean; attempts: number; used: boolean }>();
  const requests: { path: string; body: unknown }[] = [];
  /** Challenges sent by text message for step-up: verifying one gives `sms` assurance. */
  const stepUps = new Set<string>();
  let token: string | null = null;
  let counter = 0;
  /** The resume offer was exchanged (single use). */
  let resumed = false;

  const address = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };
  let addresses: SavedAddress[] = [{ id: 'adr_home', label: 'Home', address, isDefault: true }, ...(options.addresses ?? [])];
  /** The session's shipping address as last set through this double (for the R20 check). */
  let shippingCountry: string | null = null;
  const profile = (): ShopperProfile => ({
    email,
    phone,
    addresses,
    savedMethods: methods,
    preferredShippingOptionId: null,
    passkeys: options.passkeys ?? 0,
  });
  const signedIn = (how: ShopperSession['assurance']): ShopperSession => {
    token = `shtok_double_${++counter}`;
    assurance = how;
    return {
      shopperToken: token,
      expiresAt: new Date(Date.now() + 15 * 60 * 1000).toISOString(),
      assurance: how,
      profile: consent ? profile() : null,
      consentRequired: !consent,
    };
  };
  const challenge = (hint: string, channel: 'email' | 'sms', known: boolean): IdentityLookupResponse => {
    const id = `otp_double_${++counter}`;
    challenges.set(id, { known, attempts: 0, used: false });
    return { challengeId: id, channel, hint, expiresAt: new Date(Date.now() + 10 * 60 * 1000).toISOString() };
  };

  /** The shopper token check of the real backend: none sent, or one this double did not issue. */
  function requireToken(request: Request): void {
    const sent = request.headers.get('omni-shopper-token');
    if (!sent) throw new HttpError(401, 'shopper_token_required', 'Verify your email or phone first.');
    if (sent !== token) throw new HttpError(401, 'invalid_shopper_token', 'Your sign-in has expired. Please verify again.');
  }
  function requireConsent(): void {
    if (!consent) throw new HttpError(403, 'consent_required', 'Agree to share your saved details with this shop first.');
  }
  /** As the real backend: a token, then consent (then, per route, step-up). */
  function forShopper(request: Request): void {
    requireToken(request);
    requireConsent();
  }
  const addressNotFound = () => new HttpError(404, 'address_not_found', 'That address is not in your profile.');
  const methodNotFound = () => new HttpError(404, 'saved_method_not_found', 'That payment method is not saved in your profile.');

  /** What the remembered device may show: this double recognises `options.deviceToken` only. */
  function deviceSummary(deviceToken: string): DeviceSummary {
    const recognized = Boolean(options.deviceToken) && deviceToken === options.deviceToken;
    const method = methods.find((m) => m.isDefault) ?? methods[0];
    return recognized && method
      ? { recognized, method: { id: method.id, brand: method.brand, last4: method.last4 }, address: { id: 'adr_home', label: 'Home' }, hasPasskey: (options.passkeys ?? 0) > 0 }
      : { recognized: false, method: null, address: null, hasPasskey: false };
  }
  /** WebAuthn request options with a fresh challenge each time, as the real backend issues them. */
  function passkeyOptions(request: Request): Record<string, unknown> {
    // The relying party is the page's host, as the real backend takes it from the Origin.
    const rpId = globalThis.location?.hostname ?? new URL(request.headers.get('origin') ?? request.url).hostname;
    const challenge = btoa(`double-challenge-${++counter}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    return { challenge, rpId, userVerification: 'required', timeout: 300000 };
  }

  async function identityRoute(path: string, request: Request): Promise<Response> {
    const body = request.method === 'POST' ? ((await request.json().catch(() => ({}))) as Record<string, unknown>) : {};
    requests.push({ path, body });
    try {
      const answer = await identityAnswer(path, request, body);
      return answer instanceof Response ? answer : json(200, answer);
    } catch (failure) {
      if (failure instanceof HttpError) return toResponse(errorAnswer(failure));
      throw failure;
    }
  }

  /** The answer of an identity route; bodies are validated first, as the real backend's routes do. */
  async function identityAnswer(path: string, request: Request, body: Record<string, unknown>): Promise<unknown> {
    switch (path) {
      case 'lookup': {
        const asked = parse(IdentityLookupRequest, body);
        if ('email' in asked) {
          const normalised = asked.email.trim().normalize('NFC').toLowerCase();
          return challenge(maskEmail(normalised), 'email', normalised === email);
        }
        return challenge(maskPhone(asked.phone), 'sms', asked.phone.replace(/\D/g, '') === phone?.replace(/\D/g, ''));
      }
      case 'verify': {
        const input = parse(VerifyCodeRequest, body);
        const wrong = () => new HttpError(400, 'invalid_code', 'That code is not right. Check the latest message and try again.');
        const entry = challenges.get(input.challengeId);
        if (!entry) throw wrong();
        // Five guesses per code, counted before the check; a used code takes no more.
        if (entry.used || entry.attempts >= 5) throw new HttpError(429, 'too_many_attempts', 'This code can no longer be used. Ask for a new one.');
        entry.attempts++;
        if (input.code !== code || !entry.known) throw wrong();
        entry.used = true;
        return signedIn(stepUps.has(input.challengeId) ? 'sms' : 'email');
      }
      case 'step-up': {
        parse(Empty, body);
        requireToken(request);
        if (!phone) throw new HttpError(400, 'sms_unavailable', 'There is no phone number on your profile. Confirm with your passkey instead.');
        const answer = challenge(maskPhone(phone), 'sms', true);
        stepUps.add(answer.challengeId);
        return answer;
      }
      case 'save':
        parse(SaveIntentRequest, body);
        return { saved: true };
      case 'share':
        parse(ShareRequest, body);
        requireToken(request);
        consent = true;
        return profile();
      case 'profile':
        forShopper(request);
        return profile();
      case 'apply': {
        const { addressId } = parse(ApplyRequest, body);
        forShopper(request);
        const chosen = addressId ? addresses.find((a) => a.id === addressId) : (addresses.find((a) => a.isDefault) ?? addresses[0]);
        if (addressId && !chosen) throw addressNotFound();
        const contact = await memory.fetch(sessionUrl(request, 'contact'), post(request, { email }));
        if (!chosen) return contact.json();
        shippingCountry = chosen.address.country;
        const answer = await memory.fetch(sessionUrl(request, 'shipping-address'), post(request, chosen.address));
        return answer.json();
      }
      case 'addresses': {
        const input = parse(AddAddressRequest, body);
        forShopper(request);
        const isDefault = input.makeDefault === true || addresses.length === 0;
        const added: SavedAddress = { id: `adr_double_${++counter}`, label: input.label, address: input.address, isDefault };
        addresses = [...addresses.map((a) => (isDefault ? { ...a, isDefault: false } : a)), added];
        return profile();
      }
      case 'device':
        return deviceSummary(parse(DeviceRequest, body).deviceToken);
      case 'recall': {
        // The session, the device and (only for a one-click device on an open session) the passkey
        // options in one answer, as the real backend's `/identity/recall`.
        const { deviceToken } = parse(DeviceRequest, body);
        const answer = await memory.fetch(request.url.replace(/\/identity\/.*$/, ''), { headers: request.headers });
        // A refused session (wrong client secret, publishable key) is refused here alike.
        if (!answer.ok) return answer;
        const session = (await answer.json()) as CheckoutSession;
        const device = deviceSummary(deviceToken);
        const oneClick = session.status === 'open' && device.recognized && device.hasPasskey && device.method !== null && device.address !== null;
        return { session, device, passkeyOptions: oneClick ? passkeyOptions(request) : null };
      }
      case 'resume': {
        // As the real backend: the token first; without consent there is no offer (and no exchange).
        if (request.method === 'GET') {
          requireToken(request);
          return { offer: consent && options.resume && !resumed ? options.resume.offer : null };
        }
        const { sessionId } = parse(ResumeRequest, body);
        forShopper(request);
        if (!options.resume || resumed || sessionId !== options.resume.offer.sessionId) {
          throw new HttpError(404, 'resume_not_available', 'This checkout can no longer be continued here. The cart on this device is still yours.');
        }
        resumed = true;
        return { object: 'resume_device', sessionId, clientSecret: options.resume.clientSecret, deviceId: `hd_${'0'.repeat(15)}${++counter}`, shopperToken: token! };
      }
      case 'passkeys/authentication-options':
        parse(Empty, body);
        return { options: passkeyOptions(request) };
      default: {
        const defaultAddress = /^addresses\/([\w-]+)\/default$/.exec(path);
        if (defaultAddress) {
          parse(Empty, body);
          forShopper(request);
          if (!addresses.some((a) => a.id === defaultAddress[1])) throw addressNotFound();
          addresses = addresses.map((a) => ({ ...a, isDefault: a.id === defaultAddress[1] }));
          return profile();
        }
        const item = /^methods\/([\w-]+)\/(remove|default)$/.exec(path);
        if (item) {
          parse(Empty, body);
          forShopper(request);
          if (item[2] === 'default') {
            if (!methods.some((m) => m.id === item[1])) throw methodNotFound();
            methods = methods.map((m) => ({ ...m, isDefault: m.id === item[1] }));
            return profile();
          }
          // Removal: step-up first (a fresh code by text message or a passkey), then the method.
          if (assurance === 'email' && phone) {
            throw new HttpError(403, 'step_up_required', 'For your security, confirm it is you with a code by text message or your passkey.');
          }
          if (!methods.some((m) => m.id === item[1])) throw methodNotFound();
          methods = methods.filter((m) => m.id !== item[1]);
          if (methods.length && !methods.some((m) => m.isDefault)) methods[0] = { ...methods[0]!, isDefault: true };
          return profile();
        }
        throw new HttpError(404, 'not_found', 'There is nothing at this address. Check the method and path.');
      }
    }
  }

  const doubleFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const identity = /\/identity\/(.+)$/.exec(url.pathname);
    if (identity) return identityRoute(identity[1]!, request);
    if (url.pathname.endsWith('/shipping-address') && request.method === 'POST') {
      shippingCountry = ((await request.clone().json().catch(() => ({}))) as { country?: string }).country ?? null;
    }
    if (url.pathname.endsWith('/confirm') && request.method === 'POST') {
      const body = (await request.clone().json().catch(() => ({}))) as { paymentMethod?: string };
      const saved = body.paymentMethod?.startsWith('spm_') ? methods.find((m) => m.id === body.paymentMethod) : undefined;
      if (body.paymentMethod?.startsWith('spm_')) {
        try {
          forShopper(request);
        } catch (failure) {
          if (failure instanceof HttpError) return toResponse(errorAnswer(failure));
          throw failure;
        }
        if (!saved) return toResponse(errorAnswer(methodNotFound()));
        const total = ((await (await memory.fetch(request.url.replace(/\/confirm$/, ''), { headers: request.headers })).json()) as { totals: { total: number } }).totals.total;
        const newCountry = shippingCountry !== null && !addresses.some((a) => a.address.country === shippingCountry);
        if (newCountry && total > (options.stepUpNewCountryAbove ?? Infinity) && assurance === 'email' && phone) {
          return error(403, 'step_up_required', 'This order goes to a new country. For your security, confirm it is you with a code by text message or your passkey.');
        }
        return memory.fetch(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify({ ...body, paymentMethod: tokenFor('success', saved.last4 ?? '4242') }) });
      }
    }
    return memory.fetch(request);
  };

  return { fetch: doubleFetch, requests, profile };
}

function sessionUrl(request: Request, suffix: string): string {
  return request.url.replace(/\/identity\/.*$/, `/${suffix}`);
}

function post(request: Request, body: unknown): RequestInit {
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/json');
  return { method: 'POST', headers, body: JSON.stringify(body) };
}
