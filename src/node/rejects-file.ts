/**
 * The rejects file: one line per rejected row, tab-separated `file  line  code  reason` under a header,
 * written as rejects happen (so a killed import still leaves them). Created only when something is rejected.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { RejectItem } from './readers/index.ts';

const clean = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');

export class RejectsFile {
  readonly path: string;
  count = 0;
  /** The first row rejected for a reason other than being a repeat (what a failed import names). */
  first: Pick<RejectItem, 'file' | 'line' | 'reason'> | null = null;
  #fd: number | null = null;

  constructor(path: string) {
    this.path = path;
  }

  write(r: Pick<RejectItem, 'file' | 'line' | 'code' | 'reason'>): void {
    if (this.#fd === null) {
      this.#fd = openSync(this.path, 'w');
      writeSync(this.#fd, 'file\tline\tcode\treason\n');
    }
    writeSync(this.#fd, `${clean(r.file)}\t${r.line}\t${r.code}\t${clean(r.reason)}\n`);
    this.count++;
    if (this.first === null && r.code !== 'E_DUPLICATE') this.first = { file: r.file, line: r.line, reason: r.reason };
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
