/**
 * The client API contract: what `createBackendClient` (core `client.ts`) and `createIdentityClient`
 * (core `identity-client.ts`) call, and what they must get back, as one suite run against every
 * backend that answers them:
 *
 * - the real backend (`createApp` on PGlite): `packages/server/src/client-contract.test.ts`;
 * - the in-memory double of this package (`createMemoryBackend`, `withIdentity`):
 *   `packages/mock/src/backend/contract.test.ts`.
 *
 * Both run the same assertions, so the double cannot drift from the backend (as `storage.suite.ts`
 * runs on PGlite and PostgreSQL). A harness creates sessions and a known shopper its own way; the
 * tests only talk HTTP through the clients.
 */
import { describe, expect, it } from 'vitest';
import {
  CheckoutSession,
  ConfirmResponse,
  RecallResponse,
  createBackendClient,
  type Contact,
} from '@omni-checkout/core';
import { createIdentityClient, SAVE_CONSENT_VERSION, SHARE_CONSENT_VERSION } from '@omni-checkout/core/identity-client';
import { CheckoutSessionWithTenders, createGiftCardClient } from '@omni-checkout/core';
import { HandoffStatus, ResumeOfferResponse } from '@omni-checkout/core/handoff';
import { createHandoffClient, createResumeClient, redeemHandoff } from '@omni-checkout/core/handoff-client';
import {
  CONTRACT_ADDRESS,
  CONTRACT_CONTACT,
  card,
  decideChallenge,
  expectError,
  newKey,
  type ContractHarness,
} from './contract.harness.js';

export {
  CONTRACT_ADDRESS,
  CONTRACT_CONTACT,
  CONTRACT_SESSION,
  type ContractHarness,
  type ContractSession,
  type KnownShopperSession,
  type RememberedDeviceSession,
} from './contract.harness.js';

