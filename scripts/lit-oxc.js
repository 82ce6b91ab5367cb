// Lit decorators in Vite 8 (oxc): legacy decorators with [[Set]] class fields, matching
// `experimentalDecorators: true` and `useDefineForClassFields: false` in packages/elements/tsconfig.json.
// Every Vite-based build of the elements (Vitest browser, Storybook, the demo shop, size test) uses it.
export const litOxc = {
  decorator: { legacy: true },
  typescript: { removeClassFieldsWithoutInitializer: true },
  assumptions: { setPublicClassFields: true },
};

/** Export conditions that make Vite read workspace packages from `src/*.ts` (the `source` condition). */
export const sourceConditions = ['source', 'module', 'browser', 'development', 'import', 'default'];
