import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/analyze/context.ts';
import { findEntities, readEntities, titleKey } from '../../src/analyze/entities/index.ts';
import { loadFilmIndex } from '../../src/node/load-films.ts';
import { loadLexiconModel, MODELS_DIR } from '../../src/node/load-model.ts';
import { readDoc } from '../../src/analyze/text/index.ts';

interface Expected {
  film: { title: string; franchise: string };
  references: string[];
  chronology: { after: string; before: string };
  cast: { person: string; character: string }[];
  people: string[];
  notPeople: string[];
}

const text = readFileSync(new URL('./ballerina.txt', import.meta.url), 'utf8');
const expected = JSON.parse(readFileSync(new URL('./ballerina.expected.json', import.meta.url), 'utf8')) as Expected;
const doc = readDoc(text);
// The shipped recogniser: rules with the learned person tagger (loadLexiconModel carries it).
const e = findEntities(createContext(doc, loadLexiconModel()));
// Names compare case-insensitively after trimming; "the" before a character name is optional.
const norm = (s: string): string => s.trim().toLowerCase().replace(/^the\s+/, '');

describe('golden: ballerina.txt entities', () => {
  it('links the card\'s film to the 2025 Ballerina of the film index', () => {
    const linked = readEntities(createContext(doc, { ...loadLexiconModel(), films: loadFilmIndex(MODELS_DIR) }));
    expect(linked.film).toMatchObject({ title: 'Ballerina', id: 'Ballerina_(2025_film)', year: 2025 });
    expect(linked.film?.unlinked).toBeUndefined();
  });

  it('finds the film under review and its franchise', () => {
    expect(e.film?.title).toBe(expected.film.title);
    expect(e.film?.key).toBe(titleKey(expected.film.title));
    expect(e.film?.franchise?.name).toBe(expected.film.franchise);
    expect(e.film?.mentions.length).toBeGreaterThanOrEqual(5);
  });

  it.each(expected.references)('names the reference %s', (title) => {
    expect(e.references.map((r) => r.key)).toContain(titleKey(title));
  });

  it('places the film after Chapter 3 and before Chapter 4, with the sentence that says it', () => {
    const after = e.chronology.find((c) => c.relation === 'after');
    const before = e.chronology.find((c) => c.relation === 'before');
    expect(after?.otherKey).toBe(titleKey(expected.chronology.after));
    expect(before?.otherKey).toBe(titleKey(expected.chronology.before));
    expect(doc.text.slice(after!.evidence.start, after!.evidence.end)).toContain('Taking place between the events of');
  });

  it.each(expected.cast)('credits $person as $character', ({ person, character }) => {
    const c = e.credits.find((x) => x.role === 'cast' && norm(x.person) === norm(person));
    expect(c && norm(c.character ?? '')).toBe(norm(character));
  });

  it.each(expected.people)('knows %s is a person', (name) => {
    expect(e.people.map((p) => norm(p.name))).toContain(norm(name));
  });

  it.each(expected.notPeople)('knows %s is not a person', (name) => {
    expect(e.people.map((p) => norm(p.name))).not.toContain(norm(name));
  });

  it('links the surname and the short form to the full name', () => {
    const ana = e.people.find((p) => p.name === 'Ana de Armas');
    expect(ana?.mentions.map((m) => doc.text.slice(m.start, m.end))).toContain('de Armas');
    const chad = e.people.find((p) => p.name === 'Chad Stahelski');
    expect(chad?.mentions.length).toBeGreaterThanOrEqual(2);
    expect(e.credits).toContainEqual(expect.objectContaining({ person: 'Chad Stahelski', role: 'director' }));
  });

  it('keeps characters out of the people', () => {
    for (const name of ['Eve Macarro', 'Daniel Pines', 'Winston', 'Eve', 'John Wick']) expect(e.people.map((p) => p.name)).not.toContain(name);
  });
});

describe('golden: ballerina.txt on the terminal card', () => {
  it('shows the linked index film with its year, director and series', async () => {
    const [{ renderCard }, { analyze }, { loadModel }] = await Promise.all([import('../../src/cli/render-card.ts'), import('../../src/analyze/index.ts'), import('../../src/node/load-model.ts')]);
    const lines = renderCard(analyze(text, loadModel()), { color: false }).split('\n');
    expect(lines.find((l) => l.startsWith('Index'))).toMatch(/^Index {5}Ballerina \(2025\) · directed by Len Wiseman · John Wick, spin-off {2}\(linked by title, confidence [\d.]+; Wikipedia Ballerina_\(2025_film\)\)$/);
  });
});
