export interface WrappedElement {
  tag: string;
  className: string;
  /** File name in packages/react/src (without .ts), e.g. `checkout`. */
  file: string;
  /** The define entry, e.g. `@omni-checkout/elements/checkout/define`. */
  entry: string;
  summary: string;
  properties: { name: string; description: string }[];
  events: { name: string; type: string; description: string }[];
}
/** `omni-complete` → `onOmniComplete`. */
export declare function handlerName(event: string): string;
export declare function describeElements(): WrappedElement[];
/** Writes packages/react/src and packages/vue/src from the manifest. */
export declare function generate(targets?: ('react' | 'vue')[]): WrappedElement[];
