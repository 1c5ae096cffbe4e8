/**
 * What the readers yield: a review row, or a reject naming its file, line and reason.
 */
import type { Field, SourceRow } from './columns.ts';

export interface RowItem {
  kind: 'row';
  file: string;
  /** 1-based line where the record starts (1 for a one-review file). */
  line: number;
  /** Last line of a record that spans several lines (absent for one line). */
  endLine?: number;
  row: SourceRow;
}

export interface RejectItem {
  kind: 'reject';
  file: string;
  /** 1-based line of the bad record (0 when the whole file is refused). */
  line: number;
  /** Last line of a bad record that spans several lines (absent for one line). */
  endLine?: number;
  /** Stable code (E_BAD_CSV, E_INVALID_UTF8, E_TOO_LARGE, E_MISSING_TEXT, …). */
  code: string;
  reason: string;
}

export type ReadItem = RowItem | RejectItem;

export interface ReaderOptions {
  /** Largest review (and CSV record / JSON line) accepted, in bytes. */
  maxBytes: number;
  /** Explicit column mapping (`--column field=name`). */
  columns?: Partial<Record<Field, string>>;
  /** Film title for every row (`--film`), overriding any film column. */
  film?: string | undefined;
  /** CSV delimiter; detected from the header when omitted. */
  delimiter?: string | undefined;
  /** Bytes of the input consumed so far, updated as the reader goes (for the progress bar). */
  progress?: { bytes: number };
}
