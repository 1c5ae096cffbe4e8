/**
 * Reads the shipped model from models/ (the only file access the analyser's model needs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EMPTY_MODEL, parseModel, type Model } from '../analyze/model.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** Load models/verdict.model.json; without it the analyser runs with no trained parts. */
export function loadModel(dir = MODELS_DIR): Model {
  const file = `${dir}/verdict.model.json`;
  if (!existsSync(file)) return EMPTY_MODEL;
  return parseModel(JSON.parse(readFileSync(file, 'utf8')));
}
