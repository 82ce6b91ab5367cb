import type { StorybookConfig } from '@storybook/web-components-vite';
import { litOxc, sourceConditions } from '../scripts/lit-oxc.js';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../packages/*/src/**/*.stories.ts'],
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
