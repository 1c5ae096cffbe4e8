/**
 * Reads the person tagger's weights and gazetteers from models/ner.v1.{json,bin}; null when they are not there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { personTaggerFromParts, type PersonTaggerHeader, type PersonTaggerModel } from '../analyze/entities/person-tagger.ts';

const cache = new Map<string, PersonTaggerModel | null>();

export function loadPersonTagger(dir: string): PersonTaggerModel | null {
  const key = dir.replace(/\/$/, '');
  if (cache.has(key)) return cache.get(key)!;
  const header = `${key}/ner.v1.json`;
  const bin = `${key}/ner.v1.bin`;
  const model = existsSync(header) && existsSync(bin) ? personTaggerFromParts(JSON.parse(readFileSync(header, 'utf8')) as PersonTaggerHeader, readFileSync(bin)) : null;
  cache.set(key, model);
  return model;
}
