import type { Decorator, Preview } from '@storybook/web-components-vite';
import { tokens } from '@omni-checkout/elements';

/**
 * The global `--omni-*` tokens at their documented defaults, from the one theme object of
 * `@omni-checkout/elements`, set on `:root` the way a merchant page would. Components carry the
 * same defaults themselves; this makes them visible (and editable in devtools) in every story.
 * Defaults that refer to a component's private `--_*` values only resolve inside the component,
 * so they are left to it.
 */
function installTokenDefaults(): void {
  if (document.getElementById('omni-storybook-tokens')) return;
  const declarations = Object.entries(tokens)
    .filter(([, token]) => !token.value.includes('var(--_'))
    .map(([name, token]) => `${name}: ${token.value};`)
    .join('\n  ');
  const style = document.createElement('style');
  style.id = 'omni-storybook-tokens';
  style.textContent = `:root {\n  color-scheme: light;\n  ${declarations}\n}\nbody { margin: 0; }`;
  document.head.prepend(style);
}

/**
 * Sets `dir` and `lang` on the story root (`#storybook-root`) and on `<html>` from the toolbar
 * globals, so `:dir(rtl)` and `lang` lookups inside components see them.
 * The a11y pass selects them by URL: `iframe.html?id=…&globals=dir:rtl;locale:ar`.
 */
const withDirectionAndLocale: Decorator = (story, context) => {
  installTokenDefaults();
  const locale = String(context.globals.locale ?? 'en');
  const dir = context.globals.dir === 'rtl' ? 'rtl' : 'ltr';
  document.documentElement.lang = locale;
  document.documentElement.dir = dir;
  const root = document.getElementById('storybook-root');
  if (root) {
    root.lang = locale;
    root.dir = dir;
  }
  return story();
};

const preview: Preview = {
  decorators: [withDirectionAndLocale],
  globalTypes: {
    dir: {
      description: 'Text direction of the story root',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right (LTR)' },
          { value: 'rtl', title: 'Right to left (RTL)' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the story root (`lang`)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'pl', title: 'Polski' },
          { value: 'ko', title: '한국어' },
          { value: 'ar', title: 'العربية' },
          { value: 'de', title: 'Deutsch' },
          { value: 'fr', title: 'Français' },
          { value: 'es', title: 'Español' },
          { value: 'sv', title: 'Svenska' },
          { value: 'tr', title: 'Türkçe' },
          { value: 'ja', title: '日本語' },
          { value: 'he', title: 'עברית (no catalog: English, RTL)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { dir: 'ltr', locale: 'en' },
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
