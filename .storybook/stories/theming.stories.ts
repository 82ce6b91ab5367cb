/**
 * Design / Theming: every `--omni-*` token of @omni-checkout/elements as a live control, applied at
 * once to three things side by side:
 *
 * - <omni-checkout> (the in-memory backend and the mock provider's card fields behind it);
 * - Stripe's Payment Element: the Stripe.js double (packages/stripe/src/fake/stripe-js.ts) mounted by
 *   the real adapter (`stripeProvider.mountPaymentFields`), so the Appearance is the one the adapter
 *   derives from the tokens (`appearanceFor`); its card frame is served by Storybook (.storybook/main.ts);
 * - PayPal's buttons: the SDK double (packages/paypal/src/testing/sdk-double.ts) drawing them with
 *   the style the adapter derives from the tokens (packages/paypal/src/client/style.ts).
 *
 * Stripe and PayPal read the theme when they mount, so a changed control mounts them again.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { styleMap } from 'lit/directives/style-map.js';
import { registerProvider, type MountedPaymentFields } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { tokens, type TokenName } from '@omni-checkout/elements';
import '@omni-checkout/elements/checkout/define';
import { buttonStyleFor } from '@omni-checkout/paypal/client/style';
import { stripeProvider } from '@omni-checkout/stripe/client';
import { FakeStripe } from '@omni-checkout/stripe/fake/stripe-js';
// The SDK double's installer alone (the package's `./testing` entry is for Node).
import { installPayPalDouble } from '../../packages/paypal/src/testing/sdk-double.js';

registerProvider('mock', () => import('@omni-checkout/mock/client'));

// `@stripe/stripe-js` takes an existing `window.Stripe` instead of loading js.stripe.com; the
// double's card frame comes from Storybook's own origin.
Object.assign(window, { Stripe: FakeStripe, __omniFakeStripeFrames: `${location.origin}/stripe-double/` });
// PayPal's SDK for euros in Germany: the PayPal and Pay Later buttons.
installPayPalDouble({ src: 'https://www.sandbox.paypal.com/sdk/js?client-id=sb-story-client&currency=EUR&buyer-country=DE&enable-funding=paylater' });

/** What the Stripe adapter reads of a session to mount its Payment Element. */
const STRIPE_SESSION = {
  currency: 'EUR',
  totals: { subtotal: 4200, shipping: 0, total: 4200 },
  providers: [{ id: 'stripe', config: { publishableKey: 'pk_test_storybook_theming' }, methods: ['card'] }],
} as unknown as CheckoutSession;

/** Mounts Stripe's Payment Element (the double, through the real adapter) in `container`; answers how to remove it. */
function mountStripe(container: HTMLElement): () => void {
  let mounted: MountedPaymentFields | null = null;
  let removed = false;
  void stripeProvider
    .mountPaymentFields(container, { session: STRIPE_SESSION, locale: 'en', dir: 'ltr', apiBase: '', publishableKey: 'pk_test_storybook_theming' })
    .then((fields) => (removed ? fields.destroy() : (mounted = fields)));
  return () => {
    removed = true;
    mounted?.destroy();
  };
}

/** Renders PayPal's buttons (the SDK double) with the style the PayPal adapter derives from the tokens. */
function mountPayPal(container: HTMLElement): () => void {
  const closers: (() => Promise<void>)[] = [];
  for (const source of ['paypal', 'paylater'] as const) {
    const slot = container.ownerDocument.createElement('div');
    container.append(slot);
    const buttons = window.paypal!.Buttons!({ fundingSource: source, style: buttonStyleFor(container, source), createOrder: () => Promise.reject(new Error('Storybook has no PayPal orders')) });
    void buttons.render(slot);
    closers.push(() => buttons.close());
  }
  const output = container.parentElement?.querySelector('output');
  if (output) output.value = describePayPal(container);
  return () => {
    for (const close of closers) void close();
    container.replaceChildren();
  };
}

