/**
 * Reads the shipped model from models/ (the only file access the analyser's model needs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EMPTY_MODEL, parseModel, type Model } from '../analyze/model.ts';
import { sentimentFromParts, type SentimentHeader } from '../analyze/sentiment/model.ts';
import { loadPersonTagger } from './load-ner.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/**
 * Load the sentiment model and its calibration, and the person tagger; without models/ the analyser runs with no
 * trained parts. The version names the weights of both.
 */
export function loadModel(dir = MODELS_DIR): Model {
  const header = `${dir}/sentiment.v1.json`;
  if (!existsSync(header)) return EMPTY_MODEL;
  const h = JSON.parse(readFileSync(header, 'utf8')) as SentimentHeader;
  const bytes = readFileSync(`${dir}/sentiment.v1.bin`);
  const clauseFile = `${dir}/sentiment-clause.v1.bin`;
  const clause = h.clause && existsSync(clauseFile) ? readFileSync(clauseFile) : null;
  const manifest = JSON.parse(readFileSync(`${dir}/MANIFEST.json`, 'utf8')) as { files: Record<string, { sha256: string }> };
  // The model version is the weights' hash: the store re-analyses cards made by another one.
  const ner = loadPersonTagger(dir);
  const nerHash = manifest.files['ner.v1.bin']?.sha256.slice(0, 8);
  const version = `sentiment.v1-${manifest.files['sentiment.v1.bin']?.sha256.slice(0, 8) ?? 'unknown'}${ner && nerHash ? `+ner.v1-${nerHash}` : ''}`;
  return parseModel({ version, sentiment: sentimentFromParts(h, bytes, clause), ner });
}
