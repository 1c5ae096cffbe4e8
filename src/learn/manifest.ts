/**
 * models/MANIFEST.json: every shipped model file with its sha256 and size, what it is, and how it was made.
 * The train scripts record the files they write; `node train/manifest.ts` refreshes the hashes after a hand edit
 * of a hand-compiled lexicon (test/models.test.ts fails until it is run).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

export interface ManifestFile {
  sha256: string;
  bytes: number;
  what: string;
  /** How the file is made: a command, or "hand-compiled". */
  source?: string;
}

export interface Manifest {
  command: string;
  files: Record<string, ManifestFile>;
  [key: string]: unknown;
}

const manifestPath = (dir: string): string => `${dir}/MANIFEST.json`;

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as Manifest;
}

export function fileHash(dir: string, file: string): { sha256: string; bytes: number } {
  const b = readFileSync(`${dir}/${file}`);
  return { sha256: createHash('sha256').update(b).digest('hex'), bytes: b.length };
}

/** Write the manifest with every listed file's hash and size taken from the bytes on disk. */
export function writeManifest(dir: string, manifest: Manifest): void {
  for (const [file, entry] of Object.entries(manifest.files)) Object.assign(entry, fileHash(dir, file));
  writeFileSync(manifestPath(dir), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Record (or refresh) some files' entries, keeping every other entry and field of the manifest. */
export function recordModelFiles(dir: string, entries: Record<string, { what: string; source?: string }>): void {
  const manifest = readManifest(dir);
  for (const [file, e] of Object.entries(entries)) manifest.files[file] = { ...(manifest.files[file] ?? { sha256: '', bytes: 0 }), ...e };
  writeManifest(dir, manifest);
}
