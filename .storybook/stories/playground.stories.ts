/**
 * Checkout / Playground: <omni-checkout> with a control for every public attribute and property
 * of the Custom Elements Manifest (Storybook reads it: .storybook/preview.ts), applied to the
 * element as a designer changes them. The in-memory backend and the mock provider stand behind it
 * (its key, backend address, fetch and client secret, unless a control overrides them).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import '@omni-checkout/elements/checkout/define';
import manifest from '../../packages/elements/custom-elements.json';

registerProvider('mock', () => import('@omni-checkout/mock/client'));

interface Member {
  kind: string;
  name: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
}
interface Declaration {
  tagName?: string;
  members?: Member[];
  attributes?: { name: string; fieldName?: string }[];
}

const TAG = 'omni-checkout';
const declaration = (manifest.modules as { declarations?: Declaration[] }[])
  .flatMap((m) => m.declarations ?? [])
  .find((d) => d.tagName === TAG)!;
/** Public, writable properties (their attributes map to them). */
const properties = (declaration.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.privacy && !m.readonly).map((m) => m.name);
/** Attributes without a property. */
const attributesOnly = (declaration.attributes ?? []).filter((a) => !a.fieldName || !properties.includes(a.fieldName)).map((a) => a.name);

const meta: Meta<Record<string, unknown>> = {
  title: 'Checkout/Playground',
  component: TAG,
  args: { lang: 'en', identity: false },
  render: (args) => {
    const backend = createMemoryBackend({
      contact: { email: 'ada@example.com' },
      shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    });
    const element = document.createElement(TAG) as HTMLElement & Record<string, unknown>;
    Object.assign(element, { publishableKey: backend.publishableKey, apiBase: backend.apiBase, fetch: backend.fetch, clientSecret: backend.clientSecret });
    for (const [name, value] of Object.entries(args)) {
      if (value === undefined || value === '') continue;
      if (properties.includes(name)) element[name] = value;
      else if (attributesOnly.includes(name)) element.setAttribute(name, String(value));
    }
    return element;
  },
};
export default meta;

/** Change any control: the element updates (the backend behind it is fresh per render). */
export const Playground: StoryObj = {};
