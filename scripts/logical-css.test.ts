/**
 * Components mirror in right-to-left languages only if their CSS says "start" and "end", never
 * "left" and "right": this scans every component style sheet (`*.styles.ts`, the light-DOM styles
 * and the provider adapters' styles) for physical margins, paddings, borders, insets, floats,
 * clears and text alignment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Physical properties and values, each with the logical one to use instead. */
const PHYSICAL: readonly [RegExp, string][] = [
  [/\b(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b/, 'margin-inline-start / -end (and padding, border)'],
  [/\bborder-(?:top|bottom)-(?:left|right)-radius\b/, 'border-start-start-radius …'],
  [/(?:^|[\s;{(])(?:left|right)\s*:/, 'inset-inline-start / -end'],
  [/\bfloat\s*:\s*(?:left|right)\b/, 'float: inline-start / inline-end'],
  [/\bclear\s*:\s*(?:left|right)\b/, 'clear: inline-start / inline-end'],
  [/\btext-align\s*:\s*(?:left|right)\b/, 'text-align: start / end'],
  [/\bresize\s*:\s*horizontal\b/, 'resize: inline'],
];

function files(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path, match);
    return match(entry.name) ? [path] : [];
  });
}

/** The CSS of a module: its css`…` templates, else the template literals holding CSS rules (comments dropped). */
function cssOf(source: string): string {
  const tagged = [...source.matchAll(/css`([\s\S]*?)`/g)].map((m) => m[1]!);
  const templates = tagged.length ? tagged : [...source.matchAll(/`([^`]*\{[^`]*\}[^`]*)`/g)].map((m) => m[1]!).filter((text) => /[\w-]+\s*:\s*[^;{}]+;/.test(text));
  return templates.map((text) => text.replace(/\/\*[\s\S]*?\*\//g, '')).join('\n');
}

function physical(css: string): string[] {
  return css.split('\n').flatMap((line, i) => PHYSICAL.filter(([re]) => re.test(line)).map(([, instead]) => `line ${i + 1}: "${line.trim()}" → use ${instead}`));
}

const sheets = [
  ...files(join(root, 'packages/elements/src'), (name) => name.endsWith('.styles.ts') || name === 'light-styles.ts'),
  // The provider adapters' own styles (the mock's card fields and challenge, Stripe and PayPal mounts).
  ...['mock', 'stripe', 'paypal', 'moyasar'].flatMap((pkg) => files(join(root, `packages/${pkg}/src/client`), (name) => name.endsWith('.ts') && !name.includes('.test.') && !name.endsWith('.d.ts'))),
].filter((path) => cssOf(readFileSync(path, 'utf8')).length > 0 || path.endsWith('.styles.ts'));

describe('logical CSS only', () => {
  it('finds the style sheets (every component has one)', () => {
    const names = sheets.map((path) => relative(root, path));
    for (const component of ['address', 'checkout', 'express', 'identity', 'payment-methods', 'saved-methods']) {
      expect(names).toContain(`packages/elements/src/${component}/${component}.styles.ts`);
    }
    expect(names.some((name) => name.startsWith('packages/mock/src/client/'))).toBe(true);
  });

  it.each(sheets.map((path) => [relative(root, path), path]))('%s uses no physical left/right property', (_name, path) => {
    expect(physical(cssOf(readFileSync(path, 'utf8')))).toEqual([]);
  });

  it('the scan rejects each physical form and accepts the logical ones', () => {
    const bad = ['margin-left: 4px;', 'padding-right:0', 'border-left: 1px solid', 'float: left;', 'text-align: right;', 'left: 0;', '{ right: 2px }', 'clear: right', 'border-top-left-radius: 4px'];
    for (const line of bad) expect(physical(line), line).toHaveLength(1);
    const good = ['margin-inline-start: 4px;', 'padding-inline: 0', 'float: inline-start;', 'text-align: start;', 'inset-inline-end: 0;', 'border-start-start-radius: 4px', '--omni-left-gap: 1px'];
    for (const line of good) expect(physical(line), line).toEqual([]);
  });
});
