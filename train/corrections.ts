/**
 * Editors' corrections as training data: reads the JSON Lines that `verdict export --corrections` writes and
 * turns each corrected review into labelled rows for the sentiment trainer (`npm run train -- --corrections FILE`).
 * An editor's label is worth more than one of the hundred thousand crowd rows beside it, so each row is repeated
 * `weight` times (default 10); its group (`editor:<id>`) keeps every copy on the training side.
 */
import { readFileSync } from 'node:fs';
import type { Labelled } from '../src/learn/data.ts';

export const CORRECTION_WEIGHT = 10;

export function parseCorrections(text: string, weight = CORRECTION_WEIGHT): Labelled[] {
  const out: Labelled[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: { id?: unknown; text?: unknown; y?: unknown; fresh?: unknown; rating?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`corrections line ${i + 1}: not JSON`);
    }
    const y = row.y === 1 || row.fresh === 'fresh' ? 1 : row.y === 0 || row.fresh === 'rotten' ? 0 : null;
    if (typeof row.text !== 'string' || !row.text.trim() || y === null) throw new Error(`corrections line ${i + 1}: needs "text" and "fresh" (fresh|rotten) or "y" (1|0)`);
    const one: Labelled = { text: row.text, y, group: `editor:${String(row.id ?? i)}`, ...(typeof row.rating === 'string' && row.rating ? { rating: row.rating } : {}) };
    for (let k = 0; k < weight; k++) out.push(one);
  });
  return out;
}

export function loadCorrections(file: string, weight = CORRECTION_WEIGHT): Labelled[] {
  return parseCorrections(readFileSync(file, 'utf8'), weight);
}
