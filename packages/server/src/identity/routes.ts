/**
 * HTTP routes of the shopper identity network, under the checkout session:
 * `/v1/client/checkout-sessions/{id}/identity/*`. The session's client secret and the merchant's
 * publishable key are checked by the client middleware; these handlers also require the page's
 * `Origin` (tokens are bound to it) and, where they act for a shopper, `Omni-Shopper-Token`.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  AddAddressRequest,
  ChangeContactRequest,
  CheckoutSession,
  DeviceRequest,
  DeviceSummary,
  Id,
  IdentityLookupRequest,
  IdentityLookupResponse,
  PasskeyOptionsResponse,
  PasskeyResponseRequest,
  RecallResponse,
  SaveIntentRequest,
  ShareRequest,
  ShopperOrderList,
  ShopperProfile,
  ShopperSession,
  VerifyCodeRequest,
} from '@omni-checkout/core';
import { ResumeOfferResponse, ResumeRequest, ResumeResponse } from '@omni-checkout/core/handoff';
import { updateSession, type CheckoutDeps } from '../checkout.js';
import { ApiError } from '../errors.js';
import { clientIp } from '../http/client-ip.js';
import type { AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import { sessionView } from '../session-view.js';
import * as identity from './index.js';
import { shopperOrders } from './orders.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code') };
const client = [{ clientSecret: [], publishableKey: [] }];
const shopper = [{ clientSecret: [], publishableKey: [], shopperToken: [] }];
const base = '/v1/client/checkout-sessions/{id}/identity';

const params = z.object({ id: Id });
const withItem = z.object({ id: Id, itemId: Id });
const responses = <R extends z.ZodType>(response: R) => ({ 200: json(response, 'OK'), ...errors });

/** `POST` with a JSON body. */
const post = <B extends z.ZodType, R extends z.ZodType>(path: string, summary: string, request: B, response: R, needsShopper = false) =>
  createRoute({
    method: 'post',
    path: `${base}${path}`,
    summary,
    tags: ['identity'],
    security: needsShopper ? shopper : client,
    request: { params, body: body(request) },
    responses: responses(response),
  });

/** `POST` on one item of the profile (`{itemId}`), no body fields. */
const postItem = <R extends z.ZodType>(path: string, summary: string, response: R) =>
  createRoute({
    method: 'post',
    path: `${base}${path}`,
    summary,
    tags: ['identity'],
    security: shopper,
    request: { params: withItem, body: body(z.object({}).strict()) },
    responses: responses(response),
  });

const get = <R extends z.ZodType>(path: string, summary: string, response: R) =>
  createRoute({ method: 'get', path: `${base}${path}`, summary, tags: ['identity'], security: shopper, request: { params }, responses: responses(response) });

const Ok = <K extends string>(key: K) => z.object({ [key]: z.boolean() } as Record<K, z.ZodBoolean>);
const Empty = z.object({}).strict();
const ApplyRequest = z.object({ addressId: Id.optional() }).strict();
const ExportBody = z.record(z.string(), z.unknown());

