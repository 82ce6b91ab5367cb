/**
 * Every form-associated element runs the shared form-control contract
 * (`internal/test/form-control-contract.ts`): this test finds them all (each component's
 * `define.ts`, the classes with `formAssociated`) and fails when one has no contract run in its
 * folder's tests.
 */
import { describe, expect, it } from 'vitest';

const defines = import.meta.glob('../*/define.ts');
const tests = import.meta.glob<string>('../*/*.test.ts', { query: '?raw', import: 'default' });

describe('the form-control contract', () => {
  it('is run against every form-associated element', async () => {
    const before = new Set<string>();
    const formAssociated: { tag: string; folder: string }[] = [];
    for (const [path, load] of Object.entries(defines)) {
      await load();
      const folder = path.split('/')[1]!;
      for (const tag of [`omni-${folder}`, `omni-${folder.replace(/s$/, '')}`]) {
        const element = customElements.get(tag) as (CustomElementConstructor & { formAssociated?: boolean }) | undefined;
        if (element && !before.has(tag)) {
          before.add(tag);
          if (element.formAssociated) formAssociated.push({ tag, folder });
        }
      }
    }
    // Every component folder defines its element under its own name.
    expect([...before].sort()).toEqual(expect.arrayContaining(['omni-address', 'omni-checkout', 'omni-identity']));
    expect(formAssociated.map((e) => e.tag)).toContain('omni-address');
    for (const { tag, folder } of formAssociated) {
      const sources = await Promise.all(Object.entries(tests).filter(([path]) => path.startsWith(`../${folder}/`)).map(([, load]) => load()));
      expect(sources.some((source) => /formControlContract\s*</.test(source)), `${tag} runs formControlContract`).toBe(true);
    }
  });
});
