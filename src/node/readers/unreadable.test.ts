// A folder or file inside an import folder that cannot be read (no permission) is one reject; the walk goes on.
// Root reads everything whatever the mode, so as root the walk runs in a child process that loads the readers and
// then drops to the unprivileged "nobody" (loading first: nobody may not reach a checkout under a private folder).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

describe('import folders with unreadable parts', () => {
  it('an unreadable folder and a folder whose entries cannot be looked at are rejects, and the rest imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-unreadable-'));
    const root = join(dir, 'reviews');
    mkdirSync(join(root, 'locked'), { recursive: true });
    mkdirSync(join(root, 'listonly'));
    writeFileSync(join(root, 'a.txt'), 'A plain review.');
    writeFileSync(join(root, 'locked', 'b.txt'), 'Behind a locked door.');
    writeFileSync(join(root, 'listonly', 'c.txt'), 'Listed, never opened.');
    writeFileSync(join(root, 'z.txt'), 'The last review.');
    const script = join(dir, 'walk.mjs');
    const readers = pathToFileURL(join(import.meta.dirname, 'index.ts')).href;
    writeFileSync(
      script,
      `const { listInputs, readInputs } = await import(${JSON.stringify(readers)});\n` +
        (asRoot ? `process.setgid(${NOBODY}); process.setuid(${NOBODY});\n` : '') +
        `const { files } = listInputs([process.argv[2]]);\nconst out = [];\n` +
        `for await (const i of readInputs(files, { maxBytes: 1 << 20 })) out.push(i.kind === 'row' ? ['row', i.file, i.row.text] : ['reject', i.file, i.code]);\n` +
        `console.log(JSON.stringify(out));\n`,
    );
    chmodSync(dir, 0o755);
    chmodSync(join(root, 'locked'), 0o000); // neither listed nor entered
    chmodSync(join(root, 'listonly'), 0o644); // names listed, entries cannot be looked at
    try {
      const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const rel = (p: string): string => p.slice(root.length + 1);
      const items = (JSON.parse(r.stdout) as [string, string, string][]).map(([k, f, x]) => [k, rel(f), x]);
      expect(items).toEqual([
        ['row', 'a.txt', 'A plain review.'],
        ['reject', 'listonly/c.txt', 'E_READ'],
        ['reject', 'locked', 'E_READ'],
        ['row', 'z.txt', 'The last review.'],
      ]);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
      chmodSync(join(root, 'listonly'), 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