/**
 * A ref callback that mounts with `mount` once the element is in the page (the theme resolved in
 * place) and unmounts when lit calls it again: each render makes a new one, so a changed control
 * mounts afresh with the new theme.
 */
function mountedWith(mount: (container: HTMLElement) => () => void): (element?: Element) => void {
  let unmount: (() => void) | null = null;
  return (element) => {
    unmount?.();
    unmount = null;
    if (element instanceof HTMLElement) {
      queueMicrotask(() => {
        if (element.isConnected) unmount = mount(element);
      });
    }
  };
}

type Args = Partial<Record<TokenName, string>>;

const isColor = (name: string) => name.startsWith('--omni-color-');

/** A control per token; colours as colour pickers. Empty means "the default". */
const argTypes = Object.fromEntries(
  Object.entries(tokens).map(([name, token]) => [
    name,
    {
      name,
      description: `${token.description} Default: \`${token.value}\`.`,
      control: isColor(name) ? { type: 'color' } : { type: 'text' },
      table: { category: 'Tokens', defaultValue: { summary: token.value } },
    },
  ]),
);

const FILLED = {
  contact: { email: 'ada@example.com' },
  shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
};

/** PayPal's button style for the theme around `host`, in words. */
function describePayPal(host: HTMLElement): string {
  const style = buttonStyleFor(host, 'paypal');
  return `shape ${style.shape}${style.borderRadius !== undefined ? ` (radius ${style.borderRadius}px)` : ''}, height ${style.height}px, colour ${style.color}`;
}

const meta: Meta<Args> = {
  title: 'Design/Theming',
  argTypes,
  args: {},
  parameters: { docs: { description: { component: 'Every `--omni-*` token as a live control. Set tokens on any ancestor of the checkout (`:root`, a wrapper, `omni-checkout` itself).' } } },
  // The story is done (and the a11y pass looks) once Stripe's fields and PayPal's buttons are drawn.
  play: async ({ canvasElement }) => {
    await waitFor(
      () => {
        const frame = canvasElement.querySelector<HTMLIFrameElement>('[data-theming="stripe"] iframe');
        expect(frame?.contentDocument?.getElementById('number')).toBeTruthy();
        expect(canvasElement.querySelectorAll('[data-theming="paypal"] button')).toHaveLength(2);
      },
      { timeout: 20_000 },
    );
  },
  render: (args) => {
    const backend = createMemoryBackend(FILLED);
    const theme = Object.fromEntries(Object.entries(args).filter(([name, value]) => name.startsWith('--omni-') && value));
    // Side by side (stacked on narrow screens): the three move together as a control changes.
    const layout = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))', gap: '1.5rem', alignItems: 'start' };
    return html`<div class="theme" style=${styleMap({ ...layout, ...theme })}>
      <section aria-labelledby="theming-omni">
        <h2 id="theming-omni">omni-checkout with the mock provider's card fields</h2>
        <omni-checkout
          publishable-key=${backend.publishableKey}
          api-base=${backend.apiBase}
          .fetch=${backend.fetch}
          .clientSecret=${backend.clientSecret}
        ></omni-checkout>
      </section>
      <section aria-labelledby="theming-stripe">
        <h2 id="theming-stripe">Stripe's Payment Element</h2>
        <div data-theming="stripe" ${ref(mountedWith(mountStripe))}></div>
      </section>
      <section aria-labelledby="theming-paypal">
        <h2 id="theming-paypal">PayPal's buttons</h2>
        <div data-theming="paypal" style="display: grid; gap: 0.5rem" ${ref(mountedWith(mountPayPal))}></div>
        <p>Style: <output aria-live="polite"></output></p>
      </section>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The defaults: no token set. */
export const Defaults: Story = {};

/** A warm, rounded brand: every control can be changed from here. */
export const Roastery: Story = {
  args: {
    '--omni-color-primary': '#6b3e26',
    '--omni-color-on-primary': '#ffffff',
    '--omni-radius': '22px',
    '--omni-font-family': 'Georgia, serif',
    '--omni-font-size': '1.0625rem',
  },
};
