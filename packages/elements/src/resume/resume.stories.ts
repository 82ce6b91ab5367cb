import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, within } from 'storybook/test';
import { createResumeClient, type ResumeOffer } from '@omni-checkout/core/handoff-client';
import { createIdentityClient } from '@omni-checkout/core/identity-client';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import { languageOf } from '../i18n/index.js';
import { loadResumeTranslation, type ResumeTranslation } from '../i18n/resume/index.js';
import './define.js';

const OFFER: ResumeOffer = {
  object: 'resume_offer',
  sessionId: 'cs_desktop',
  lineItems: [
    { name: 'Desk lamp', quantity: 2, unitAmount: 4900 },
    { name: 'Light bulb', quantity: 1, unitAmount: 350 },
  ],
  total: 11445,
  currency: 'EUR',
  touchedAt: '2026-12-05T10:00:00.000Z',
};

interface Loaded {
  readonly options: { apiBase: string; publishableKey: string; clientSecret: string; fetch: typeof fetch };
  readonly shopperToken: string;
}

async function inStory(canvasElement: HTMLElement): Promise<{ shadow: ReturnType<typeof within>; t: ResumeTranslation }> {
  const element = canvasElement.querySelector('omni-resume')!;
  return { shadow: within(element.shadowRoot as unknown as HTMLElement), t: await loadResumeTranslation(languageOf(element)) };
}

/**
 * `<omni-resume>` as `<omni-checkout>` shows it after a recognised shopper signed in on a new
 * device: their unfinished checkout at this shop, against the in-memory identity double.
 */
const meta: Meta = {
  title: 'Checkout/omni-resume',
  component: 'omni-resume',
  loaders: [
    async () => {
      const memory = createMemoryBackend({
        lineItems: [{ id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 1 }],
        shippingOptions: [{ id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
      });
      const identity = withIdentity(memory, { email: 'ada@example.com', code: '314159', resume: { offer: OFFER, clientSecret: `cs_desktop_secret_hd${'a'.repeat(64)}` } });
      const options = { apiBase: memory.apiBase, publishableKey: memory.publishableKey, clientSecret: memory.clientSecret, fetch: identity.fetch };
      const client = createIdentityClient(options);
      const challenge = await client.lookup({ email: 'ada@example.com' });
      const { shopperToken } = await client.verify(challenge.challengeId, '314159');
      return { options, shopperToken } satisfies Loaded;
    },
  ],
  render: (_args, { loaded }) => {
    const { options, shopperToken } = loaded as Loaded;
    return html`<omni-resume
      api-base=${options.apiBase}
      publishable-key=${options.publishableKey}
      .fetch=${options.fetch}
      .clientSecret=${options.clientSecret}
      .shopperToken=${shopperToken}
    ></omni-resume>`;
  },
};
export default meta;

type Story = StoryObj;

/** "Continue your checkout": the lines and total of the checkout left on another device. */
export const Offer: Story = {
  play: async ({ canvasElement }) => {
    const { shadow, t } = await inStory(canvasElement);
    await expect(await shadow.findByRole('heading', { name: t.title })).toBeVisible();
    await expect(await shadow.findByText(t.line(2, 'Desk lamp'))).toBeVisible();
  },
};

/** The checkout was continued elsewhere meanwhile: the offer goes, the message says so. */
export const NoLongerAvailable: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { shadow, t } = await inStory(canvasElement);
    const { options, shopperToken } = loaded as Loaded;
    await shadow.findByRole('heading', { name: t.title });
    await createResumeClient(options, shopperToken).resume('cs_desktop');
    await userEvent.click(shadow.getByRole('button', { name: t.continue }));
    await expect(await shadow.findByText(t.unavailable)).toBeVisible();
  },
};
