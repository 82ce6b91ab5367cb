#!/usr/bin/env node
// Runs the built CLI. From source: `tsx --conditions=source packages/server/src/cli.ts`.
import '../dist/cli.js';
