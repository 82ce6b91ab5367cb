/** MJML 5 renders asynchronously (`mjml2html` answers a promise); only what `notify.ts` uses. */
declare module 'mjml' {
  export interface MjmlResult {
    readonly html: string;
    readonly errors: readonly { readonly message: string; readonly tagName?: string }[];
  }
  export default function mjml2html(input: string, options?: { readonly validationLevel?: 'strict' | 'soft' | 'skip' }): Promise<MjmlResult>;
}
