// `npm run build` (run by `npm pack` through `prepack`): compiles src/ to dist/ (ESM + .d.ts), copies the
// files the compiled code reads at run time (static assets, SQL migrations) beside it, and writes the
// card's JSON Schema. Development never needs it: Node 24 runs the TypeScript directly.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', `${root}/tsconfig.build.json`], { stdio: 'inherit' });
for (const dir of ['server/web/static', 'store/migrations']) cpSync(`${root}/src/${dir}`, `${root}/dist/${dir}`, { recursive: true });
execFileSync(process.execPath, [`${root}/scripts/card-schema.ts`], { stdio: 'inherit' });
console.log('built dist/');
