// The dependency direction of DESIGN.md, checked on the source: analyze ← aggregate ← store ← app ← cli | server,
// with node/ (the I/O edge) under app.
// ESLint enforces the same rule while editing; this test makes a violation fail `npm test` on its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  return importSpecs(readFileSync(join(root, file), 'utf8'));
}

function importSpecs(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    specs.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return specs;
}

const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|worker_threads$|http$|https$|net$|zlib$|readline$|crypto$|process$|url$|stream$)/;

describe('import scanner', () => {
  it('finds static, side-effect, re-export and dynamic imports', () => {
    const src = "import { a } from 'node:fs';\nimport type { B } from '../store/store.ts';\nimport './x.ts';\nexport { c } from \"../cli/y.ts\";\nconst m = await import('node:os');";
    expect(importSpecs(src)).toEqual(['node:fs', '../store/store.ts', './x.ts', '../cli/y.ts', 'node:os']);
  });
});

function targetOf(file: string, spec: string): string | null {
  return spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : null;
}

describe.each([
  ['src/analyze', ['src/aggregate', 'src/store', 'src/cli', 'src/server', 'src/node', 'src/app', 'src/learn']],
  ['src/aggregate', ['src/store', 'src/cli', 'src/server', 'src/node', 'src/app']],
])('%s', (dir, forbidden) => {
  const files = sources(dir);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s imports no node:* module and nothing from outer layers', (file) => {
    for (const spec of importsOf(file)) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(NODE_BUILTINS);
      const target = targetOf(file, spec);
      for (const f of forbidden) expect(target?.startsWith(f) ?? false, `${file} imports ${spec}`).toBe(false);
    }
  });
});

describe.each([
  ['src/store', ['src/app', 'src/cli', 'src/server']],
  ['src/node', ['src/app', 'src/cli', 'src/server']],
  ['src/app', ['src/cli', 'src/server']],
])('%s (below the interfaces)', (dir, forbidden) => {
  it.each(sources(dir))('%s imports nothing from the layers above it', (file) => {
    for (const spec of importsOf(file)) {
      const target = targetOf(file, spec);
      for (const f of forbidden) expect(target?.startsWith(f) ?? false, `${file} imports ${spec}`).toBe(false);
    }
  });
});

describe.each(['src/cli', 'src/server'])('%s (an interface)', (dir) => {
  // cli/eval measures the analyser against the data sets; it reads no store.
  it.each(sources(dir))('%s reaches the store only through src/app (store/open.ts and store/store.ts types aside)', (file) => {
    for (const spec of importsOf(file)) {
      const target = targetOf(file, spec);
      if (target?.startsWith('src/store/')) expect(['src/store/open.ts', 'src/store/store.ts'], `${file} imports ${spec}`).toContain(target);
    }
  });
});

describe('src/app', () => {
  it('holds one file per use case, each one named in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const file of sources('src/app')) expect(readme, `README names ${file}`).toContain(file.replace(/^src\/app\//, ''));
  });
});
