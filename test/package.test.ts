// The package as a user gets it: `npm pack` (which builds dist/ through prepack), the tarball installed in a new
// project with no development dependencies, a TypeScript file importing the library type-checked and run, and
// `npx verdict analyze` run there. Slow (a build and an install): one test, a generous timeout.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
// Node 24 from the \`node\` devDependency (the machine's own node may be older).
const node = existsSync(join(root, 'node_modules/.bin/node')) ? join(root, 'node_modules/.bin/node') : process.execPath;
const work = mkdtempSync(join(tmpdir(), 'verdict-pack-'));
// npm, npx and node of this repository (Node 24 from the `node` devDependency) come first on PATH.
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

afterAll(() => rmSync(work, { recursive: true, force: true }));

const USE_TS = `import { analyze, analyzeMany, consensus, loadModel, VerdictError, type ReviewCard } from 'verdict';
import schema from 'verdict/schemas/card.v1.json' with { type: 'json' };

const model = loadModel();
const card: ReviewCard = analyze('I loved it 😀 so much. The acting is great.', model, { offsets: 'codepoints' });
const cards: ReviewCard[] = [card];
for await (const r of analyzeMany(['A tedious, clumsy film.', '   '], { concurrency: 1 })) {
  if ('card' in r) cards.push(r.card);
  else console.log('error', r.index, r.error.code);
}
let code = '';
try {
  analyze('  \\n ', model);
} catch (e) {
  if (e instanceof VerdictError) code = e.code;
}
const c = consensus(cards);
console.log(JSON.stringify({ second: card.sentences[1], fresh: card.verdict?.fresh, code, reviews: c.reviews, schema: (schema as { title: string }).title }));
`;

describe('the packed package', () => {
  it('installs from its tarball, type-checks and runs a TypeScript user, and runs `npx verdict analyze`', () => {
    const pack = spawnSync('npm', ['pack', '--pack-destination', work], { cwd: root, env, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    expect(tarball).toBeTruthy();

    const project = join(work, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-verdict', version: '1.0.0', type: 'module', private: true }));
    // The dependencies come from npm's cache where the repository's install left them.
    const install = spawnSync('npm', ['install', '--prefer-offline', '--omit=dev', join(work, tarball)], { cwd: project, env, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);

    writeFileSync(join(project, 'use.ts'), USE_TS);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2024', lib: ['es2024', 'dom'], module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, resolveJsonModule: true, skipLibCheck: true, types: [] }, include: ['use.ts'] }));
    const tsc = spawnSync(node, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, env, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);

    const use = spawnSync(node, ['use.ts'], { cwd: project, env, encoding: 'utf8' });
    expect(use.status, use.stderr).toBe(0);
    const lines = use.stdout.trim().split('\n');
    expect(lines[0]).toBe('error 1 E_EMPTY_TEXT');
    const out = JSON.parse(lines.at(-1)!) as { second: { start: number; end: number }; fresh: boolean; code: string; reviews: number; schema: string };
    // Code points: Python's slice of the second sentence reads "The acting is great."
    expect([...'I loved it 😀 so much. The acting is great.'].slice(out.second.start, out.second.end).join('')).toBe('The acting is great.');
    expect(out).toMatchObject({ fresh: true, code: 'E_EMPTY_TEXT', schema: 'card.v1' });
    expect(out.reviews).toBe(2);

    writeFileSync(join(project, 'review.txt'), 'A gripping, beautifully acted thriller. I loved every minute of it.');
    const cli = spawnSync('npx', ['verdict', 'analyze', 'review.txt', '--json'], { cwd: project, env, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as ReviewCardLike).verdict.fresh).toBe(true);

    const bad = spawnSync('npx', ['verdict', 'analyze', 'missing.txt'], { cwd: project, env, encoding: 'utf8' });
    expect(bad.status).toBe(66);
    expect(bad.stderr.trim()).toMatch(/^verdict: cannot read missing\.txt: no such file/);
    expect(spawnSync('npx', ['verdict', '--help'], { cwd: project, env, encoding: 'utf8' }).status).toBe(0);
  }, 600_000);
});

interface ReviewCardLike {
  verdict: { fresh: boolean };
}
