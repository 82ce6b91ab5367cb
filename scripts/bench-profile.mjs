#!/usr/bin/env node
/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `pnpm bench --cpu-prof DIR`): the functions
 * with the most self time, and self time by package.
 *
 *   node scripts/bench-profile.mjs PROFILE.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (!positionals[0]) {
  process.stderr.write('Usage: node scripts/bench-profile.mjs PROFILE.cpuprofile [--top 25]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
// Sample i lasted timeDeltas[i + 1] (the delta to the next sample).
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
// Shares are of the busy time: samples where the process was idle (waiting on I/O) are left out.
const idle = [...selfMicros].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, m]) => a + m, 0);
for (const [id] of [...selfMicros]) if (byId.get(id).callFrame.functionName === '(idle)') selfMicros.delete(id);
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
const where = (frame) => {
  const url = frame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/packages/')) return `@omni-checkout/${url.split('/packages/')[1].split('/')[0]}`;
  if (url.startsWith('node:')) return 'node';
  return frame.functionName.startsWith('(') ? frame.functionName : url ? 'other' : 'native';
};
const byFunction = new Map();
const byPackage = new Map();
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id).callFrame;
  const file = frame.url.split('/').slice(-2).join('/');
  const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  byPackage.set(where(frame), (byPackage.get(where(frame)) ?? 0) + micros);
}
const pct = (micros) => `${((100 * micros) / total).toFixed(1).padStart(5)} %`;
const top = Number(values.top);
process.stdout.write(`Busy ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms; shares of busy time\n\nTop functions (self time)\n`);
for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(micros)}  ${key}\n`);
process.stdout.write('\nBy package (self time)\n');
for (const [key, micros] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`${pct(micros)}  ${key}\n`);
