/**
 * `<omni-identity>` and `<omni-saved-methods>`, which the checkout loads together, with the identity
 * network, before its form renders: one lazy module rather than two `import()`s, so esbuild splits
 * what they share with the rest of the elements into fewer chunks (docs/architecture.md).
 */
import '../identity/define.js';
import '../saved-methods/define.js';
