import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { createIdentityClient } from '@omni-checkout/core/identity-client';
import { createResumeClient, type ResumeOffer } from '@omni-checkout/core/handoff-client';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import { loadResumeTranslation } from '../i18n/resume/index.js';
import './define.js';
import type { OmniResume } from './resume.js';
import type { OmniResumeEvent } from './resume-event.js';

const OFFER: ResumeOffer = {
  object: 'resume_offer',
  sessionId: 'cs_desktop',
  lineItems: [
    { name: 'Desk lamp', quantity: 2, unitAmount: 4900 },
    { name: 'Bulb', quantity: 1, unitAmount: 350 },
  ],
  total: 11445,
  currency: 'EUR',
  touchedAt: '2026-12-05T10:00:00.000Z',
};
const DEVICE_SECRET = `cs_desktop_secret_hd${'a'.repeat(64)}`;

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

const violations = async (element: Element) => (await axe.run(element, { resultTypes: ['violations'] })).violations.map((v) => v.id);

/** A shopper signed in (one-time code) on a new session of the in-memory backend, with `offer` (or none) waiting. */
async function signedIn(offer: ResumeOffer | null, consentRequired = false) {
  const memory = createMemoryBackend({
    lineItems: [{ id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 1 }],
    shippingOptions: [{ id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const identity = withIdentity(memory, { email: 'ada@example.com', code: '314159', consentRequired, ...(offer ? { resume: { offer, clientSecret: DEVICE_SECRET } } : {}) });
  const options = { apiBase: memory.apiBase, publishableKey: memory.publishableKey, clientSecret: memory.clientSecret, fetch: identity.fetch };
  const client = createIdentityClient(options);
  const challenge = await client.lookup({ email: 'ada@example.com' });
  const { shopperToken } = await client.verify(challenge.challengeId, '314159');
  return { options, shopperToken, identity };
}

async function mount(offer: ResumeOffer | null, lang = 'en', consentRequired = false) {
  const { options, shopperToken, identity } = await signedIn(offer, consentRequired);
  const host = document.createElement('div');
  host.lang = lang;
  const element = document.createElement('omni-resume') as OmniResume;
  element.setAttribute('api-base', options.apiBase);
  element.setAttribute('publishable-key', options.publishableKey);
  element.fetch = options.fetch;
  element.clientSecret = options.clientSecret;
  element.shopperToken = shopperToken;
  const events: OmniResumeEvent[] = [];
  host.addEventListener('omni-resume', (event) => events.push(event));
  host.append(element);
  document.body.append(host);
  cleanup.push(() => host.remove());
  return { element, events, options, shopperToken, identity };
}

describe('<omni-resume>', () => {
  it('offers the unfinished checkout with its lines and total, and continues it once', async () => {
    const { element, events } = await mount(OFFER);
    const heading = page.getByRole('heading', { name: 'Continue your checkout' });
    await expect.element(heading).toBeVisible();
    await expect.element(page.getByText('2 × Desk lamp')).toBeVisible();
    await expect.element(page.getByText('1 × Bulb')).toBeVisible();
    await expect.element(page.getByText('Total €114.45')).toBeVisible();
    expect(await violations(element)).toEqual([]);

    await userEvent.click(page.getByRole('button', { name: 'Continue your checkout', exact: true }));
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toMatchObject({ sessionId: 'cs_desktop', clientSecret: DEVICE_SECRET });
    expect(events[0]!.shopperToken).toMatch(/^shtok_/);
    // The offer is gone once taken.
    await expect.element(heading).not.toBeInTheDocument();
  });

  it('shows nothing without an offer, or without consent at this merchant', async () => {
    for (const [offer, consentRequired] of [[null, false], [OFFER, true]] as const) {
      const { element, identity } = await mount(offer, 'en', consentRequired);
      // The offer was asked for and answered null: the element stays empty.
      await expect.poll(() => identity.requests.some((r) => r.path === 'resume')).toBe(true);
      await element.updateComplete;
      await new Promise(requestAnimationFrame);
      expect(element.shadowRoot!.querySelector('[part~="offer"]')).toBeNull();
      element.parentElement!.remove();
    }
  });

  it('says so when the checkout can no longer be continued (taken elsewhere meanwhile)', async () => {
    const { element, events, options, shopperToken } = await mount(OFFER, 'de');
    await expect.element(page.getByRole('heading', { name: 'Checkout fortsetzen' })).toBeVisible();
    // Another tab of this device took it first.
    await createResumeClient(options, shopperToken).resume('cs_desktop');
    await userEvent.click(page.getByRole('button', { name: 'Checkout fortsetzen', exact: true }));
    await expect.element(page.getByText('Dieser Checkout kann nicht mehr fortgesetzt werden', { exact: false })).toBeVisible();
    expect(events).toHaveLength(0);
    expect(element.shadowRoot!.querySelector('[part~="offer"]')).toBeNull();
  });

  it('reads right to left in Arabic and passes axe', async () => {
    const { element } = await mount(OFFER, 'ar');
    await expect.element(page.getByRole('heading', { name: 'أكمل عملية الدفع' })).toBeVisible();
    expect(getComputedStyle(element).direction).toBe('rtl');
    expect(await violations(element)).toEqual([]);
    await userEvent.click(page.getByRole('button', { name: 'ليس الآن' }));
    await expect.element(page.getByRole('heading', { name: 'أكمل عملية الدفع' })).not.toBeInTheDocument();
  });

  it('speaks the ten languages, each its own words', async () => {
    const en = await loadResumeTranslation('en');
    for (const lang of ['pl', 'ko', 'ar', 'de', 'fr', 'es', 'sv', 'tr', 'ja']) {
      const t = await loadResumeTranslation(lang);
      for (const key of ['title', 'text', 'dismiss', 'continuing', 'unavailable', 'failed'] as const) {
        expect(t[key], `${lang}.${key}`).not.toBe(en[key]);
      }
    }
  });
});
