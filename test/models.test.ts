// models/ is data with a manifest: every file listed with its true hash, every lexicon loaded into the typed model,
// and the lexicons part of the model version (so `reanalyze` sees a change of words).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEXICON_FILES } from '../src/analyze/lexicon.ts';
import { fileHash, readManifest } from '../src/learn/manifest.ts';
import { loadModel, MODELS_DIR } from '../src/node/load-model.ts';

const manifest = readManifest(MODELS_DIR);

describe('models/MANIFEST.json', () => {
  const shipped = [
    ...readdirSync(MODELS_DIR).filter((f) => f !== 'MANIFEST.json' && f !== 'README.md' && !f.startsWith('.') && f !== 'lexicons' && f !== 'films'),
    ...readdirSync(join(MODELS_DIR, 'lexicons')).map((f) => `lexicons/${f}`),
    ...readdirSync(join(MODELS_DIR, 'films'))
      .filter((f) => f !== 'README.md')
      .map((f) => `films/${f}`),
  ];

  it('lists every shipped file, and nothing else', () => {
    expect(Object.keys(manifest.files).sort()).toEqual(shipped.sort());
  });

  it.each(shipped.filter((f) => f.startsWith('lexicons/') || f.startsWith('films/')))('%s has its listed hash (after a hand edit: node train/manifest.ts)', (file) => {
    const { sha256, bytes } = fileHash(MODELS_DIR, file);
    expect({ sha256, bytes }).toEqual({ sha256: manifest.files[file]!.sha256, bytes: manifest.files[file]!.bytes });
  });

  it('holds every lexicon the analyser reads, with its provenance', () => {
    for (const name of LEXICON_FILES) {
      const file = JSON.parse(readFileSync(join(MODELS_DIR, 'lexicons', `${name}.json`), 'utf8')) as { provenance?: string };
      expect(file.provenance, name).toMatch(/\S/);
    }
  });

  it.each(['aspects', 'entities', 'quotes'])('lexicons/%s.json says what each of its tables is for', (name) => {
    const file = JSON.parse(readFileSync(join(MODELS_DIR, 'lexicons', `${name}.json`), 'utf8')) as Record<string, unknown> & { notes: Record<string, string> };
    const tables = Object.keys(file).filter((k) => k !== 'about' && k !== 'provenance' && k !== 'notes');
    expect(tables.filter((k) => !file.notes[k])).toEqual([]);
  });
});

describe('loadModel', () => {
  it('loads the word tables into the typed model', () => {
    const m = loadModel(MODELS_DIR, { sentiment: false });
    expect(m.sentiment).toBeNull();
    expect(m.lexicon.aspects.aspectTerms.get('screenplay')).toBe('story');
    expect(m.lexicon.aspects.opinion.get('superb')).toBe(1);
    expect(m.lexicon.entities.common.has('abandon')).toBe(true);
    expect(m.lexicon.entities.given.has('Keith')).toBe(true);
    expect(m.lexicon.quotes.spoilerSingle.get('twist')).toBe('twist');
  });

  it('changes the model version when a word list changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-models-'));
    cpSync(join(MODELS_DIR, 'lexicons'), join(dir, 'lexicons'), { recursive: true });
    const before = loadModel(dir).version;
    const path = join(dir, 'lexicons', 'quotes.json');
    const q = JSON.parse(readFileSync(path, 'utf8')) as { events: string[] };
    q.events.push('elopes');
    writeFileSync(path, JSON.stringify(q));
    const after = loadModel(dir);
    expect(after.version).toMatch(/^lexicon-[0-9a-f]{8}$/);
    expect(after.version).not.toBe(before);
    expect(after.lexicon.quotes.events.has('elopes')).toBe(true);
  });
});
