// Markdown nested deeper than any review (issue 14): never a crash, the same card with and without workers.
import { describe, expect, it } from 'vitest';
import { clean } from '../src/analyze/text/clean.ts';
import { AnalyzePool } from '../src/node/pool/pool.ts';

const DEEP: [string, string][] = [
  ['6 KB of nested >', `${'>'.repeat(6 * 1024)} Deep but fine.`],
  ['nested > with spaces', `${'> '.repeat(3000)}A quoted line.`],
  ['nested lists', `${'- '.repeat(3000)}An item.`],
  ['quotes and lists', `${'> 1. '.repeat(1500)}Mixed.`],
  ['a long run of emphasis delimiters', `${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`],
  ['emphasis nested word by word', `${'**a '.repeat(3000)}x${' a**'.repeat(3000)}`],
];

describe('Markdown depth', () => {
  it.each(DEEP)('%s cleans without overflowing the stack, keeping the text', (_name, md) => {
    const { text } = clean(md, { format: 'markdown' });
    expect(text.length).toBeGreaterThan(0);
    expect(text).toMatch(/Deep but fine|A quoted line|An item|Mixed|x/);
  });

  it('nesting up to the bound reads as before (quotes in quotes stay quotes)', () => {
    expect(clean('> > quoted twice\n\nplain', { format: 'markdown' }).text).toBe('quoted twice\n\nplain');
    expect(clean('*Ballerina* beats *Up*', { format: 'markdown' }).meta.emphasis).toHaveLength(2);
  });

  it('gives the same card in a worker thread as on the main thread', async () => {
    const jobs = DEEP.map(([, text]) => ({ text, format: 'markdown' as const }));
    const local = new AnalyzePool({ size: 0 });
    const pool = new AnalyzePool({ size: 1 });
    try {
      const [a, b] = await Promise.all([local.analyze(jobs), pool.analyze(jobs)]);
      expect(a.every((r) => 'card' in r)).toBe(true);
      expect(b).toEqual(a);
    } finally {
      await pool.close();
      await local.close();
    }
  });
});
