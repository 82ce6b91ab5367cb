#!/usr/bin/env node
// Writes packages/elements/src/internal/version.ts from packages/elements/package.json, so the
// VERSION a component reports (two copies on one page) is the published version. Runs in the
// elements build and after `changeset version` (`pnpm version-packages`); scripts/packages.test.ts
// fails when the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../packages/elements/', import.meta.url));
const { version } = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'));
if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`not a version: ${version}`);
const file = `${dir}src/internal/version.ts`;
const text = `// Generated from package.json by scripts/sync-version.mjs (elements build, \`pnpm version-packages\`): do not edit.\n/** Version of this copy of the library, shown when two copies meet on one page. */\nexport const VERSION = '${version}';\n`;
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {}
if (current !== text) writeFileSync(file, text);
