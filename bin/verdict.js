#!/usr/bin/env node
// Entry point for `npx verdict` / a global install: Node 24 runs the TypeScript sources directly.
import '../src/cli/main.ts';
