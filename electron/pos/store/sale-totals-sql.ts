// The per-hour, per-day and per-month totals of the sales (migration 0130): what one sale adds to
// them, as SQL over a `sales` row, shared by the triggers that keep the table in the same transaction
// as every write to `sales`, by the backfill, and by the reads of the edges of a range. The few rules
// SQL cannot do exactly (a tip's share rounded half up, crypto decimals of any scale) are the books'
// own functions (owner/books.ts), registered on every connection that can write the ledger.
import type Database from 'better-sqlite3';
import { MONEY_STATUSES } from '../../../shared/sale';
import type { Blockchain } from '../../../shared/mitilena';
import { parseDecimal } from '../../../shared/money';
import { recognisedTip } from '../owner/books';
import { cryptoToken } from '../owner/figures';

/**
 * A crypto sum is kept as hi × 10^9 + lo digits at its scale, so SQLite adds it in integers, exactly.
 * An amount of 2^36 × 10^9 digits or more (69 ETH at 18 decimals, 69 trillion USDT at 6) goes to a
 * text column added in JS instead: then no bucket's integer sums can overflow before it holds 2^27
 * (134 million) sales, and no write of a sale, however absurd its amount, can fail on the totals.
 */
export const CRYPTO_SPLIT = 1_000_000_000n;
const CRYPTO_BIG_DIGITS = 2n ** 36n * CRYPTO_SPLIT;

/** The spans a total is kept for, and how many characters of `created_at` name the bucket. */
export const SPANS = { h: 13, d: 10, m: 7 } as const;
export type Span = keyof typeof SPANS;
const SPAN_LIST = Object.keys(SPANS) as Span[];

const decimalOf = (text: unknown): { digits: bigint; scale: number } | null => (typeof text === 'string' && text !== '' ? (parseDecimal(text) ?? { digits: 0n, scale: 0 }) : null);

/** Registers the books' functions the triggers call (idempotent; every connection that may write). */
export function registerSaleTotalFunctions(db: Database.Database): void {
  const deterministic = { deterministic: true, varargs: false };
  db.function('books_tip', deterministic, (amountMinor: unknown, tipMinor: unknown, grossMinor: unknown) =>
    recognisedTip({ amountMinor: Number(amountMinor), tipMinor: Number(tipMinor) }, Number(grossMinor)),
  );
  db.function('books_token', deterministic, (symbol: unknown, blockchain: unknown) => cryptoToken(typeof symbol === 'string' ? symbol : null, String(blockchain) as Blockchain));
  // -1: no amount (not counted); an amount that does not parse counts as 0 at scale 0, as DecimalSum skips it.
  db.function('decimal_scale', deterministic, (text: unknown) => decimalOf(text)?.scale ?? -1);
  const small = (text: unknown): bigint => {
    const digits = decimalOf(text)?.digits ?? 0n;
    return digits < CRYPTO_BIG_DIGITS && digits > -CRYPTO_BIG_DIGITS ? digits : 0n;
  };
  db.function('decimal_hi', deterministic, (text: unknown) => Number(small(text) / CRYPTO_SPLIT));
  db.function('decimal_lo', deterministic, (text: unknown) => Number(small(text) % CRYPTO_SPLIT));
  db.function('decimal_big', deterministic, (text: unknown, sign: unknown) => {
    const digits = decimalOf(text)?.digits ?? 0n;
    return digits === small(text) ? null : String(BigInt(Number(sign)) * digits);
  });
  // Exact sums of the big column: null stands for zero, so a rebuilt table compares equal.
  db.function('bigint_add', { deterministic: true, varargs: false }, (a: unknown, b: unknown) => {
    const sum = BigInt(typeof a === 'string' ? a : 0) + BigInt(typeof b === 'string' ? b : 0);
    return sum === 0n ? null : String(sum);
  });
  db.function('bigint_total', deterministic, (list: unknown) => {
    const sum = typeof list === 'string' && list !== '' ? list.split(',').reduce((total, part) => total + BigInt(part), 0n) : 0n;
    return sum === 0n ? null : String(sum);
  });
}

