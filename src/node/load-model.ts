/**
 * Reads the shipped model from models/ (the only file access the analyser's model needs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EMPTY_MODEL, parseModel, type Model } from '../analyze/model.ts';
import { sentimentFromParts, type SentimentHeader } from '../analyze/sentiment/model.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** Load the sentiment model and its calibration; without models/ the analyser runs with no trained parts. */
export function loadModel(dir = MODELS_DIR): Model {
  const header = `${dir}/sentiment.v1.json`;
  if (!existsSync(header)) return EMPTY_MODEL;
  const h = JSON.parse(readFileSync(header, 'utf8')) as SentimentHeader;
  const bytes = readFileSync(`${dir}/sentiment.v1.bin`);
  const clauseFile = `${dir}/sentiment-clause.v1.bin`;
  const clause = h.clause && existsSync(clauseFile) ? readFileSync(clauseFile) : null;
  const manifest = JSON.parse(readFileSync(`${dir}/MANIFEST.json`, 'utf8')) as { files: Record<string, { sha256: string }> };
  // The model version is the weights' hash: the store re-analyses cards made by another one.
  const version = `sentiment.v1-${manifest.files['sentiment.v1.bin']?.sha256.slice(0, 8) ?? 'unknown'}`;
  return parseModel({ version, sentiment: sentimentFromParts(h, bytes, clause) });
}
