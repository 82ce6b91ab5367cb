import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { litOxc, sourceConditions } from '../scripts/lit-oxc.js';
import { writeManifest } from '../scripts/custom-elements-manifest.mjs';
import { PAYMENT_FRAME_HTML } from '../packages/stripe/src/fake/frames.js';

/**
 * The Stripe.js double's card frame, served from Storybook's own origin (no network here) at
 * `/stripe-double/omni-fake-payment.html`: the Theming page mounts Stripe's Payment Element (its
 * double) with the Appearance the adapter derives from the tokens.
 */
const STRIPE_FRAME = 'stripe-double/omni-fake-payment.html';
const stripeFrame: Plugin = {
  name: 'omni-stripe-double-frame',
  configureServer(server) {
    server.middlewares.use(`/${STRIPE_FRAME}`, (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(PAYMENT_FRAME_HTML);
    });
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: STRIPE_FRAME, source: PAYMENT_FRAME_HTML });
  },
};

// The Custom Elements Manifest (attributes, properties, events, slots, parts, CSS properties of
// every element), generated from the sources at start-up: the docs pages and controls read it.
writeManifest();

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['./pages/*.mdx', './stories/*.stories.ts', '../packages/*/src/**/*.stories.ts'],
  // Docs pages: one per component (autodocs, from the manifest), the landing, Theming and flow pages.
  addons: ['@storybook/addon-docs'],
  // No telemetry, no crash reports, no update checks: `storybook build` works offline.
  core: { disableTelemetry: true, enableCrashReports: false },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      // Lit's legacy decorators with [[Set]] class fields, as in packages/elements/tsconfig.json.
      oxc: litOxc,
      // Workspace packages are read from `src/*.ts` through the `source` export condition.
      resolve: { conditions: sourceConditions },
      plugins: [stripeFrame],
    });
  },
};

export default config;