export function clientContractSuite(name: string, harness: () => ContractHarness): void {
  const api = async (init?: Parameters<ContractHarness['session']>[0]) => {
    const { options } = await harness().session(init);
    return { options, client: createBackendClient(options) };
  };
  const ready = () => api({ contact: CONTRACT_CONTACT, shippingAddress: CONTRACT_ADDRESS });

  describe(`client API contract (${name}): the session`, () => {
    it('answers a valid session: open, priced by the backend, the first shipping option selected', async () => {
      const { client } = await api();
      const session = await client.getSession();
      expect(CheckoutSession.parse(session)).toEqual(session);
      expect(session).toMatchObject({
        object: 'checkout_session',
        status: 'open',
        livemode: false,
        currency: 'EUR',
        country: 'DE',
        selectedShippingOptionId: 'standard',
        contact: null,
        shippingAddress: null,
        nextAction: null,
        lastPaymentError: null,
        orderId: null,
      });
      expect(session.lineItems.map((item) => [item.id, item.amount])).toEqual([['tee', 3998], ['mug', 850]]);
      expect(session.totals).toMatchObject({ subtotal: 4848, shipping: 495, total: 5343 });
      expect(session.provider.id).toBe('mock');
      expect(session.providers.map((p) => p.id)).toEqual(['mock']);
    });

    it('lists only the ways to pay the mock takes (cards); the others come with their reasons in test mode', async () => {
      const session = await (await api()).client.getSession();
      expect(session.paymentMethods).toEqual([{ type: 'card', provider: 'mock', available: true }]);
      expect(session.providers[0]!.methods).toEqual(['card']);
      expect(session.hiddenPaymentMethods?.map((m) => [m.type, m.reason, m.provider])).toEqual([
        ['paypal', 'test_mode', 'mock'],
        ['klarna', 'test_mode', 'mock'],
        ['apple_pay', 'test_mode', 'mock'],
        ['google_pay', 'test_mode', 'mock'],
        ['sepa_debit', 'test_mode', 'mock'],
        ['paylater', 'test_mode', 'mock'],
        ['link', 'test_mode', 'mock'],
        ['gift_card', 'not_enabled', null],
      ]);
    });

    it('sets the contact, the address (normalised) and the shipping option, and reprices', async () => {
      const { client } = await api();
      expect((await client.setContact(CONTRACT_CONTACT)).contact).toEqual(CONTRACT_CONTACT);
      const withAddress = await client.setShippingAddress({ ...CONTRACT_ADDRESS, postalCode: ' 10117 ' });
      expect(withAddress.shippingAddress).toMatchObject({ ...CONTRACT_ADDRESS, postalCode: '10117' });
      const express = await client.setShippingOption('express');
      expect(express.selectedShippingOptionId).toBe('express');
      expect(express.totals).toMatchObject({ shipping: 1295, total: 6143 });
      expect(await client.getSession()).toEqual(express);
    });

    it('refuses an invalid email, an address that does not fit its country and an unknown shipping option, with the field', async () => {
      const { client } = await api();
      const email = await expectError(client.setContact({ email: 'not-an-email' }), 'validation_failed', 400);
      expect(email.issues.map((issue) => issue.path)).toContain('email');
      const address = await expectError(client.setShippingAddress({ ...CONTRACT_ADDRESS, postalCode: '1234' }), 'invalid_address', 400);
      expect(address.issues.map((issue) => issue.path)).toContain('postalCode');
      const option = await expectError(client.setShippingOption('overnight'), 'shipping_option_not_found', 400);
      expect(option.issues.map((issue) => issue.path)).toEqual(['shippingOptionId']);
      expect((await client.getSession()).contact).toBeNull();
    });

    it('offers order updates by SMS and keeps the choice with a mobile number in E.164; SMS without a number is refused on the phone field', async () => {
      const { client } = await api();
      expect((await client.getSession()).smsUpdates).toBe(true);
      const choice: Contact = { email: 'ada@example.com', phone: '+48501234567', notifyBy: 'email_sms' };
      expect((await client.setContact(choice)).contact).toEqual(choice);
      expect((await client.getSession()).contact).toEqual(choice);
      const missing = await expectError(client.setContact({ email: 'ada@example.com', notifyBy: 'sms' }), 'validation_failed', 400);
      expect(missing.issues.map((issue) => issue.path)).toEqual(['phone']);
      const national = await expectError(client.setContact({ email: 'ada@example.com', phone: '501 234 567', notifyBy: 'sms' }), 'validation_failed', 400);
      expect(national.issues.map((issue) => issue.path)).toEqual(['phone']);
      expect((await client.getSession()).contact).toEqual(choice);
    });

    it('refuses unknown fields', async () => {
      const { client } = await api();
      const error = await expectError(client.setContact({ email: 'ada@example.com', admin: true } as Contact), 'validation_failed', 400);
      expect(error.issues).toEqual([{ path: 'admin', message: 'Unknown field' }]);
    });

    it('refuses a wrong client secret and a wrong publishable key', async () => {
      const { options } = await api();
      const [sessionId] = options.clientSecret.split('_secret_');
      await expectError(createBackendClient({ ...options, clientSecret: `${sessionId}_secret_${'0'.repeat(32)}` }).getSession(), 'invalid_client_secret', 401);
      await expectError(createBackendClient({ ...options, publishableKey: 'pk_test_0000000000000000' }).getSession(), 'invalid_api_key', 401);
      await expectError(createBackendClient({ ...options, publishableKey: 'sk_test_0000000000000000' }).getSession(), 'publishable_key_required', 401);
    });
  });

  describe(`client API contract (${name}): paying`, () => {
    it('will not confirm before the contact and the address are set, and says which are missing', async () => {
      const { client } = await api();
      const error = await expectError(client.confirm(card.success, newKey()), 'session_not_ready', 409);
      expect(error.issues.map((issue) => issue.path)).toEqual(['contact', 'shippingAddress']);
    });

    it('requires an Idempotency-Key of visible characters', async () => {
      const { client } = await ready();
      await expectError(client.confirm(card.success, 'has space'), 'idempotency_key_required', 400);
    });

    it('pays with the success card: an order for the session total; the same key answers the same; the session is then complete', async () => {
      const { client } = await ready();
      const key = newKey();
      const paid = await client.confirm(card.success, key);
      expect(ConfirmResponse.parse(paid)).toEqual(paid);
      expect(paid.status).toBe('succeeded');
      expect(paid.session).toMatchObject({ status: 'complete', orderId: paid.order!.id });
      expect(paid.order).toMatchObject({ object: 'order', status: 'paid', amount: 5343, currency: 'EUR', provider: 'mock', contact: CONTRACT_CONTACT });
      // The channel it was paid through (docs/omnichannel.md); no browser here, so no device class.
      expect(paid.session.paidVia).toEqual({ channel: 'web', device: null });
      expect(paid.order).toMatchObject({ channel: 'web', device: null });
      expect(await client.confirm(card.success, key)).toEqual(paid);
      await expectError(client.confirm(card.decline, key), 'idempotency_key_reused', 422);
      await expectError(client.confirm(card.success, newKey()), 'session_completed', 409);
      await expectError(client.setContact({ email: 'other@example.com' }), 'session_completed', 409);
      expect(await client.getSession()).toMatchObject({ status: 'complete', orderId: paid.order!.id });
    });

    it('answers a declined card with 402 and its decline, and the session stays open for another try', async () => {
      const { client } = await ready();
      const declined = await expectError(client.confirm(card.decline, newKey()), 'card_declined', 402);
      const short = await expectError(client.confirm(card.insufficient, newKey()), 'insufficient_funds', 402);
      expect([declined.declineCode, short.declineCode]).toEqual([expect.any(String), expect.any(String)]);
      const session = await client.getSession();
      expect(session).toMatchObject({ status: 'open', lastPaymentError: { code: 'insufficient_funds' } });
      expect((await client.confirm(card.success, newKey())).status).toBe('succeeded');
    });

    it('3-D Secure: requires_action with the challenge, blocks changes, then completes once approved', async () => {
      const { client, options } = await ready();
      const pending = await client.confirm(card.threeDs, newKey());
      expect(pending).toMatchObject({ status: 'requires_action', order: null, session: { status: 'requires_action' } });
      const action = pending.session.nextAction!;
      expect(action).toMatchObject({ type: 'challenge', provider: 'mock' });
      await expectError(client.completeAction(), 'confirm_in_progress', 409);
      await expectError(client.setShippingOption('express'), 'confirm_in_progress', 409);
      await expectError(client.confirm(card.success, newKey()), 'confirm_in_progress', 409);
      expect(await decideChallenge(options, String(action.data['challengeId']), 'approve')).toBe(200);
      const done = await client.completeAction();
      expect(done).toMatchObject({ status: 'succeeded', session: { status: 'complete', nextAction: null }, order: { amount: 5343 } });
      expect(await client.completeAction()).toMatchObject({ status: 'succeeded', order: { id: done.order!.id } });
    });

    it('3-D Secure cancelled: authentication_canceled, and the session is open again', async () => {
      const { client, options } = await ready();
      const pending = await client.confirm(card.threeDs, newKey());
      expect(await decideChallenge(options, String(pending.session.nextAction!.data['challengeId']), 'cancel')).toBe(200);
      await expectError(client.completeAction(), 'authentication_canceled', 402);
      expect(await client.getSession()).toMatchObject({ status: 'open', nextAction: null, lastPaymentError: { code: 'authentication_canceled' } });
    });

    it('has no action to complete on an open session', async () => {
      const { client } = await ready();
      await expectError(client.completeAction(), 'no_action_pending', 409);
    });

    it('refuses a provider the session does not offer', async () => {
      const { client } = await ready();
      await expectError(client.confirm(card.success, newKey(), 'paypal'), 'provider_not_available', 400);
    });
  });

  describe(`client API contract (${name}): handoff to another device`, () => {
    it('mints a single-use token; the phone opens the same session with a credential of its own and sees the cart, not the typed details', async () => {
      const { options, client } = await ready();
      const handoff = createHandoffClient(options);
      expect(HandoffStatus.parse(await handoff.status())).toMatchObject({ state: 'none', paidChannel: null });
      const { token, expiresAt } = await handoff.create();
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
      expect((await handoff.status()).state).toBe('waiting');

      const device = await redeemHandoff(options, token);
      expect(device.sessionId).toBe((await client.getSession()).id);
      expect(device.clientSecret).not.toBe(options.clientSecret);
      expect((await handoff.status()).state).toBe('opened');
      await expectError(redeemHandoff(options, token), 'handoff_token_used', 410);

      const phone = createBackendClient({ ...options, clientSecret: device.clientSecret });
      const seen = await phone.getSession();
      expect(seen).toMatchObject({ contact: null, shippingAddress: null, selectedShippingOptionId: 'standard' });
      expect(seen.lineItems).toEqual((await client.getSession()).lineItems);
      await expectError(createHandoffClient({ ...options, clientSecret: device.clientSecret }).create(), 'handoff_not_allowed', 403);

      // The phone enters its own details and pays: paid, by the handed-off device.
      expect((await phone.setContact({ email: 'phone@example.com' })).contact).toEqual({ email: 'phone@example.com' });
      await phone.setShippingAddress(CONTRACT_ADDRESS);
      const paid = await phone.confirm(card.success, newKey());
      expect(paid).toMatchObject({ status: 'succeeded', session: { status: 'complete' } });
      expect(await handoff.status()).toMatchObject({ state: 'paid', paidChannel: 'handoff', paidDevice: device.deviceId, orderId: paid.order!.id });
      // The order and the session (as the first screen reads it) say it was paid through the handoff.
      expect(paid.order).toMatchObject({ channel: 'handoff' });
      expect((await client.getSession()).paidVia).toEqual({ channel: 'handoff', device: null });
      await expectError(handoff.create(), 'session_completed', 409);
    });

    it('answers an unknown token 404 handoff_token_invalid', async () => {
      const { options } = await api();
      await expectError(redeemHandoff(options, 'AAAAAAAAAAAAAAAAAAAAAA'), 'handoff_token_invalid', 404);
    });

    it('streams the status: waiting at once, then opened when the phone opens the link', async () => {
      const { options } = await api();
      const handoff = createHandoffClient(options);
      const { token } = await handoff.create();
      const controller = new AbortController();
      const seen: string[] = [];
      const watching = handoff.watch((status, via) => seen.push(`${status.state}/${via}`), { signal: controller.signal });
      await expect.poll(() => seen).toEqual(['waiting/events']);
      await redeemHandoff(options, token);
      await expect.poll(() => seen).toEqual(['waiting/events', 'opened/events']);
      controller.abort();
      await watching;
    });
  });

  describe(`client API contract (${name}): the identity network`, () => {
    it('answers a lookup alike for a known and an unknown email (no enumeration), and no code works for the unknown one', async () => {
      const shopper = await harness().knownShopper();
      const identity = createIdentityClient(shopper.options);
      const known = await identity.lookup({ email: shopper.email });
      const unknown = await identity.lookup({ email: `nobody.${newKey()}@example.com` });
      for (const answer of [known, unknown]) {
        expect(Object.keys(answer).sort()).toEqual(['challengeId', 'channel', 'expiresAt', 'hint']);
        expect(answer.channel).toBe('email');
        expect(Date.parse(answer.expiresAt)).toBeGreaterThan(Date.now());
      }
      expect(known.hint).toContain('•');
      expect(known.hint).not.toContain(shopper.email.split('@')[1]!);
      await expectError(identity.verify(unknown.challengeId, '123456'), 'invalid_code', 400);
    });

    it('refuses an invalid email and a wrong code', async () => {
      const shopper = await harness().knownShopper();
      const identity = createIdentityClient(shopper.options);
      await expectError(identity.lookup({ email: 'not-an-email' }), 'validation_failed', 400);
      const challenge = await identity.lookup({ email: shopper.email });
      const right = await shopper.code(challenge.challengeId);
      await expectError(identity.verify(challenge.challengeId, right === '000000' ? '111111' : '000000'), 'invalid_code', 400);
    });

    it('asks for a shopper token where one is needed, and refuses one it did not issue', async () => {
      const shopper = await harness().knownShopper();
      const identity = createIdentityClient(shopper.options);
      await expectError(identity.profile(), 'shopper_token_required', 401);
      await expectError(identity.apply(), 'shopper_token_required', 401);
      await expectError(identity.removeMethod('spm_unknown'), 'shopper_token_required', 401);
      const checkout = createBackendClient(shopper.options);
      await checkout.setContact(CONTRACT_CONTACT);
      await checkout.setShippingAddress(CONTRACT_ADDRESS);
      await expectError(identity.confirmSaved('spm_unknown', newKey()), 'shopper_token_required', 401);
      identity.setShopperToken(`shtok_${'x'.repeat(43)}`);
      await expectError(identity.profile(), 'invalid_shopper_token', 401);
      await expectError(identity.confirmSaved('spm_unknown', newKey()), 'invalid_shopper_token', 401);
    });

    it('signs in with the code once, shows the profile, prefills the session and pays with the saved card', async () => {
      const shopper = await harness().knownShopper();
      const identity = createIdentityClient(shopper.options);
      const challenge = await identity.lookup({ email: shopper.email });
      const code = await shopper.code(challenge.challengeId);
      const session = await identity.verify(challenge.challengeId, code);
      expect(session).toMatchObject({ assurance: 'email', consentRequired: false, shopperToken: expect.any(String) });
      // A code works once: the used challenge takes no more guesses.
      await expectError(identity.verify(challenge.challengeId, code), 'too_many_attempts', 429);
      const profile = await identity.profile();
      expect(profile).toEqual(session.profile);
      expect(profile).toMatchObject({ email: shopper.email, phone: expect.stringMatching(/^\+\d+$/) });
      expect(profile.savedMethods.filter((m) => m.isDefault)).toHaveLength(1);
      expect(profile.addresses.find((a) => a.isDefault)?.address).toMatchObject({ city: 'Berlin', country: 'DE' });
      const applied = await identity.apply();
      expect(applied).toMatchObject({ contact: { email: shopper.email }, shippingAddress: { city: 'Berlin', country: 'DE' } });
      const method = profile.savedMethods.find((m) => m.isDefault)!;
      const paid = await identity.confirmSaved(method.id, newKey());
      expect(paid).toMatchObject({ status: 'succeeded', order: { amount: applied.totals.total } });
    });

    it('manages the profile: addresses, the default method, removal needs step-up, unknown items are 404', async () => {
      const shopper = await harness().knownShopper();
      const identity = createIdentityClient(shopper.options);
      const challenge = await identity.lookup({ email: shopper.email });
      await identity.verify(challenge.challengeId, await shopper.code(challenge.challengeId));
      const office = { ...CONTRACT_ADDRESS, line1: 'Friedrichstraße 43', postalCode: '10969' };
      const added = await identity.addAddress({ label: 'Office', address: office, makeDefault: true });
      const saved = added.addresses.find((a) => a.label === 'Office')!;
      expect(saved).toMatchObject({ isDefault: true, address: { line1: 'Friedrichstraße 43' } });
      expect(added.addresses.filter((a) => a.isDefault)).toHaveLength(1);
      const home = added.addresses.find((a) => a.label === 'Home')!;
      expect((await identity.setDefaultAddress(home.id)).addresses.find((a) => a.isDefault)?.id).toBe(home.id);
      await expectError(identity.setDefaultAddress('adr_unknown'), 'address_not_found', 404);
      const method = added.savedMethods[0]!;
      expect((await identity.setDefaultMethod(method.id)).savedMethods.find((m) => m.isDefault)?.id).toBe(method.id);
      await expectError(identity.setDefaultMethod('spm_unknown'), 'saved_method_not_found', 404);
      await expectError(identity.removeMethod(method.id), 'step_up_required', 403);
    });

    it('does not recognise an unknown device, and offers passkey sign-in options', async () => {
      const shopper = await harness().knownShopper();
      const identity = createIdentityClient(shopper.options);
      expect(await identity.device(`dvc_${'x'.repeat(43)}`)).toEqual({ recognized: false, method: null, address: null, hasPasskey: false });
      const { options } = await identity.passkeyAuthenticationOptions();
      expect(options).toMatchObject({ challenge: expect.any(String), userVerification: 'required' });
    });

    it('recalls a remembered device with a passkey in one call: the session, the device summary and single-use passkey options', async () => {
      const remembered = await harness().rememberedDevice({ passkey: true });
      const client = createBackendClient(remembered.options);
      const answer = await client.recall!(remembered.deviceToken);
      expect(RecallResponse.parse(answer)).toEqual(answer);
      // The same session and the same device summary the separate reads answer.
      expect(answer.session).toEqual(await client.getSession());
      expect(answer.device).toEqual(await createIdentityClient(remembered.options).device(remembered.deviceToken));
      expect(answer.device).toMatchObject({ recognized: true, hasPasskey: true, method: { last4: '4242' }, address: { label: 'Home' } });
      expect(answer.passkeyOptions).toMatchObject({ challenge: expect.any(String), userVerification: 'required' });
      // Every recall issues its own challenge (each is good for one sign-in only).
      const again = await client.recall!(remembered.deviceToken);
      expect(again.passkeyOptions!['challenge']).not.toBe(answer.passkeyOptions!['challenge']);
    });

    it('recalls a device without a passkey, or an unknown one, with the session and no passkey challenge', async () => {
      const withoutPasskey = await harness().rememberedDevice({ passkey: false });
      const recalled = await createBackendClient(withoutPasskey.options).recall!(withoutPasskey.deviceToken);
      expect(recalled).toMatchObject({ session: { status: 'open' }, device: { recognized: true, hasPasskey: false }, passkeyOptions: null });
      const { client } = await api();
      const unknown = await client.recall!(`dvc_${'x'.repeat(43)}`);
      expect(unknown).toEqual({
        session: await client.getSession(),
        device: { recognized: false, method: null, address: null, hasPasskey: false },
        passkeyOptions: null,
      });
      await expectError(client.recall!('short'), 'validation_failed', 400);
    });

    it('recalls nothing for a paid session (no challenge to sign in to a checkout that is over), and refuses a wrong client secret', async () => {
      const remembered = await harness().rememberedDevice({ passkey: true });
      const client = createBackendClient(remembered.options);
      await client.setContact(CONTRACT_CONTACT);
      await client.setShippingAddress(CONTRACT_ADDRESS);
      const paid = await client.confirm(card.success, newKey());
      const answer = await client.recall!(remembered.deviceToken);
      expect(answer).toMatchObject({ session: { status: 'complete', orderId: paid.order!.id }, device: { recognized: true }, passkeyOptions: null });
      const [sessionId] = remembered.options.clientSecret.split('_secret_');
      const stranger = createBackendClient({ ...remembered.options, clientSecret: `${sessionId}_secret_${'0'.repeat(32)}` });
      await expectError(stranger.recall!(remembered.deviceToken), 'invalid_client_secret', 401);
    });

    it('records a guest’s save consent (only a ticked box), and sharing needs a signed-in shopper', async () => {
      const { options } = await harness().session({ contact: CONTRACT_CONTACT, shippingAddress: CONTRACT_ADDRESS });
      const identity = createIdentityClient(options);
      expect(await identity.setSaveConsent(true, SAVE_CONSENT_VERSION, '+49 151 23456742')).toEqual({ saved: true });
      expect(await identity.setSaveConsent(true, SAVE_CONSENT_VERSION)).toEqual({ saved: true });
      const unticked = await expectError(identity.setSaveConsent(false, SAVE_CONSENT_VERSION), 'validation_failed', 400);
      expect(unticked.issues.map((issue) => issue.path)).toEqual(['consent']);
      const phone = await expectError(identity.setSaveConsent(true, SAVE_CONSENT_VERSION, 'call me'), 'validation_failed', 400);
      expect(phone.issues.map((issue) => issue.path)).toEqual(['phone']);
      await expectError(identity.share(SHARE_CONSENT_VERSION), 'shopper_token_required', 401);
    });
  });

  describe(`client API contract (${name}): resume on another device`, () => {
    it('asks for the shopper token, offers nothing when there is nothing to continue, and refuses a session not on offer', async () => {
      const shopper = await harness().knownShopper();
      await expectError(createResumeClient(shopper.options, '').offer(), 'shopper_token_required', 401);
      const identity = createIdentityClient(shopper.options);
      const challenge = await identity.lookup({ email: shopper.email });
      const signedIn = await identity.verify(challenge.challengeId, await shopper.code(challenge.challengeId));
      const resume = createResumeClient(shopper.options, signedIn.shopperToken);
      expect(ResumeOfferResponse.parse({ offer: await resume.offer() }).offer).toBeNull();
      await expectError(resume.resume('cs_not_on_offer'), 'resume_not_available', 404);
      await expectError(createResumeClient(shopper.options, `shtok_${'x'.repeat(43)}`).offer(), 'invalid_shopper_token', 401);
    });
  });

  describe(`client API contract (${name}): gift cards`, () => {
    it('answers a code’s balance as typed by a person; wrong codes are limited per session before any lookup', async () => {
      const { options, code } = await harness().giftCard(2500);
      const cards = createGiftCardClient(options);
      const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
      expect(await cards.balance(typed)).toEqual({ object: 'gift_card_balance', last4: code.slice(-4), balance: 2500, currency: 'EUR', expiresAt: null });
      await expectError(cards.balance('too-short'), 'validation_failed', 400);
      // A right code gave its attempt back: five wrong codes, then even the right one is refused.
      for (let i = 0; i < 5; i++) await expectError(cards.balance('ABCD-EFGH-JKMN-PQRS-TVWX'), 'gift_card_not_found', 404);
      await expectError(cards.balance(code), 'too_many_attempts', 429);
    });

    it('applies a card to the session: what it takes shows in `tenders`, the provider is asked only for the rest', async () => {
      const { options, code } = await harness().giftCard(2000);
      const client = createBackendClient(options);
      await client.setContact(CONTRACT_CONTACT);
      await client.setShippingAddress(CONTRACT_ADDRESS);
      const cards = createGiftCardClient(options);
      await expectError(cards.apply('ABCD-EFGH-JKMN-PQRS-TVWX'), 'gift_card_not_found', 404);
      const applied = await cards.apply(code.toLowerCase());
      expect(CheckoutSessionWithTenders.parse(applied)).toEqual(applied);
      expect(applied.tenders).toEqual([{ id: expect.any(String), kind: 'gift_card', last4: code.slice(-4), amount: 2000, currency: 'EUR' }]);
      expect(applied.amountDue).toBe(5343 - 2000);
      const removed = await cards.remove(applied.tenders![0]!.id);
      expect(removed.tenders ?? []).toEqual([]);
      expect(removed.amountDue ?? removed.totals.total).toBe(5343);
      await cards.apply(code);
      const paid = await client.confirm(card.success, newKey());
      expect(paid.order).toMatchObject({ status: 'paid', amount: 5343 });
      expect((await client.getSession()).tenders).toEqual([expect.objectContaining({ kind: 'gift_card', amount: 2000 })]);
      expect(await cards.balance(code)).toMatchObject({ balance: 0 });
    });

    it('a card that covers everything pays alone: the order is paid without a provider payment method', async () => {
      const { options, code } = await harness().giftCard(10_000);
      const client = createBackendClient(options);
      await client.setContact(CONTRACT_CONTACT);
      await client.setShippingAddress(CONTRACT_ADDRESS);
      const cards = createGiftCardClient(options);
      expect((await cards.apply(code)).amountDue).toBe(0);
      const paid = await client.confirm('gift_card', newKey());
      expect(paid).toMatchObject({ status: 'succeeded', order: { status: 'paid', amount: 5343 } });
      expect(await cards.balance(code)).toMatchObject({ balance: 10_000 - 5343 });
    });
  });
}
