// A report's tables as the pages, the charts and the downloads share them: columns with a kind
// (text, a code shown through the message catalog, a count, an amount in fen) and rows of cells.
// Amounts are exact fen (bigint) from the database to the page and the files: never a float.
import type { Caller } from '../../api/auth';
import type { PrismaClient } from '../../../prisma/generated/client';
import type { MessageKey } from '../messages';
import type { ReportFilters } from './filters';

export type Column =
  /** `case`: a case id, linked to its page on the page, as itself in the files. */
  | { title: MessageKey; kind: 'text' | 'count' | 'fen' | 'case' }
  /** A code (kind, stage, decision…) shown as the catalog's `${prefix}${code}`, or as itself when it has none. */
  | { title: MessageKey; kind: 'code'; prefix: string };

/** Text and codes as strings, counts and fen as bigint. */
export type Cell = string | bigint;

export interface ReportTable {
  /** Stable within its report: the download's `table` parameter and the file name. */
  id: string;
  title: MessageKey;
  columns: Column[];
  rows: Cell[][];
  /** Drawn as a bar chart: the label column and the value column (a count or fen). */
  chart?: { label: number; value: number };
  /** On the page, a totals row: each count and amount column summed. */
  totals?: boolean;
  /** On the page, each row's first cell is its header (a person, a case). */
  rowHeaders?: boolean;
}

export interface ReportRequest {
  prisma: PrismaClient;
  filters: ReportFilters;
  caller: Caller;
  /** The reports' "now" (overdue, due in N days): the training clock in training mode. */
  now: Date;
}

/** A number the database counted or summed (bigint through either adapter, whatever it hands back). */
export function whole(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (value === null || value === undefined) return 0n;
  throw new Error(`not a whole number from the database: ${String(value)}`);
}

/** Fen as yuan with two decimals, exactly: 123456n → "1234.56". */
export function yuanOf(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
