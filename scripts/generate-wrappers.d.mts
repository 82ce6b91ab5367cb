export interface WrappedElement {
  tag: string;
  className: string;
  /** File name in packages/react/src (without .ts), e.g. `checkout`. */
  file: string;
  /** The define entry, e.g. `@omni-checkout/elements/checkout/define`. */
  entry: string;
  /** The painted first render's entry when the element has one, e.g. `@omni-checkout/elements/checkout/first` (the wrappers load it instead of `entry`), otherwise null. */
  first: string | null;
  summary: string;
  properties: { name: string; description: string }[];
  events: { name: string; type: string; description: string }[];
}
/** `omni-complete` → `onOmniComplete`. */
export declare function handlerName(event: string): string;
export declare function describeElements(): WrappedElement[];
/** The painted first render's entry beside a define entry, if @omni-checkout/elements exports one. */
export declare function firstEntryOf(entry: string, exports?: Record<string, unknown>): string | null;
/** The source of one element's React component (what `generate` writes to packages/react/src/<file>.ts). */
export declare function reactFile(element: WrappedElement): string;
/** The source of the Vue package (what `generate` writes to packages/vue/src/index.ts). */
export declare function vueIndex(elements: WrappedElement[]): string;
/** Writes packages/react/src and packages/vue/src from the manifest. */
export declare function generate(targets?: ('react' | 'vue')[]): WrappedElement[];
