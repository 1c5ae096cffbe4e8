/**
 * Refreshes the sha256 and size of every file listed in models/MANIFEST.json from the bytes on disk (after a
 * hand edit of a hand-compiled lexicon). The model version stamped on cards follows the lexicons' bytes, so
 * `verdict reanalyze` picks such an edit up either way; the manifest records it.
 *
 *   node_modules/.bin/node train/manifest.ts
 */
import { readManifest, writeManifest } from '../src/learn/manifest.ts';
import { MODELS_DIR } from '../src/node/load-model.ts';

const manifest = readManifest(MODELS_DIR);
writeManifest(MODELS_DIR, manifest);
console.log(`models/MANIFEST.json: ${Object.keys(manifest.files).length} files`);
