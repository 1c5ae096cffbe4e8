import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const verdict = (args: string[], input?: string) => spawnSync(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, input, encoding: 'utf8' });

describe('CLI conventions', () => {
  it('a reader that closes the pipe early (`verdict --help | head -1`) ends the command quietly', async () => {
    const child = spawn(process.execPath, ['src/cli/main.ts', '--help'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the pipe is closed before the first write
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.each([
    [['import', 'x.csv', '--column', 'bogus'], /field=column.*fields: text, film/],
    [['import', 'x.csv', '--column', 'zzz=a'], /unknown field "zzz".*fields: text, film/],
    [['users', 'create', 'bob', '--role', 'god', '--db', ':memory:'], /unknown role "god"/],
    [['keys', 'create', 'k', '--role', 'god', '--db', ':memory:'], /unknown role "god"/],
    [['analyze', '--max-size', '0', 'examples/ballerina.txt'], /more than 0/],
  ])('a bad flag value is a usage error (64) that says what is valid: %j', (args, message) => {
    const r = verdict(args);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(64);
  });

  it('analyze --jsonl fails when no line gave a card: 65 when every line was bad, 2 with no input at all', () => {
    const bad = verdict(['analyze', '--jsonl', 'examples/ballerina.txt', '--no-progress']);
    expect(bad.stderr).toMatch(/no line of examples\/ballerina.txt gave a card \(13 bad lines\)/);
    expect(bad.status).toBe(65);
    const empty = verdict(['analyze', '--jsonl', '-', '--no-progress'], '');
    expect(empty.stderr).toMatch(/no input/);
    expect(empty.status).toBe(2);
  });
});

describe('database URLs in messages', () => {
  it('one helper masks the user and password of every URL it prints', async () => {
    const { redactDatabase } = await import('../src/cli/errors.ts');
    expect(redactDatabase('postgres://user:secret@host/db')).toBe('postgres://***@host/db');
    expect(redactDatabase('from postgres://a:b@h1/x to postgres://c:d@h2/y')).toBe('from postgres://***@h1/x to postgres://***@h2/y');
    expect(redactDatabase('./verdict.db')).toBe('./verdict.db');
  });
});

describe('help', () => {
  it('a bare `verdict` prints the help on stdout and exits 0', () => {
    const r = verdict([]);
    expect(r.stdout).toMatch(/^Usage: verdict/);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it("every command's --help ends with examples", async () => {
    const { buildProgram } = await import('../src/cli/program.ts');
    const program = await buildProgram(['node', 'verdict']);
    const missing: string[] = [];
    const walk = (cmd: typeof program, path: string): void => {
      for (const sub of cmd.commands) {
        let help = '';
        sub.configureOutput({ writeOut: (s) => (help += s) });
        sub.outputHelp();
        if (!/\nExamples?:\n {2}\S/.test(help)) missing.push(`${path}${sub.name()}`);
        walk(sub, `${path}${sub.name()} `);
      }
    };
    walk(program, '');
    expect(missing).toEqual([]);
  });

  it('the terminal card says "1 sentence", and a film page shows its Wikipedia id decoded', async () => {
    const { plural } = await import('../src/cli/render-card.ts');
    const { readableId } = await import('../src/cli/commands/film.ts');
    expect([plural(1, 'sentence'), plural(2, 'mention'), plural(0, 'mention')]).toEqual(['1 sentence', '2 mentions', '0 mentions']);
    expect(readableId('John_Wick:_Chapter_3_%E2%80%93_Parabellum')).toBe('John_Wick:_Chapter_3_–_Parabellum');
    expect(readableId('100%_Wolf')).toBe('100%_Wolf');
  });
});

describe('import rejects file', () => {
  it('is named per run by default, so an earlier run’s is not overwritten', () => {
    const r = verdict(['import', '--help']);
    expect(r.stdout).toMatch(/default:\s+"verdict-rejects-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.tsv"/);
  });
});

describe('import summary', () => {
  it('names no rejects file when nothing was rejected (a repeated row is "already stored")', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'verdict-summary-'));
    try {
      const row = '{"text":"A lively, funny film.","movie_title":"Up","critic":"Ann"}';
      writeFileSync(join(dir, 'r.jsonl'), `${row}\n${row}\n`);
      const r = verdict(['import', join(dir, 'r.jsonl'), '--db', join(dir, 'v.db'), '--workers', '0', '--no-progress', '--rejects', join(dir, 'rej.tsv')]);
      expect(r.stderr).toMatch(/1 new review\(s\) of 1 film\(s\), 1 already stored, 0 rejected;/);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
