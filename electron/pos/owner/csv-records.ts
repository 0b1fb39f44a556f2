// The CSV export's records from one text per sale: SQLite joins a sale's columns into a single string
// (concat_ws, coalesce and two CASEs, which cost it little), so a million rows cross into JavaScript
// as one string each instead of 23 values, and this file makes the record from it with the same cell
// rules as csvRecord. Measured per sale on the bench's ledger: reading 23 columns 2.8–6 µs, one text
// 1.4 µs. A sale whose text does not split into exactly its pieces (a value holding the separator) is
// read again by rowid and formatted by csvRecord: slower, never different (csv-records.test.ts).
import { currencyExponent, isKnownCurrency } from '../../../shared/money';
import { NETWORKS } from '../../../shared/mitilena';
import { countsAsMoney, MONEY_STATUSES, type SaleStatus } from '../../../shared/sale';
import type { RecordMaker } from '../store/export-rows';
import { createdCells, csvRecord, fiatAmount, neutralise, paidAtCell } from './csv-rows';
import { csvCell, csvLine, RECORD_END } from './csv-text';

/** Between the cells in SQLite's text: the ASCII unit separator, made for this. */
const SEPARATOR = '\u001F';

const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const COUNTS_AS_MONEY = `status IN (${MONEY_STATUSES.map(literal).join(', ')})`;
const NETWORK_TOKEN = `CASE blockchain ${Object.entries(NETWORKS)
  .map(([code, network]) => `WHEN ${literal(code)} THEN ${literal(network.token)}`)
  .join(' ')} ELSE '' END`;

/** What SQLite joins, in this order (recordOfSaleText takes them apart); NULLs read as empty where csvRecord reads them so. */
const PIECES = [
  'id',
  'created_at',
  'status',
  "coalesce(review_reason, '')",
  'amount_minor',
  'currency',
  'tip_minor',
  'coalesce(recognised_minor, amount_minor)',
  'refunded_minor',
  "coalesce(crypto_amount, '')",
  // The crypto that arrived (cryptoArrived): the notice's amount, else the amount asked on a sale counted as money.
  `CASE WHEN paid_crypto_amount IS NOT NULL THEN paid_crypto_amount WHEN ${COUNTS_AS_MONEY} THEN coalesce(crypto_amount, '') ELSE '' END`,
  "coalesce(refunded_crypto, '')",
  `coalesce(crypto_symbol, ${NETWORK_TOKEN})`,
  'blockchain',
  "coalesce(address, '')",
  "coalesce(invoice_id, '')",
  "coalesce(tx_hash, '')",
  "coalesce(paid_at, '')",
  "coalesce(confirmation, '')",
  'overpaid',
  'sandbox',
  "coalesce(cashier, '')",
  'note',
] as const;

/** A sale's text split: its rowid, then one string per piece. */
type StringsOf<T extends readonly unknown[]> = { readonly [K in keyof T]: string };
type SaleText = [rowid: string, ...StringsOf<typeof PIECES>];

/**
 * The SQL expression of a sale's text: its rowid (for the long way) and the pieces, joined once by
 * concat_ws (where `||` copies the growing text at every piece: 2.0 against 1.4 µs a sale, measured).
 * concat_ws leaves out NULLs; no piece is NULL, and one that were would be a piece short, so the long way.
 */
export const SALE_TEXT_SQL = `concat_ws(char(${SEPARATOR.charCodeAt(0)}), rowid, ${PIECES.map((piece) => `(${piece})`).join(', ')})`;

/** The sale's rowid, the first piece of its text (an integer: never holds the separator). */
export function rowidOfSaleText(text: string): number {
  return Number(text.slice(0, text.indexOf(SEPARATOR)));
}

/** Minor units as SQLite writes an integer → the currency's plain decimal, exactly as fiatAmount writes the number. */
function fiatText(minor: string, currency: string): string {
  if (!isKnownCurrency(currency)) return minor;
  const exponent = currencyExponent(currency);
  if (exponent === 0) return minor;
  // Negative amounts (the ledger refuses them) the long way.
  if (minor.startsWith('-')) return fiatAmount(Number(minor), currency);
  const digits = minor.padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const cell = (text: string): string => csvCell(neutralise(text));
const asIs = (text: string): string => text;
/** Anything in a sale's text that neutralise or csvCell would change: a character that needs quotes, a formula's or a space's lead, a trailing space. */
const NEEDS_CARE = new RegExp(`[",\r\n\uFEFF]|(?:^|${SEPARATOR})[=+\\-@\t\uFF1D\uFF0B\uFF0D\uFF20 ]| (?:${SEPARATOR}|$)`);

/** The CSV record of a sale's text; null when it does not split into its pieces. */
export function recordOfSaleText(text: string): string | null {
  const pieces = text.split(SEPARATOR);
  if (pieces.length !== PIECES.length + 1) return null;
  const [, id, createdAt, status, reviewReason, amount, currency, tip, recognised, refunded, asked, arrived, refundedCrypto, token, network, address, invoiceId, txHash, paidAt, confirmation, overpaid, sandbox, cashier, note] = pieces as unknown as SaleText;
  // Most sales need no care: their pieces go into the record as they are (one test for the whole text).
  const stored = NEEDS_CARE.test(text) ? cell : asIs;
  // Amounts come out as digits and a point, or a genuine negative number: nothing to neutralise or quote.
  const fiat = (minor: string): string => fiatText(minor, currency);
  const counts = countsAsMoney(status as SaleStatus);
  const [createdIso, localTime, localDate] = createdCells(createdAt);
  // An array joined once: one flat string, where concatenation would build a rope that costs ~4 µs to flatten when written.
  return [
    stored(id), cell(createdIso), cell(localTime), cell(localDate), stored(status), stored(reviewReason),
    fiat(amount), stored(currency), fiat(tip), counts ? fiat(recognised) : '', fiat(refunded),
    stored(asked), stored(arrived), stored(refundedCrypto), stored(token), stored(network), stored(address),
    stored(invoiceId), stored(txHash), cell(paidAtCell(paidAt)), stored(confirmation), overpaid === '0' ? 'no' : 'yes',
    sandbox === '0' ? 'live' : 'sandbox', stored(cashier), `${stored(note)}${RECORD_END}`,
  ].join(',');
}

/** The export's records: from each sale's text, or from its columns when the text does not split. */
export const CSV_RECORD_MAKER: RecordMaker = {
  sql: SALE_TEXT_SQL,
  record: recordOfSaleText,
  rowid: rowidOfSaleText,
  format: (row) => csvLine(csvRecord(row)),
};