// Equalities, not `IN (…)`: SQLite rebuilds an IN list's table on every trigger run (25× slower).
const MONEY = (row: string): string => `(${MONEY_STATUSES.map((status) => `${row}.status = '${status}'`).join(' OR ')})`;
// A sale's recognised amount exists when it counts as money (sale-rows.ts): live ones only.
const LIVE_RECOGNISED = (row: string): string => `${row}.sandbox = 0 AND ${MONEY(row)}`;

/** The columns that say which total a sale belongs to (after span and bucket). */
export const KEY_COLUMNS = ['status', 'sandbox', 'currency', 'blockchain', 'token', 'received_scale', 'refunded_scale'] as const;
/** The columns added up by SQLite (integers). */
export const SUM_COLUMNS = ['sales', 'amount_minor', 'gross_minor', 'tip_minor', 'refund_minor', 'received_hi', 'received_lo', 'refunded_hi', 'refunded_lo', 'overpaid', 'chain_confirmed', 'recovered'] as const;
/** The columns added up in JS (bigint digits as text; null for none): crypto amounts too big for the integer columns. */
export const BIG_COLUMNS = ['received_big', 'refunded_big'] as const;
type Column = (typeof KEY_COLUMNS)[number] | (typeof SUM_COLUMNS)[number] | (typeof BIG_COLUMNS)[number];

/** One sale's key and its part of every sum, as SQL over the row `row` (`NEW`, `OLD`, or a table alias). */
export function contributionOf(row: string, sign: 1 | -1 = 1): Record<Column, string> {
  const money = MONEY(row);
  const gross = `CASE WHEN ${money} THEN COALESCE(${row}.recognised_minor, ${row}.amount_minor) ELSE 0 END`;
  const received = `CASE WHEN ${money} THEN COALESCE(${row}.paid_crypto_amount, ${row}.crypto_amount) END`;
  const refunded = `CASE WHEN ${money} THEN ${row}.refunded_crypto END`;
  const liveRecognised = LIVE_RECOGNISED(row);
  return {
    status: `${row}.status`,
    sandbox: `${row}.sandbox`,
    currency: `${row}.currency`,
    blockchain: `${row}.blockchain`,
    token: `books_token(${row}.crypto_symbol, ${row}.blockchain)`,
    received_scale: `decimal_scale(${received})`,
    refunded_scale: `decimal_scale(${refunded})`,
    sales: '1',
    amount_minor: `${row}.amount_minor`,
    gross_minor: gross,
    tip_minor: `CASE WHEN ${money} THEN books_tip(${row}.amount_minor, ${row}.tip_minor, ${gross}) ELSE 0 END`,
    refund_minor: `CASE WHEN ${money} THEN ${row}.refunded_minor ELSE 0 END`,
    received_hi: `decimal_hi(${received})`,
    received_lo: `decimal_lo(${received})`,
    refunded_hi: `decimal_hi(${refunded})`,
    refunded_lo: `decimal_lo(${refunded})`,
    received_big: `decimal_big(${received}, ${sign})`,
    refunded_big: `decimal_big(${refunded}, ${sign})`,
    overpaid: `CASE WHEN ${liveRecognised} AND ${row}.overpaid = 1 THEN 1 ELSE 0 END`,
    chain_confirmed: `CASE WHEN ${liveRecognised} AND ${row}.confirmation = 'chain-confirmed' THEN 1 ELSE 0 END`,
    recovered: `CASE WHEN ${liveRecognised} AND ${row}.confirmation = 'recovered' THEN 1 ELSE 0 END`,
  };
}

/** Deletes the buckets the row left empty (by their keys: the table is never scanned). */
function emptiedOf(row: 'OLD'): string {
  const part = contributionOf(row);
  const keys = KEY_COLUMNS.map((column) => `${column} = ${part[column]}`).join(' AND ');
  return SPAN_LIST.map((span) => `DELETE FROM sale_totals WHERE span = '${span}' AND bucket = substr(${row}.created_at, 1, ${SPANS[span]}) AND ${keys} AND sales = 0;`).join('\n');
}

