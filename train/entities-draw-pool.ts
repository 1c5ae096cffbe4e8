/**
 * What the seeded entity draws (train/entities-draw-*.ts) share: the rows the entity fixtures already hold, and a
 * pool of candidates without them, deduplicated by text, in file order.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface DrawRow {
  source: string;
  id: string;
  text: string;
}

export interface UsedRows {
  /** `source:id` of every row. */
  ids: Set<string>;
  texts: Set<string>;
}

/** The rows of the JSON files in these folders of test/fixtures/ (`skip` leaves a draw's own files out). */
export function usedRows(dirs: readonly string[], skip: (dir: string, file: string) => boolean = () => false): UsedRows {
  const fixtures = new URL('../test/fixtures/', import.meta.url);
  const used: UsedRows = { ids: new Set(), texts: new Set() };
  for (const dir of dirs) {
    for (const name of readdirSync(new URL(`${dir}/`, fixtures))) {
      if (!name.endsWith('.json') || skip(dir, name)) continue;
      for (const r of JSON.parse(readFileSync(new URL(`${dir}/${name}`, fixtures), 'utf8')) as DrawRow[]) {
        used.ids.add(`${r.source}:${r.id}`);
        used.texts.add(r.text);
      }
    }
  }
  return used;
}

/** The candidates no fixture holds, in order, each text once. */
export function freshPool(rows: readonly DrawRow[], used: UsedRows): DrawRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (used.ids.has(`${r.source}:${r.id}`) || used.texts.has(r.text) || seen.has(r.text)) return false;
    seen.add(r.text);
    return true;
  });
}
