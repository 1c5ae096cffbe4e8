/**
 * Consistency check of a hand-annotated entity fixture (test/fixtures/entities-v*\/): every name, character and film
 * title written occurs in the row's text (case-insensitive; a person given as a list must have every form there),
 * every credited person (cast, directors, crew) is one of the row's `people`, and every `filmIndexHref` exists in
 * films/wikipedia_films.jsonl.gz and comes with a `filmIndexTitle`. Exits 1 on any problem.
 * Run: node_modules/.bin/node train/entities-fixture-check.ts test/fixtures/entities-v4/dev.json
 */
import { readFileSync } from 'node:fs';
import { dataFile, readJsonlGz } from '../src/node/data.ts';

type Person = string | string[];
interface Row {
  text: string;
  film: string | null;
  filmIndexTitle: string | null;
  filmIndexHref: string | null;
  people: Person[];
  cast: { person: Person; character: string; inFilm: boolean }[];
  directors: Person[];
  crew: { person: Person; role: string }[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: entities-fixture-check.ts <fixture.json>');
const rows = JSON.parse(readFileSync(file, 'utf8')) as Row[];
const hrefs = new Set<string>();
for await (const f of readJsonlGz<{ href: string | null }>(dataFile('films/wikipedia_films.jsonl.gz'))) if (f.href) hrefs.add(f.href);

const problems: string[] = [];
rows.forEach((r, i) => {
  const text = r.text.toLowerCase();
  const people = new Set(r.people.map((p) => JSON.stringify(p)));
  const forms = r.people.flatMap((p) => (Array.isArray(p) ? p : [p]));
  for (const s of [...forms, ...r.cast.map((c) => c.character), ...(r.film ? [r.film] : [])]) {
    if (!text.includes(s.toLowerCase())) problems.push(`${i}: not in the text: ${s}`);
  }
  for (const p of [...r.cast.map((c) => c.person), ...r.directors, ...r.crew.map((c) => c.person)]) {
    if (!people.has(JSON.stringify(p))) problems.push(`${i}: credited but not in people: ${JSON.stringify(p)}`);
  }
  if (r.filmIndexHref && !hrefs.has(r.filmIndexHref)) problems.push(`${i}: href not in the films file: ${r.filmIndexHref}`);
  if (r.filmIndexHref && !r.filmIndexTitle) problems.push(`${i}: href without filmIndexTitle`);
});
for (const p of problems) console.log(p);
console.log(`${rows.length} rows, ${problems.length} problems`);
if (problems.length > 0) process.exitCode = 1;
