import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const verdict = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('verdict analyze (CLI)', () => {
  it('prints a JSON card for the bundled review, with the pull quote marked as a repeat', () => {
    const r = verdict(['analyze', 'examples/ballerina.txt', '--json']);
    expect(r.status).toBe(0);
    const card = JSON.parse(r.stdout) as { text: string; sentences: { start: number; end: number; repeatOf?: number }[] };
    const repeat = card.sentences.find((s) => s.repeatOf !== undefined)!;
    expect(card.text.slice(repeat.start, repeat.end)).toMatch(/^“Ballerina looks great/);
  });

  it.each([
    ['empty input', Buffer.alloc(0), /empty/],
    ['whitespace only', Buffer.from('  \n\t '), /empty or whitespace/],
    ['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]), /binary/],
    ['invalid UTF-8', Buffer.from([0x48, 0x69, 0xc3, 0x28, 0x21]), /not valid UTF-8 \(first bad byte at offset 2\)/],
    ['HTML with no visible text', Buffer.from('<html><script>x()</script><p> </p></html>'), /no visible text once its html markup is removed/],
    ['control characters (binary)', Buffer.from('\u0001\u0002\u0003\u0004'.repeat(4)), /looks binary \(16 control characters/],
  ])('exits 2 with one clear line on %s', (_name, input, message) => {
    const r = verdict(['analyze', '-'], input);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('in --jsonl mode a NUL or a lone surrogate in "text" is an error record, as import rejects it, and the run goes on', () => {
    const r = verdict(['analyze', '--jsonl', '-', '--no-progress'], '{"text":"A fine\\u0000 film."}\n{"text":"Lone \\ud800."}\n{"text":"A good film."}\n');
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { error?: { line: number; code: string }; card?: unknown });
    expect(out.map((o) => o.error ? [o.error.line, o.error.code] : 'card')).toEqual([[1, 'E_BINARY_INPUT'], [2, 'E_INVALID_UNICODE'], 'card']);
  });

  it('reads a UTF-16 file with a byte-order mark, and stops reading /dev/zero at the size limit', () => {
    const r = verdict(['analyze', '-', '--json'], Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A good film.', 'utf16le')]));
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { text: string }).text).toBe('A good film.');
    const z = verdict(['analyze', '/dev/zero', '--max-size', '1MB']);
    expect(z.status).toBe(2);
    expect(z.stderr).toMatch(/over the 1\.0 MB limit/);
  });

  it('refuses input over the size limit', () => {
    const r = verdict(['analyze', '-', '--max-size', '1KB'], 'word '.repeat(400));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/over the 1\.0 KB limit/);
  });

  it('streams JSON Lines, passing fields through and reporting bad lines without stopping', () => {
    const input = ['{"text":"A fine film. Great fun.","id":7}', 'not json', '{"title":"X"}', '{"text":"   "}', '{"text":"Last one."}'].join('\n');
    const r = verdict(['analyze', '--jsonl', '-', '--no-progress'], input);
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect(out[0]!.id).toBe(7);
    expect(out[0]!.card).toBeTruthy();
    expect((out[1]!.error as { line: number }).line).toBe(2);
    expect((out[2]!.error as { code: string }).code).toBe('E_MISSING_TEXT');
    expect((out[3]!.error as { code: string }).code).toBe('E_EMPTY_TEXT');
    expect(out[4]!.card).toBeTruthy();
  });

  it('keeps input order on worker threads, reads `verdict export` lines and trims the card to --fields', () => {
    const rows = Array.from({ length: 30 }, (_, i) => JSON.stringify(i % 3 ? { id: `r${i}`, review: `A superb film number ${i}. Loved it.`, movie_title: 'Ballerina', rating: '4/5' } : { text: `Dull and tedious ${i}.` }));
    const r = verdict(['analyze', '--jsonl', '-', '--workers', '2', '--fields', 'verdict,film', '--quiet'], rows.join('\n'));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: string; movie_title?: string; review?: string; card: Record<string, unknown> });
    expect(out).toHaveLength(30);
    out.forEach((o, i) => {
      expect(Object.keys(o.card)).toEqual(['film', 'verdict']);
      if (i % 3) expect(o).toMatchObject({ id: `r${i}`, movie_title: 'Ballerina' });
      expect(o.review).toBeUndefined();
    });
    expect((out[1]!.card.film as { title: string }).title).toBe('Ballerina');
  });

  it('refuses unknown --fields and a folder with one line and distinct statuses', () => {
    const f = verdict(['analyze', 'examples/ballerina.txt', '--fields', 'verdict,nope']);
    expect(f.status).toBe(64);
    expect(f.stderr.trim().split('\n')).toHaveLength(1);
    expect(f.stderr).toMatch(/^verdict: .*unknown card field "nope"/);
    const d = verdict(['analyze', 'examples']);
    expect(d.status).toBe(66);
    expect(d.stderr).toMatch(/^verdict: examples is a folder/);
  });
});
