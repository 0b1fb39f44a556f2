// The owner's desk reads: a keyset-paged list (newest first), the counts per status and the paid
// totals of a range, and the rows the day close sums. Parameterized, each statement prepared once
// per shape, and each walks an index (the query builders are exported for the EXPLAIN QUERY PLAN test).
import type { Blockchain } from '../../../shared/mitilena';
import { KNOWN_CURRENCIES, currencyExponent, parseDecimal } from '../../../shared/money';
import { SALE_STATUSES, type Sale, type SaleStatus } from '../../../shared/sale';
import type { Connection } from './connection';
import { rowToSale, storedInstant, type SaleRow } from './sale-rows';

type Values = Record<string, string | number>;
export interface Query {
  sql: string;
  values: Values;
}

/** A range of creation times (any offset; `to` exclusive), optionally searched and filtered by status. */
export interface HistoryFilter {
  from: string;
  to: string;
  status?: SaleStatus;
  /** An amount ("12.50"), or text in the note, the invoice id or the sale id. */
  search?: string;
}

export interface PageQuery extends HistoryFilter {
  limit: number;
  before?: { createdAt: string; id: string };
}

export type StatusCounts = Record<SaleStatus, number>;

export interface PaidTotal {
  currency: string;
  amountMinor: number;
  count: number;
  overpaid: number;
}

export interface PaidCryptoRow {
  blockchain: Blockchain;
  crypto_symbol: string | null;
  crypto_amount: string | null;
  paid_crypto_amount: string | null;
  confirmation: string | null;
}

const CURRENCIES_BY_EXPONENT: ReadonlyMap<number, readonly string[]> = KNOWN_CURRENCIES.reduce((map, code) => {
  const exponent = currencyExponent(code);
  map.set(exponent, [...(map.get(exponent) ?? []), code]);
  return map;
}, new Map<number, string[]>());

/** "12.50" → the sales of that amount in every currency where it is a valid amount. */
function amountCondition(text: string, values: Values): string | null {
  if (!/^\d{1,15}(\.\d{1,4})?$/.test(text)) return null;
  const decimal = parseDecimal(text);
  if (!decimal) return null;
  const parts: string[] = [];
  for (const [exponent, codes] of CURRENCIES_BY_EXPONENT) {
    if (decimal.scale > exponent) continue;
    const minor = decimal.digits * 10n ** BigInt(exponent - decimal.scale);
    if (minor > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    const key = `amount${exponent}`;
    values[key] = Number(minor);
    const names = codes.map((code, index) => {
      values[`${key}_${index}`] = code;
      return `@${key}_${index}`;
    });
    parts.push(`(amount_minor = @${key} AND currency IN (${names.join(', ')}))`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : '(0)';
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The range, search and (optionally) status conditions shared by the list, the counts and the totals. */
function filterOf(filter: HistoryFilter, withStatus: boolean): { where: string[]; values: Values } {
  const values: Values = { from: storedInstant(filter.from), to: storedInstant(filter.to) };
  const where = ['created_at >= @from', 'created_at < @to'];
  if (withStatus && filter.status) {
    where.push('status = @status');
    values.status = filter.status;
  }
  const search = filter.search?.trim() ?? '';
  if (search) {
    const amount = amountCondition(search, values);
    if (amount) where.push(amount);
    else {
      values.like = `%${escapeLike(search)}%`;
      where.push("(note LIKE @like ESCAPE '\\' OR invoice_id LIKE @like ESCAPE '\\' OR id LIKE @like ESCAPE '\\')");
    }
  }
  return { where, values };
}

export function pageQuery(query: PageQuery): Query {
  const { where, values } = filterOf(query, true);
  if (query.before) {
    where.push('(created_at, id) < (@beforeAt, @beforeId)');
    values.beforeAt = storedInstant(query.before.createdAt);
    values.beforeId = query.before.id;
  }
  values.limit = query.limit;
  return { sql: `SELECT * FROM sales WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit`, values };
}

// The explicit status list lets SQLite walk the status index.
const STATUS_IN = `status IN (${SALE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** Counts per status over the range and search; the status filter is ignored (they are the screen's tabs). */
export function countsQuery(filter: HistoryFilter): Query {
  const { where, values } = filterOf(filter, false);
  return { sql: `SELECT status, COUNT(*) AS n FROM sales WHERE ${STATUS_IN} AND ${where.join(' AND ')} GROUP BY status`, values };
}

export function paidTotalsQuery(filter: HistoryFilter): Query {
  const { where, values } = filterOf(filter, false);
  return {
    sql: `SELECT sandbox, currency, SUM(amount_minor) AS amountMinor, COUNT(*) AS count, SUM(overpaid) AS overpaid FROM sales
       WHERE status = 'paid' AND ${where.join(' AND ')} GROUP BY sandbox, currency ORDER BY sandbox, currency`,
    values,
  };
}

export function paidCryptoQuery(range: { from: string; to: string }): Query {
  const { where, values } = filterOf(range, false);
  return {
    sql: `SELECT blockchain, crypto_symbol, crypto_amount, paid_crypto_amount, confirmation FROM sales WHERE status = 'paid' AND sandbox = 0 AND ${where.join(' AND ')}`,
    values,
  };
}

export function reviewQuery(range: { from: string; to: string }): Query {
  const { where, values } = filterOf(range, false);
  return { sql: `SELECT * FROM sales WHERE status = 'review' AND ${where.join(' AND ')} ORDER BY created_at, id`, values };
}

export class HistoryQueries {
  constructor(private readonly connection: Connection) {}

  private all<T>(query: Query): T[] {
    return this.connection.statement(query.sql).all(query.values) as T[];
  }

  /** Up to `limit` sales, newest first, before the cursor when one is given. */
  page(query: PageQuery): Sale[] {
    return this.all<SaleRow>(pageQuery(query)).map(rowToSale);
  }

  statusCounts(filter: HistoryFilter): StatusCounts {
    const counts = Object.fromEntries(SALE_STATUSES.map((status) => [status, 0])) as StatusCounts;
    for (const row of this.all<{ status: SaleStatus; n: number }>(countsQuery(filter))) counts[row.status] = row.n;
    return counts;
  }

  /**
   * Paid sales per currency, live and sandbox apart: a sandbox sale was paid with "Simulate payment"
   * and moved no real money, so it must never reach a figure the owner reads as takings.
   */
  paidTotals(filter: HistoryFilter): { live: PaidTotal[]; sandbox: PaidTotal[] } {
    const rows = this.all<PaidTotal & { sandbox: number }>(paidTotalsQuery(filter));
    const pick = (sandbox: number): PaidTotal[] =>
      rows.filter((row) => row.sandbox === sandbox).map((row) => ({ currency: row.currency, amountMinor: row.amountMinor, count: row.count, overpaid: row.overpaid }));
    return { live: pick(0), sandbox: pick(1) };
  }

  /** The paid live sales' crypto amounts and chain confirmation, one row at a time. */
  paidCrypto(range: { from: string; to: string }): IterableIterator<PaidCryptoRow> {
    const query = paidCryptoQuery(range);
    return this.connection.statement(query.sql).iterate(query.values) as IterableIterator<PaidCryptoRow>;
  }

  /** The sales waiting in review, oldest first. */
  inReview(range: { from: string; to: string }): Sale[] {
    return this.all<SaleRow>(reviewQuery(range)).map(rowToSale);
  }
}
