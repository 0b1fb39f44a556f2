// The owner's desk reads: a keyset-paged list (newest first), the figures of a selection (per status,
// mode and currency), and the sales a day close sums. Parameterized, each statement prepared once
// per shape, and each walks an index (the query builders are exported for the EXPLAIN QUERY PLAN test).
import { CURRENCIES_BY_EXPONENT, parseDecimal } from '../../../shared/money';
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
  /** An amount ("12.50" or "12,50"), or text in the note, the invoice id, the sale id or the cashier's name. */
  search?: string;
}

export interface PageQuery extends HistoryFilter {
  limit: number;
  before?: { createdAt: string; id: string };
}

export type StatusCounts = Record<SaleStatus, number>;

/** The sales of a selection grouped by status, mode and currency: how many, what they asked, recognised and refunded. */
export interface SelectionGroup {
  status: SaleStatus;
  sandbox: boolean;
  currency: string;
  count: number;
  amountMinor: number;
  recognisedMinor: number;
  refundedMinor: number;
}

/**
 * "12.50" (or "12,50", as the keypad takes a comma) → the sales of that amount in every currency where
 * it is a valid amount. A comma is always the decimal separator here, never a thousands separator.
 */
function amountCondition(text: string, values: Values): string | null {
  if (!/^\d{1,15}([.,]\d{1,4})?$/.test(text)) return null;
  const decimal = parseDecimal(text.replace(',', '.'));
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

/** The range, search and status conditions shared by the list and the figures: every filter, always. */
function filterOf(filter: HistoryFilter): { where: string[]; values: Values } {
  const values: Values = { from: storedInstant(filter.from), to: storedInstant(filter.to) };
  const where = ['created_at >= @from', 'created_at < @to'];
  if (filter.status) {
    where.push('status = @status');
    values.status = filter.status;
  }
  const search = filter.search?.trim() ?? '';
  if (search) {
    const amount = amountCondition(search, values);
    if (amount) where.push(amount);
    else {
      values.like = `%${escapeLike(search)}%`;
      where.push("(note LIKE @like ESCAPE '\\' OR invoice_id LIKE @like ESCAPE '\\' OR id LIKE @like ESCAPE '\\' OR cashier LIKE @like ESCAPE '\\')");
    }
  }
  return { where, values };
}

export function pageQuery(query: PageQuery): Query {
  const { where, values } = filterOf(query);
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

/** The selection's figures per status, mode and currency (from the status index alone, 0100 widened it). */
export function selectionQuery(filter: HistoryFilter): Query {
  const { where, values } = filterOf(filter);
  return {
    sql: `SELECT status, sandbox, currency, COUNT(*) AS count, SUM(amount_minor) AS amountMinor,
         SUM(COALESCE(recognised_minor, amount_minor)) AS recognisedMinor, SUM(refunded_minor) AS refundedMinor
       FROM sales WHERE ${STATUS_IN} AND ${where.join(' AND ')} GROUP BY status, sandbox, currency ORDER BY status, sandbox, currency`,
    values,
  };
}

/** Every sale created in the range, oldest first: what a day close sums. */
export function salesInQuery(range: { from: string; to: string; status?: SaleStatus }): Query {
  const { where, values } = filterOf(range);
  return { sql: `SELECT * FROM sales WHERE ${where.join(' AND ')} ORDER BY created_at, id`, values };
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

  /** The selection per status, mode and currency; recognised is the fiat a sale counts as takings when it counts. */
  selection(filter: HistoryFilter): SelectionGroup[] {
    return this.all<Omit<SelectionGroup, 'sandbox'> & { sandbox: number }>(selectionQuery(filter)).map((row) => ({ ...row, sandbox: row.sandbox === 1 }));
  }

  /** The sales created in the range, oldest first. */
  salesIn(range: { from: string; to: string }): Sale[] {
    return this.all<SaleRow>(salesInQuery(range)).map(rowToSale);
  }

  /** The sales in review created in the range, oldest first (the status index). */
  reviewIn(range: { from: string; to: string }): Sale[] {
    return this.all<SaleRow>(salesInQuery({ ...range, status: 'review' })).map(rowToSale);
  }
}
