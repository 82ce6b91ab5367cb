/**
 * Classes, events and the design tokens' table. Importing this module registers nothing: import
 * `./define.js` (or a component's `define`) for that.
 */
export * from './classes.js';
// Documentation of every `--omni-*` token (description and default), for tools and theme editors; a
// page that registers the components does not need it, so `./define.js` does not re-export it.
export { tokens, type TokenName } from './styles/tokens.js';
