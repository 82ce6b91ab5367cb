import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { resolve, relative } from 'node:path';
const root = process.cwd();
const entry = process.argv[2];
const result = await build({ absWorkingDir: root, entryPoints: [resolve(root, entry)], bundle: true, splitting: true, minify: true, write: false, outdir: resolve(root,'node_modules/.cache/x'), format: 'esm', platform: 'browser', target: 'es2022', conditions: ['source','browser','import','default'], tsconfig: resolve(root,'packages/elements/tsconfig.json'), define: {'process.env.NODE_ENV':'"production"'}, metafile: true, logLevel: 'silent' });
const outputs = result.metafile.outputs;
const contents = new Map(result.outputFiles.map((f) => [relative(root, f.path), Buffer.from(f.contents)]));
const wanted = relative(root, resolve(root, entry));
const entryOut = Object.keys(outputs).find((o) => outputs[o].entryPoint === wanted);
const initial = new Set();
const visit = (out) => { if (initial.has(out)) return; initial.add(out); for (const imp of outputs[out]?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path); };
visit(entryOut);
for (const o of initial) { const b = contents.get(o); console.log(b.length, gzipSync(b,{level:9}).length, Object.keys(outputs[o].inputs).map(i=>i.replace(/.*node_modules\/\.pnpm\/([^/]+).*/,'$1').replace('packages/elements/src/','')).join(' ').slice(0,300)); }
