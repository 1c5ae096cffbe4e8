#!/usr/bin/env node
// Entry point for `npx verdict` / an installed package: the compiled dist/ (Node ≥ 22.18); in a checkout
// (src/ present, Node 24 strips the types) the TypeScript sources directly. main runs the program.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli/main.ts', import.meta.url);
await import(existsSync(src) ? src.href : new URL('../dist/cli/main.js', import.meta.url).href);
