// The sales of the CSV export, read straight from the ledger file by the export worker on its own
// read-only connection, oldest first, never sorted: each sale as one text SQLite joins (the owner's
// RecordMaker says how), or as an array of its columns for the rare sale that text cannot carry.
import type { Blockchain } from '../../../shared/mitilena';
import { openDatabase } from './database';
import { storedInstant } from './sale-rows';

/** The columns the export reads, in order; rows come back as arrays (no object per row). */
const EXPORT_SOURCE = [
  'id',
  'created_at',
  'status',
  'review_reason',
  'amount_minor',
  'currency',
  'crypto_amount',
  'paid_crypto_amount',
  'crypto_symbol',
  'blockchain',
  'address',
  'invoice_id',
  'tx_hash',
  'paid_at',
  'confirmation',
  'overpaid',
  'sandbox',
  'tip_minor',
  'cashier',
  'note',
  // Since 0100 (issue 13): what the sale counts as takings, and what was refunded.
  'recognised_minor',
  'refunded_minor',
  'refunded_crypto',
] as const;

export type ExportRow = [
  id: string,
  createdAt: string,
  status: string,
  reviewReason: string | null,
  amountMinor: number,
  currency: string,
  cryptoAmount: string | null,
  paidCryptoAmount: string | null,
  cryptoSymbol: string | null,
  blockchain: Blockchain,
  address: string | null,
  invoiceId: string | null,
  txHash: string | null,
  paidAt: string | null,
  confirmation: string | null,
  overpaid: number,
  sandbox: number,
  tipMinor: number,
  cashier: string | null,
  note: string,
  recognisedMinor: number | null,
  refundedMinor: number,
  refundedCrypto: string | null,
];

/** Oldest first, in the order of the (created_at, id) index, so the export never sorts. Read with .raw(). */
export const EXPORT_SQL = `SELECT ${EXPORT_SOURCE.join(', ')} FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`;

const openReadOnly = (databaseFile: string, nativeBinding?: string): ReturnType<typeof openDatabase> => openDatabase(databaseFile, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });

/** How the export's records are made: each sale's text as one SQL expression over `sales`, the record made from it (null when it cannot be), the sale's rowid in it, and the record made from the sale's columns. */
export interface RecordMaker {
  sql: string;
  record(text: string): string | null;
  rowid(text: string): number;
  format(row: ExportRow): string;
}

/**
 * The records of the sales created in [from, to), oldest first: made from each sale's text as SQLite
 * joins it (one string crosses into JavaScript per sale, not 23 values), or, when that cannot be, from
 * the sale's columns read again by rowid.
 */
export function* exportRecords(databaseFile: string, range: { from: string; to: string }, maker: RecordMaker, nativeBinding?: string): Generator<string> {
  const db = openReadOnly(databaseFile, nativeBinding);
  try {
    const texts = db.prepare(`SELECT ${maker.sql} FROM sales WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`).pluck();
    const byRowid = db.prepare(`SELECT ${EXPORT_SOURCE.join(', ')} FROM sales WHERE rowid = ?`).raw(true);
    for (const text of texts.iterate(storedInstant(range.from), storedInstant(range.to)) as IterableIterator<string>) {
      yield maker.record(text) ?? maker.format(byRowid.get(maker.rowid(text)) as ExportRow);
    }
  } finally {
    db.close();
  }
}

/**
 * The part `index` of `count` of the range, cut at equal times between its first and last sale (an
 * index lookup each): every part is a contiguous run of the export's order, so the parts written one
 * after the other are the single export byte for byte.
 */
export function exportPartRange(databaseFile: string, range: { from: string; to: string }, part: { index: number; count: number }, nativeBinding?: string): { from: string; to: string } {
  const from = storedInstant(range.from);
  const to = storedInstant(range.to);
  if (part.count <= 1) return { from, to };
  const db = openReadOnly(databaseFile, nativeBinding);
  try {
    const bounds = db.prepare('SELECT MIN(created_at) AS first, MAX(created_at) AS last FROM sales WHERE created_at >= ? AND created_at < ?').get(from, to) as { first: string | null; last: string | null };
    const first = bounds.first ? Date.parse(bounds.first) : NaN;
    const last = bounds.last ? Date.parse(bounds.last) : NaN;
    // No rows, or rows not in the stored form: the first part takes the whole range.
    if (Number.isNaN(first) || Number.isNaN(last)) return part.index === 0 ? { from, to } : { from: to, to };
    const cut = (index: number): string => (index <= 0 ? from : index >= part.count ? to : new Date(first + Math.floor(((last - first) * index) / part.count)).toISOString());
    return { from: cut(part.index), to: cut(part.index + 1) };
  } finally {
    db.close();
  }
}
