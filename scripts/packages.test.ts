/**
 * The published packages, as npm would ship them: every package is built (`tsc -b`), packed with
 * `pnpm pack` (which rewrites `workspace:*` to versions) and its tarball checked:
 *   - no test, story or test-helper files; a LICENSE identical to the repository's, a README, a CHANGELOG;
 *   - complete metadata (repository, homepage, bugs, keywords, public access) and no `workspace:` range;
 *   - every `exports` target (types and code) is in the tarball;
 *   - publint (strict) finds nothing, and @arethetypeswrong/cli (ESM-only profile) finds no problem;
 *   - @omni-checkout/elements reports the version of its package.json (scripts/sync-version.mjs).
 * Installing the tarballs into a fresh project and paying is e2e/tests/packed-install.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeManifest } from './custom-elements-manifest.mjs';
import { generate } from './generate-wrappers.mjs';
import { buildCdn } from './build-cdn.mjs';
import { buildLinkPage } from './build-link-page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PUBLISHED = ['core', 'elements', 'mock', 'moyasar', 'node', 'paypal', 'server', 'stripe', 'react', 'vue'].filter((name) => {
  try {
    return !JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).private;
  } catch {
    return false;
  }
});

let packDir = '';
const tarballs = new Map<string, string>();

function tarList(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''));
}

function tarRead(tarball: string, path: string): string {
  return execFileSync('tar', ['-xzOf', tarball, `package/${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every file an `exports` map points at (all conditions except `source`, which points at src). */
function exportTargets(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value.replace(/^\.\//, ''));
  else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) if (key !== 'source') exportTargets(inner, out);
  return out;
}

beforeAll(async () => {
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b'], { cwd: root, stdio: 'inherit' });
  writeManifest();
  // The React and Vue wrappers are generated from the manifest, then compiled.
  generate();
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/react', 'packages/vue'], { cwd: root, stdio: 'inherit' });
  // The CDN build (one self-contained module per element) ships in @omni-checkout/elements.
  await buildCdn();
  // The hosted pay page of payment links ships in @omni-checkout/server (its `build` makes it).
  await buildLinkPage();
  packDir = mkdtempSync(join(tmpdir(), 'omni-packs-'));
  for (const name of PUBLISHED) {
    execFileSync('pnpm', ['pack', '--pack-destination', packDir], { cwd: join(root, 'packages', name), stdio: 'ignore' });
  }
  for (const file of readdirSync(packDir)) {
    const name = /^omni-checkout-([a-z-]+)-\d/.exec(file)?.[1];
    if (name) tarballs.set(name, join(packDir, file));
  }
}, 300_000);

afterAll(() => {
  if (packDir) rmSync(packDir, { recursive: true, force: true });
});

