/**
 * Accessibility pass over every built story, in LTR and RTL (docs/style.md rule 15).
 * Run after `pnpm build-storybook`: `npx playwright test -c scripts/storybook-a11y.config.ts`.
 * The spec serves `storybook-static/` itself on a loopback port; nothing reaches the network.
 */
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium.js';

export default defineConfig({
  testDir: '.',
  testMatch: ['storybook-a11y.spec.ts', 'storybook-designers.spec.ts'],
  outputDir: '../test-results/storybook-a11y-artifacts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous: four engineers share two cores, and a story with a play function pays a whole checkout.
  timeout: 90_000,
  reporter: [['list'], ['json', { outputFile: '../test-results/storybook-a11y.json' }]],
  use: {
    viewport: { width: 1024, height: 768 },
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium' }],
});
