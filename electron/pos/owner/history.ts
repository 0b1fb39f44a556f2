// The history screen's reads: a keyset-paged list (newest first) and the counts and paid totals of
// a range. Every query is parameterized and walks an index (see the EXPLAIN QUERY PLAN test).
import type Database from 'better-sqlite3';
import type { PosArgs, PosValue } from '../../../shared/api';
import { KNOWN_CURRENCIES, currencyExponent, parseDecimal } from '../../../shared/money';
import { SALE_STATUSES, type SaleStatus } from '../../../shared/sale';
import { rowToSale } from '../store/sales';
import { storedInstant } from './figures';

export const HISTORY_PAGE_DEFAULT = 100;
export const HISTORY_PAGE_MAX = 200;

type Values = Record<string, string | number>;
interface Filter {
  where: string[];
  values: Values;
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

/** The range, search and (optionally) status conditions shared by the list and the summary. */
function buildFilter(query: { from: string; to: string; search?: string; status?: SaleStatus }, withStatus: boolean): Filter {
  const values: Values = { from: storedInstant(query.from), to: storedInstant(query.to) };
  const where = ['created_at >= @from', 'created_at < @to'];
  if (withStatus && query.status) {
    where.push('status = @status');
    values.status = query.status;
  }
  const search = query.search?.trim() ?? '';
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

export function historyPage(db: Database.Database, args: PosArgs<'historyPage'>): PosValue<'historyPage'> {
  const limit = Math.min(args.limit ?? HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX);
  const { where, values } = buildFilter(args, true);
  if (args.before) {
    where.push('(created_at, id) < (@beforeAt, @beforeId)');
    values.beforeAt = storedInstant(args.before.createdAt);
    values.beforeId = args.before.id;
  }
  values.limit = limit + 1;
  const rows = db.prepare(`SELECT * FROM sales WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit`).all(values) as Parameters<typeof rowToSale>[0][];
  const sales = rows.slice(0, limit).map(rowToSale);
  const last = sales[sales.length - 1];
  return { sales, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export type StatusCounts = Record<SaleStatus, number>;

export function zeroCounts(): StatusCounts {
  return Object.fromEntries(SALE_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

const STATUS_IN = `status IN (${SALE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** Counts per status over a filter; the explicit status list lets SQLite walk the status index. */
export function countByStatus(db: Database.Database, filter: Filter): StatusCounts {
  const counts = zeroCounts();
  const rows = db.prepare(`SELECT status, COUNT(*) AS n FROM sales WHERE ${STATUS_IN} AND ${filter.where.join(' AND ')} GROUP BY status`).all(filter.values) as { status: SaleStatus; n: number }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

export interface PaidTotal {
  currency: string;
  amountMinor: number;
  count: number;
  overpaid: number;
}

/**
 * Paid sales per currency, live and sandbox apart: a sandbox sale was paid with "Simulate payment"
 * and moved no real money, so it must never reach a figure the owner reads as takings.
 */
export function paidTotalsByMode(db: Database.Database, filter: Filter): { live: PaidTotal[]; sandbox: PaidTotal[] } {
  const rows = db
    .prepare(
      `SELECT sandbox, currency, SUM(amount_minor) AS amountMinor, COUNT(*) AS count, SUM(overpaid) AS overpaid FROM sales
       WHERE status = 'paid' AND ${filter.where.join(' AND ')} GROUP BY sandbox, currency ORDER BY sandbox, currency`,
    )
    .all(filter.values) as (PaidTotal & { sandbox: number })[];
  const pick = (sandbox: number): PaidTotal[] =>
    rows.filter((row) => row.sandbox === sandbox).map((row) => ({ currency: row.currency, amountMinor: row.amountMinor, count: row.count, overpaid: row.overpaid }));
  return { live: pick(0), sandbox: pick(1) };
}

export function asMoney(totals: PaidTotal[]): { currency: string; amountMinor: number }[] {
  return totals.map((total) => ({ currency: total.currency, amountMinor: total.amountMinor }));
}

export function countOf(totals: PaidTotal[]): number {
  return totals.reduce((sum, total) => sum + total.count, 0);
}

/**
 * Counts per status (the status filter is ignored: they are the screen's tabs) and the paid totals
 * per currency over the range and search: live sales only, the sandbox's apart.
 */
export function historySummary(db: Database.Database, args: PosArgs<'historySummary'>): PosValue<'historySummary'> {
  const filter = buildFilter(args, false);
  const paid = paidTotalsByMode(db, filter);
  return { counts: countByStatus(db, filter), paidTotals: asMoney(paid.live), sandboxPaidCount: countOf(paid.sandbox), sandboxPaidTotals: asMoney(paid.sandbox) };
}

export function rangeFilter(range: { from: string; to: string }): Filter {
  return buildFilter(range, false);
}
