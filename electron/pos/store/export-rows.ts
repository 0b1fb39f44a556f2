// The rows of the CSV export, read straight from the ledger file by the export worker on its own
// read-only connection: arrays in column order (no object per row), oldest first, never sorted.
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

/** The ledger's sales created in [from, to), one row at a time; the connection closes when the loop ends. */
export function* exportRows(databaseFile: string, range: { from: string; to: string }, nativeBinding?: string): Generator<ExportRow> {
  const db = openDatabase(databaseFile, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    yield* db.prepare(EXPORT_SQL).raw(true).iterate(storedInstant(range.from), storedInstant(range.to)) as IterableIterator<ExportRow>;
  } finally {
    db.close();
  }
}
