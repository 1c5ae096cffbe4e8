// A folder or file inside an import folder that cannot be read (no permission) is one reject; the walk goes on.
// Root reads everything whatever the mode, so as root the walk runs in a child process as the unprivileged "nobody".
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
// As root the walk runs as "nobody", who must reach Node and this checkout (not so under a private 0700 folder).
const nobodyReaches = !asRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(import.meta.dirname, 'index.ts'))})`], { uid: NOBODY, gid: NOBODY }).status === 0;

describe('import folders with unreadable parts', () => {
  it.skipIf(!nobodyReaches)('an unreadable folder and a folder whose entries cannot be looked at are rejects, and the rest imports', () => {
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
      `import { listInputs, readInputs } from ${JSON.stringify(readers)};\n` +
        `const { files } = listInputs([process.argv[2]]);\nconst out = [];\n` +
        `for await (const i of readInputs(files, { maxBytes: 1 << 20 })) out.push(i.kind === 'row' ? ['row', i.file, i.row.text] : ['reject', i.file, i.code]);\n` +
        `console.log(JSON.stringify(out));\n`,
    );
    chmodSync(dir, 0o755);
    chmodSync(join(root, 'locked'), 0o000); // neither listed nor entered
    chmodSync(join(root, 'listonly'), 0o644); // names listed, entries cannot be looked at
    try {
      const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
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