/** Adds (+1) or takes back (-1) the row's part in the bucket of one span. */
function upsert(row: 'NEW' | 'OLD', span: Span, sign: 1 | -1): string {
  const part = contributionOf(row, sign);
  const keys = KEY_COLUMNS.map((column) => part[column]);
  const sums = SUM_COLUMNS.map((column) => (sign === 1 ? part[column] : `-(${part[column]})`));
  const bigs = BIG_COLUMNS.map((column) => part[column]);
  const adds = [...SUM_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`), ...BIG_COLUMNS.map((column) => `${column} = bigint_add(${column}, excluded.${column})`)];
  return `INSERT INTO sale_totals (span, bucket, ${KEY_COLUMNS.join(', ')}, ${SUM_COLUMNS.join(', ')}, ${BIG_COLUMNS.join(', ')})
    VALUES ('${span}', substr(${row}.created_at, 1, ${SPANS[span]}), ${keys.join(', ')}, ${sums.join(', ')}, ${bigs.join(', ')})
    ON CONFLICT (span, bucket, ${KEY_COLUMNS.join(', ')}) DO UPDATE SET ${adds.join(', ')};`;
}


/**
 * The table and its triggers. A bucket whose last sale left it is deleted (every sale adds exactly
 * one to `sales` in its key, so a zero count means every sum is zero too). Any update of a sale takes
 * its old part back and adds the new (no column list to keep in step with the books' rules). A later
 * migration that rebuilds `sales` drops these triggers with the table and must create them again.
 */
export function saleTotalsSchema(): string {
  const add = SPAN_LIST.map((span) => upsert('NEW', span, 1)).join('\n');
  const takeBack = SPAN_LIST.map((span) => upsert('OLD', span, -1)).join('\n');
  const emptied = emptiedOf('OLD');
  return `
    CREATE TABLE sale_totals (
      span TEXT NOT NULL CHECK (span IN (${SPAN_LIST.map((span) => `'${span}'`).join(', ')})),
      bucket TEXT NOT NULL,
      status TEXT NOT NULL, sandbox INTEGER NOT NULL, currency TEXT NOT NULL, blockchain TEXT NOT NULL, token TEXT NOT NULL,
      received_scale INTEGER NOT NULL, refunded_scale INTEGER NOT NULL,
      ${SUM_COLUMNS.map((column) => `${column} INTEGER NOT NULL`).join(', ')},
      ${BIG_COLUMNS.map((column) => `${column} TEXT`).join(', ')},
      PRIMARY KEY (span, bucket, ${KEY_COLUMNS.join(', ')})
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER sale_totals_insert AFTER INSERT ON sales BEGIN ${add} END;
    CREATE TRIGGER sale_totals_update AFTER UPDATE ON sales BEGIN ${takeBack} ${add} ${emptied} END;
    CREATE TRIGGER sale_totals_delete AFTER DELETE ON sales BEGIN ${takeBack} ${emptied} END;`;
}

/** Every bucket of every span recomputed from the sales (the backfill; the property test's reference). */
export function saleTotalsFromSales(table = 'sale_totals'): string {
  const part = contributionOf('s');
  return SPAN_LIST.map(
    (span) => `INSERT INTO ${table} (span, bucket, ${KEY_COLUMNS.join(', ')}, ${SUM_COLUMNS.join(', ')}, ${BIG_COLUMNS.join(', ')})
      SELECT span, bucket, ${KEY_COLUMNS.join(', ')}, ${SUM_COLUMNS.map((column) => `SUM(${column})`).join(', ')}, ${BIG_COLUMNS.map((column) => `bigint_total(GROUP_CONCAT(${column}))`).join(', ')} FROM (
        SELECT '${span}' AS span, substr(s.created_at, 1, ${SPANS[span]}) AS bucket, ${[...KEY_COLUMNS, ...SUM_COLUMNS, ...BIG_COLUMNS].map((column) => `${part[column]} AS ${column}`).join(', ')} FROM sales s
      ) GROUP BY span, bucket, ${KEY_COLUMNS.join(', ')};`,
  ).join('\n');
}
