#!/usr/bin/env node
/**
 * Import cycles in `packages/*\/src`, over the TypeScript import graph.
 *
 * Every static `import`, `import type`, `export … from` and `import('…')` type of every `.ts` file
 * counts (a type-only cycle is still two modules that cannot be understood apart). A dynamic
 * `import()` call does not: it is a lazy-loading boundary (a chunk loaded on demand may name a type
 * of the module that loads it, as the address data and the translations do), it cannot change the
 * order in which modules evaluate. Such cycles are listed separately (`lazyCycles`), for reading.
 * Relative specifiers resolve as TypeScript's NodeNext does (`./x.js` → `./x.ts`, a folder → its
 * `index.ts`); `@omni-checkout/<package>[/<entry>]` resolves through that package's `exports`
 * map (its `source` condition), so cycles across packages count too. Anything else (npm packages,
 * `node:` built-ins) is outside the graph.
 *
 * `node scripts/import-cycles.mjs` prints each cycle and exits 1 when there is one;
 * `scripts/import-cycles.test.ts` runs it in the node test project.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `.ts` files under `dir`, skipping declaration files and `node_modules`. */
function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** `@omni-checkout/<name>[/<entry>]` → source file, from each package's `exports` (`source` condition). */
function packageEntries(root) {
  const entries = new Map();
  const packagesDir = join(root, 'packages');
  for (const dir of readdirSync(packagesDir)) {
    const manifest = join(packagesDir, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' && target !== null ? target.source : undefined;
      if (typeof source !== 'string') continue;
      entries.set(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, resolve(packagesDir, dir, source));
    }
  }
  return entries;
}

function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, base, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** Module specifiers of a file: `static` (imports, re-exports, import types) and `dynamic` (`import()` calls). */
export function specifiersOf(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = { static: [], dynamic: [] };
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.static.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.static.push(expression.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.static.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.dynamic.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The import graph: file → the files of the graph it imports. With `{ dynamic: true }`, `import()`
 * calls count as edges too.
 */
export function importGraph(root = ROOT, options = {}) {
  const entries = packageEntries(root);
  const files = readdirSync(join(root, 'packages'))
    .map((dir) => join(root, 'packages', dir, 'src'))
    .filter((dir) => existsSync(dir))
    .flatMap(sources);
  const graph = new Map();
  for (const file of files) {
    const found = specifiersOf(file, readFileSync(file, 'utf8'));
    const targets = new Set();
    for (const specifier of options.dynamic ? [...found.static, ...found.dynamic] : found.static) {
      const target = specifier.startsWith('.') ? resolveRelative(file, specifier) : (entries.get(specifier) ?? null);
      if (target && target !== file) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/**
 * The strongly connected components with more than one file (Tarjan), each given as one concrete
 * cycle through it, with paths relative to `root`.
 */
export function findCycles(graph, root = ROOT) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const connect = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component);
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) connect(node);
  return components.map((component) => {
    // One concrete cycle: a shortest path (breadth first, inside the component) back to the start.
    const members = new Set(component);
    const start = [...component].sort()[0];
    const previous = new Map([[start, null]]);
    const queue = [start];
    let closing = null;
    while (queue.length > 0 && !closing) {
      const node = queue.shift();
      for (const next of graph.get(node) ?? []) {
        if (next === start) {
          closing = node;
          break;
        }
        if (members.has(next) && !previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    const path = [];
    for (let node = closing; node !== null; node = previous.get(node)) path.unshift(node);
    return [...path, start].map((file) => relative(root, file));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const graph = importGraph();
  const cycles = findCycles(graph);
  const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
  const lazy = findCycles(importGraph(ROOT, { dynamic: true })).filter((cycle) => !cycles.some((c) => c.join() === cycle.join()));
  for (const cycle of lazy) console.log(`through a dynamic import() (allowed): ${cycle.join(' → ')}`);
  if (cycles.length === 0) {
    console.log(`No import cycles in packages/*/src (${graph.size} files, ${edges} imports).`);
  } else {
    for (const cycle of cycles) console.log(`cycle: ${cycle.join(' → ')}`);
    console.log(`${cycles.length} import cycle(s) in packages/*/src (${graph.size} files, ${edges} imports).`);
    process.exitCode = 1;
  }
}
