import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, within } from 'storybook/test';
import { createBackendClient } from '@omni-checkout/core/client';
import { createHandoffClient, redeemHandoff } from '@omni-checkout/core/handoff-client';
import { createMemoryBackend, type MemoryBackendOptions } from '@omni-checkout/mock/backend';
import { withHandoff, type HandoffDouble } from '@omni-checkout/mock/backend/handoff';
import { TEST_CARDS, tokenFor } from '@omni-checkout/mock/test-cards';
import { languageOf } from '../i18n/index.js';
import { loadHandoffTranslation, type HandoffTranslation } from '../i18n/handoff/index.js';
import './define.js';

/** The element's shadow root to query, and the messages of the language it speaks (the toolbar's locale: English, or Arabic right to left). */
async function inStory(canvasElement: HTMLElement): Promise<{ shadow: ReturnType<typeof within>; t: HandoffTranslation }> {
  const element = canvasElement.querySelector('omni-handoff')!;
  return { shadow: within(element.shadowRoot as unknown as HTMLElement), t: await loadHandoffTranslation(languageOf(element)) };
}

const CART: MemoryBackendOptions = {
  lineItems: [{ id: 'beans', name: 'Coffee beans (250 g)', unitAmount: 1250, quantity: 2 }],
  shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};

/** What the "phone" does in a story, through the same in-memory backend. */
type Phone = 'none' | 'opens' | 'pays' | 'paid';

interface Args {
  /** How far the phone gets after the code shows. */
  readonly phone: Phone;
  /** Token lifetime in minutes. */
  readonly minutes: number;
}

interface Loaded {
  readonly memory: ReturnType<typeof createMemoryBackend>;
  readonly handoff: HandoffDouble;
}

const options = ({ memory, handoff }: Loaded) => ({ apiBase: memory.apiBase, publishableKey: memory.publishableKey, fetch: handoff.fetch });

async function actAsPhone(loaded: Loaded, phone: Phone): Promise<void> {
  if (phone === 'none') return;
  const device = await redeemHandoff(options(loaded), loaded.handoff.tokens.at(-1)!);
  if (phone === 'opens') return;
  const client = createBackendClient({ ...options(loaded), clientSecret: device.clientSecret });
  await client.setContact({ email: 'phone@example.com' });
  await client.setShippingAddress({ name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' });
  const paying = client.confirm(tokenFor('success', TEST_CARDS.success.slice(-4)), `story-${device.deviceId}`);
  if (phone === 'paid') await paying;
}

/**
 * `<omni-handoff>` on its own (the first screen), against the in-memory backend and its handoff
 * routes: the story opens "Pay on your phone", then acts as the phone through the same backend.
 */
const meta: Meta<Args> = {
  title: 'Checkout/omni-handoff',
  component: 'omni-handoff',
  args: { phone: 'none', minutes: 10 },
  loaders: [
    async ({ args }) => {
      // "Paying…" stays on screen: the phone's payment never answers.
      const memory = createMemoryBackend({ ...CART, ...(args.phone === 'pays' ? { hangConfirm: true } : {}) });
      return { memory, handoff: withHandoff(memory, { minutes: args.minutes }) } satisfies Loaded;
    },
  ],
  render: (_args, { loaded }) => {
    const { memory, handoff } = loaded as Loaded;
    return html`<omni-handoff
      publishable-key=${memory.publishableKey}
      api-base=${memory.apiBase}
      link-base="https://shop.example/pay"
      .fetch=${handoff.fetch}
      .clientSecret=${memory.clientSecret}
    ></omni-handoff>`;
  },
  play: async ({ canvasElement, args, loaded }) => {
    const element = canvasElement.querySelector('omni-handoff')!;
    const shadow = within(element.shadowRoot as unknown as HTMLElement);
    await userEvent.click(await shadow.findByRole('button', { name: /./ }));
    await shadow.findByRole('status');
    await actAsPhone(loaded as Loaded, args.phone);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The code and the link, waiting for the phone. */
export const Waiting: Story = {
  play: async (context) => {
    await meta.play!(context);
    const { shadow, t } = await inStory(context.canvasElement);
    await expect(await shadow.findByRole('img', { name: t.qrLabel })).toBeVisible();
    await expect(await shadow.findByText(t.waiting)).toBeVisible();
  },
};

export const OpenedOnPhone: Story = {
  args: { phone: 'opens' },
  play: async (context) => {
    await meta.play!(context);
    const { shadow, t } = await inStory(context.canvasElement);
    await expect(await shadow.findByText(t.opened)).toBeVisible();
  },
};

export const PayingOnPhone: Story = {
  args: { phone: 'pays' },
  play: async (context) => {
    await meta.play!(context);
    const { shadow, t } = await inStory(context.canvasElement);
    await expect(await shadow.findByText(t.paying)).toBeVisible();
  },
};

export const PaidOnPhone: Story = {
  args: { phone: 'paid' },
  play: async (context) => {
    await meta.play!(context);
    const { shadow, t } = await inStory(context.canvasElement);
    await expect(await shadow.findByText(t.paid)).toBeVisible();
  },
};

/** The code outlived its minutes (here 0.3 s): a new one is a click away. */
export const CodeExpired: Story = {
  args: { minutes: 0.005 },
  play: async (context) => {
    await meta.play!(context);
    const { shadow, t } = await inStory(context.canvasElement);
    await expect(await shadow.findByText(t.expired, {}, { timeout: 3000 })).toBeVisible();
    await expect(await shadow.findByRole('button', { name: t.newCode })).toBeVisible();
  },
};

/** The phone's side (`redeem`): a link opened a second time, too late, or cut short. */
type Landing = 'used' | 'expired' | 'invalid';

async function landingFor(kind: Landing): Promise<Loaded & { token: string }> {
  const memory = createMemoryBackend(CART);
  const handoff = withHandoff(memory, { minutes: kind === 'expired' ? 0.0001 : 10 });
  const loaded = { memory, handoff };
  const { token } = await createHandoffClient({ ...options(loaded), clientSecret: memory.clientSecret }).create();
  if (kind === 'used') await redeemHandoff(options(loaded), token);
  if (kind === 'expired') await new Promise((resolve) => setTimeout(resolve, 20));
  return { ...loaded, token: kind === 'invalid' ? 'AAAAAAAAAAAAAAAAAAAAAA' : token };
}

const landing = (kind: Landing, heading: (t: HandoffTranslation) => string): StoryObj => ({
  loaders: [async () => landingFor(kind)],
  render: (_args, { loaded }) => {
    const { memory, handoff, token } = loaded as Loaded & { token: string };
    // The link's fragment, as the phone opened it; the element removes it at once.
    history.replaceState(history.state, '', `${location.pathname}${location.search}#omni-handoff=${token}`);
    return html`<omni-handoff redeem publishable-key=${memory.publishableKey} api-base=${memory.apiBase} .fetch=${handoff.fetch}></omni-handoff>`;
  },
  play: async ({ canvasElement }) => {
    const { shadow, t } = await inStory(canvasElement);
    await expect(await shadow.findByRole('heading', { name: heading(t) })).toBeVisible();
    await expect(location.hash).toBe('');
  },
});

export const PhoneLinkUsed = landing('used', (t) => t.usedTitle);
export const PhoneLinkExpired = landing('expired', (t) => t.expiredTitle);
export const PhoneLinkInvalid = landing('invalid', (t) => t.invalidTitle);
