#!/usr/bin/env node
// Entry point for `npx verdict` / an installed package: the compiled dist/ (Node ≥ 22.18); in a checkout
// (src/ present, Node 24 strips the types) the TypeScript sources directly.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli/program.ts', import.meta.url);
const { run } = await import(existsSync(src) ? src.href : new URL('../dist/cli/program.js', import.meta.url).href);
await run(process.argv);