describe.each(PUBLISHED)('@omni-checkout/%s as published', (name) => {
  const tarball = () => {
    const file = tarballs.get(name);
    if (!file) throw new Error(`pnpm pack made no tarball for ${name}`);
    return file;
  };

  it('ships built code, types, a LICENSE and README, and no tests, stories or test helpers', () => {
    const files = tarList(tarball());
    expect(files.filter((f) => /\.(test|spec|stories)\.|(^|\/)test\/|tsbuildinfo/.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md']));
    expect(tarRead(tarball(), 'LICENSE')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
    expect(files.some((f) => f.startsWith('dist/') && f.endsWith('.d.ts'))).toBe(true);
    const pkg = JSON.parse(tarRead(tarball(), 'package.json'));
    for (const target of exportTargets(pkg.exports)) {
      if (!target.includes('*')) expect(files, `exports → ${target}`).toContain(target);
      else {
        // A subpath pattern (`./*` → `dist/*.js`): it matches files.
        const pattern = new RegExp(`^${target.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
        expect(files.filter((f) => pattern.test(f)).length, `exports → ${target}`).toBeGreaterThan(1);
      }
    }
  });

  it('has complete metadata and no workspace: ranges left', () => {
    const pkg = JSON.parse(tarRead(tarball(), 'package.json'));
    expect(pkg).toMatchObject({
      name: `@omni-checkout/${name}`,
      license: 'MIT',
      type: 'module',
      repository: { type: 'git', directory: `packages/${name}` },
      publishConfig: { access: 'public' },
    });
    expect(pkg.description).toBeTruthy();
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
    expect(pkg.keywords.length).toBeGreaterThan(2);
    const ranges = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies };
    expect(Object.entries(ranges).filter(([, range]) => String(range).startsWith('workspace:'))).toEqual([]);
  });

  it('passes publint (strict)', async () => {
    const bytes = readFileSync(tarball());
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });

  it('has types that resolve for ESM consumers (@arethetypeswrong/cli, esm-only profile)', () => {
    let output = '';
    let code = 0;
    try {
      output = execFileSync(join(root, 'node_modules/.bin/attw'), [tarball(), '--profile', 'esm-only', '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      code = (error as { status?: number }).status ?? 1;
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(output) as { problems?: Record<string, { entrypoint: string; resolutionKind?: string }[]> };
    // The ESM-only profile ignores node10 and require(): these packages are ES modules only.
    const problems = Object.values(report.problems ?? {})
      .flat()
      .filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  });
});

it('@omni-checkout/elements ships its Custom Elements Manifest, a CDN module per element, and the CDN painted first render with its chunks', () => {
  const files = tarList(tarballs.get('elements')!);
  expect(files).toContain('custom-elements.json');
  const manifest = JSON.parse(tarRead(tarballs.get('elements')!, 'custom-elements.json'));
  const tags: string[] = manifest.modules.flatMap((m: { declarations?: { tagName?: string }[] }) => (m.declarations ?? []).map((d) => d.tagName).filter(Boolean));
  expect(tags).toContain('omni-checkout');
  for (const tag of tags) expect(files).toContain(`cdn/${tag.replace(/^omni-/, '')}.js`);
  // Self-contained: no import of another module, static or bare.
  const checkout = tarRead(tarballs.get('elements')!, 'cdn/checkout.js');
  expect(checkout).not.toMatch(/\bfrom\s*["'][^"']+["']|\bimport\s*["']/);
  // The painted first render for pages without a bundler: its chunks are in the tarball, beside it.
  const first = tarRead(tarballs.get('elements')!, 'cdn/first/checkout.js');
  const chunks = [...first.matchAll(/["']\.\/(chunk-[A-Z0-9]+\.js)["']/g)].map((m) => `cdn/first/${m[1]}`);
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of chunks) expect(files).toContain(chunk);
  expect(first).not.toMatch(/["'](?!\.\/chunk-)[^"']*\.js["']/);
});

it('@omni-checkout/server ships the hosted pay page of payment links where the backend looks for it', () => {
  const files = tarList(tarballs.get('server')!);
  // dist/links/links.js reads ../../link-page/dist (DEFAULT_LINK_PAGE_ASSETS).
  expect(files).toContain('dist/links/links.js');
  expect(files).toContain('link-page/dist/pay.js');
  expect(files.filter((f) => f.startsWith('link-page/dist/chunk-')).length).toBeGreaterThan(1);
});

it('@omni-checkout/elements reports the version of its package.json', async () => {
  const { version } = JSON.parse(readFileSync(join(root, 'packages/elements/package.json'), 'utf8'));
  const source = readFileSync(join(root, 'packages/elements/src/internal/version.ts'), 'utf8');
  expect(source).toContain(`export const VERSION = '${version}';`);
  const built = readFileSync(join(root, 'packages/elements/dist/internal/version.js'), 'utf8');
  expect(built).toContain(`'${version}'`);
});

it('every workspace package is published or private', () => {
  const names = readdirSync(join(root, 'packages'));
  const unpublished = names.filter((name) => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
    return !pkg.private && !PUBLISHED.includes(name);
  });
  expect(unpublished).toEqual([]);
});
