import type { StorybookConfig } from '@storybook/web-components-vite';
import { litOxc, sourceConditions } from '../scripts/lit-oxc.js';
import { writeManifest } from '../scripts/custom-elements-manifest.mjs';

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
    });
  },
};

export default config;