export const identityRoutes = {
  lookup: post('/lookup', 'Send a one-time code to an email or phone. Same answer for known and unknown shoppers (no enumeration); before verification only a masked hint.', IdentityLookupRequest, IdentityLookupResponse),
  verify: post('/verify', 'Check a 6-digit code (5 guesses per code, counted atomically); answers a shopper token (15 min, this merchant, session and origin) and, with consent, the profile.', VerifyCodeRequest, ShopperSession),
  stepUp: post('/step-up', 'Send a code by text message to the phone on file (step-up before contact or method changes).', Empty, IdentityLookupResponse, true),
  save: post('/save', 'Record (or withdraw) the guest\'s "save my details" consent; the identity is created only when the order is paid.', SaveIntentRequest, z.object({ saved: z.boolean() })),
  share: post('/share', 'Agree to share the saved details with this merchant.', ShareRequest, ShopperProfile, true),
  profile: get('/profile', "The shopper's saved details (for a merchant they share with).", ShopperProfile),
  apply: post('/apply', 'Prefill the checkout session from the profile (email, default or given address, preferred shipping).', ApplyRequest, CheckoutSession, true),
  addAddress: post('/addresses', 'Add an address to the profile.', AddAddressRequest, ShopperProfile, true),
  defaultAddress: postItem('/addresses/{itemId}/default', 'Make an address the default.', ShopperProfile),
  defaultMethod: postItem('/methods/{itemId}/default', 'Make a saved method the default.', ShopperProfile),
  removeMethod: postItem('/methods/{itemId}/remove', 'Remove a saved method: needs step-up; detaches it at the provider and notifies the shopper.', ShopperProfile),
  contact: post('/contact', 'Change email or phone: needs step-up; revokes remembered devices and notifies the old contact.', ChangeContactRequest, ShopperProfile, true),
  device: post('/device', 'What a remembered device on this site may show before the passkey (masked method, address label).', DeviceRequest, DeviceSummary),
  recall: post(
    '/recall',
    "A returning shopper's first render in one round trip: the session (as `GET` on the session answers it), the device summary (as `/device`) and, only when the device can pay in one click on an open session, passkey request options (as `/passkeys/authentication-options`: single-use challenge, 5 minutes, bound to this session).",
    DeviceRequest,
    RecallResponse,
  ),
  forgetDevice: post('/device/forget', 'Revoke the remembered device holding this token.', DeviceRequest, Ok('revoked')),
  revokeDevice: postItem('/devices/{itemId}/revoke', "Revoke one of the shopper's remembered devices.", Ok('revoked')),
  passkeyOptions: post('/passkeys/authentication-options', 'WebAuthn options for a discoverable-passkey sign-in (single-use challenge, 5 minutes, user verification required).', Empty, PasskeyOptionsResponse),
  passkeyAuthenticate: post('/passkeys/authenticate', 'Sign in with a passkey; answers like /verify.', PasskeyResponseRequest, ShopperSession),
  passkeyRegistrationOptions: post('/passkeys/registration-options', 'WebAuthn options to register a passkey for the verified shopper.', Empty, PasskeyOptionsResponse, true),
  passkeyRegister: post('/passkeys', 'Register a passkey for the verified shopper; this device is remembered on this site (answers its token).', PasskeyResponseRequest, z.object({ registered: z.boolean(), deviceToken: z.string() }), true),
  resumeOffer: get(
    '/resume',
    "Resume on another device: the signed-in shopper's most recent other unfinished checkout at this merchant (open, unexpired, touched within the merchant's window, default 7 days; lines and total only), or `offer: null`. Needs consent at this merchant.",
    ResumeOfferResponse,
  ),
  resume: post(
    '/resume',
    "Continue the offered checkout on this device, once: a device credential of that session (never its client secret) and the shopper's sign-in carried over to it. 404 `resume_not_available` for anything not on offer to this shopper (another shopper's or merchant's, paid, expired, outside the window, already continued); 403 `consent_required` without consent.",
    ResumeRequest,
    ResumeResponse,
    true,
  ),
  export: get('/export', 'Everything stored about the shopper (GDPR export), from a merchant the shopper shares with (403 consent_required otherwise; the shopper’s own page is /privacy on the backend).', ExportBody),
  erase: post('/erase', 'Delete the identity, addresses, devices and passkeys; detach provider methods; pseudonymise orders. Needs a verification in the last 5 minutes.', Empty, Ok('erased'), true),
};

/**
 * The recognised shopper's orders at this merchant (the order-status page's list). No checkout
 * session: publishable key, the page's `Origin` and the shopper token; consent required.
 */
export const shopperOrdersRoute = createRoute({
  method: 'get',
  path: '/v1/client/identity/orders',
  summary:
    "The recognised shopper's orders at this merchant, newest first (one page of 20), each with its state, amount, date, items and the signed status token that opens it. 401 without a valid shopper token (issued at this merchant and origin), 403 `consent_required` before the shopper shares with this merchant.",
  tags: ['identity'],
  security: [{ publishableKey: [], shopperToken: [] }],
  responses: responses(ShopperOrderList),
});

export interface IdentityHttpOptions {
  /** Read the client IP from `X-Forwarded-For` (behind a trusted proxy). */
  readonly trustProxy?: boolean;
}


export function callerOf(c: Context<AppEnv>, options: IdentityHttpOptions = {}): identity.Caller {
  const origin = c.req.header('origin');
  if (!origin) throw new ApiError(403, 'origin_not_allowed', 'Identity requests must come from the merchant’s page (Origin header).');
  return { session: c.get('session'), merchant: c.get('merchant'), origin, ip: clientIp(c, options.trustProxy === true) };
}

