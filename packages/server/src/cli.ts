#!/usr/bin/env node
/** Entry point of `omni-checkout` (see `cli/run.ts`). Run from source: `tsx --conditions=source src/cli.ts`. */
import { runCli } from './cli/run.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`omni-checkout: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