export function registerIdentityRoutes(app: OpenAPIHono<AppEnv>, deps: identity.IdentityDeps, checkout: CheckoutDeps, options: IdentityHttpOptions = {}): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'shopperToken', { type: 'apiKey', in: 'header', name: 'Omni-Shopper-Token' });
  const caller = (c: Context<AppEnv>) => callerOf(c, options);
  const token = async (c: Context<AppEnv>) => identity.authenticateShopper(deps, caller(c), c.req.header('omni-shopper-token'));
  const r = identityRoutes;

  app.openapi(shopperOrdersRoute, async (c) => {
    const origin = c.req.header('origin');
    if (!origin) throw new ApiError(403, 'origin_not_allowed', 'Identity requests must come from the merchant’s page (Origin header).');
    return c.json(await shopperOrders(deps, c.get('merchant'), origin, c.req.header('omni-shopper-token')), 200);
  });

  app.openapi(r.lookup, async (c) => {
    // Codes go out only for a checkout that can still be paid: an expired or finished session's
    // client secret (left in a page, a log, a shared screen) must not become a code-sending oracle.
    const session = c.get('session');
    if (session.status === 'complete' || session.expiresAt.getTime() <= checkout.now().getTime()) {
      throw new ApiError(410, 'session_expired', 'This checkout is no longer open. Please start again from the shop.');
    }
    return c.json(await identity.lookup(deps, caller(c), c.req.valid('json')), 200);
  });
  app.openapi(r.verify, async (c) => c.json(await identity.verifyCode(deps, caller(c), c.req.valid('json')), 200));
  app.openapi(r.stepUp, async (c) => c.json(await identity.startStepUp(deps, caller(c), await token(c)), 200));
  app.openapi(r.save, async (c) => c.json(await identity.setSaveIntent(deps, caller(c), c.req.valid('json')), 200));
  app.openapi(r.share, async (c) => c.json(await identity.share(deps, caller(c), await token(c), c.req.valid('json').textVersion), 200));
  app.openapi(r.profile, async (c) => c.json(await identity.profile(deps, caller(c), await token(c)), 200));
  app.openapi(r.apply, async (c) => {
    const who = caller(c);
    const applied = { contact: false, address: false };
    const session = await identity.applyProfile(deps, who, await token(c), c.req.valid('json').addressId, async (patch) => {
      const current = (await checkout.storage.sessionById(who.session.id)) ?? who.session;
      const updated = await updateSession(checkout, current, patch);
      if ('contact' in patch) applied.contact = true;
      if ('shippingAddress' in patch) applied.address = true;
      return updated;
    });
    c.set('profileApplied', applied);
    return c.json(session, 200);
  });
  app.openapi(r.addAddress, async (c) => c.json(await identity.addAddress(deps, caller(c), await token(c), c.req.valid('json')), 200));
  app.openapi(r.defaultAddress, async (c) =>
    c.json(await identity.setDefaultAddress(deps, caller(c), await token(c), c.req.valid('param').itemId), 200),
  );
  app.openapi(r.defaultMethod, async (c) => c.json(await identity.setDefaultMethod(deps, caller(c), await token(c), c.req.valid('param').itemId), 200));
  app.openapi(r.removeMethod, async (c) => c.json(await identity.removeMethod(deps, caller(c), await token(c), c.req.valid('param').itemId), 200));
  app.openapi(r.contact, async (c) => c.json(await identity.changeContact(deps, caller(c), await token(c), c.req.valid('json')), 200));
  app.openapi(r.device, async (c) => c.json(await identity.deviceSummary(deps, caller(c), c.req.valid('json').deviceToken), 200));
  app.openapi(r.recall, async (c) => {
    const session = sessionView(checkout, c.get('session'));
    const recalled = await identity.recallDevice(deps, caller(c), c.req.valid('json').deviceToken, session.status === 'open');
    return c.json({ session, ...recalled }, 200);
  });
  app.openapi(r.forgetDevice, async (c) => c.json(await identity.forgetDevice(deps, caller(c), c.req.valid('json').deviceToken), 200));
  app.openapi(r.revokeDevice, async (c) => c.json(await identity.revokeDevice(deps, caller(c), await token(c), c.req.valid('param').itemId), 200));
  app.openapi(r.passkeyOptions, async (c) => c.json(await identity.passkeyAuthenticationOptions(deps, caller(c)), 200));
  app.openapi(r.passkeyAuthenticate, async (c) => {
    const input = c.req.valid('json');
    return c.json(await identity.authenticatePasskey(deps, caller(c), input.response, input.rememberDevice === true), 200);
  });
  app.openapi(r.passkeyRegistrationOptions, async (c) => c.json(await identity.passkeyRegistrationOptions(deps, caller(c), await token(c)), 200));
  app.openapi(r.passkeyRegister, async (c) => c.json(await identity.registerPasskey(deps, caller(c), await token(c), c.req.valid('json').response), 200));
  app.openapi(r.resumeOffer, async (c) => c.json({ offer: await identity.resumeOffer(deps, caller(c), await token(c)) }, 200));
  app.openapi(r.resume, async (c) => c.json(await identity.resumeSession(deps, caller(c), await token(c), c.req.valid('json').sessionId), 200));
  app.openapi(r.export, async (c) => c.json(await identity.exportForMerchant(deps, caller(c), await token(c)), 200));
  app.openapi(r.erase, async (c) => c.json(await identity.eraseForMerchant(deps, caller(c), await token(c)), 200));
}
