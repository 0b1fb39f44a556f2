// The whole shop's reads for the owner's desk, in PostgreSQL: the same filters as the counter's
// history (range, status, search) plus one counter, every value a parameter ($n), never text in SQL.
// Sales come back as each counter's own row (`source`, as the counter sent it), so every figure is
// made by the very functions that make the counter's.
import { CURRENCIES_BY_EXPONENT, parseDecimal } from '../../../../shared/money';
import type { SaleStatus } from '../../../../shared/sale';

export interface ShopFilter {
  from: string;
  to: string;
  status?: SaleStatus;
  search?: string;
  counter?: string;
}

export interface ShopQuery {
  text: string;
  values: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** "12.50" or "12,50" → (amount, currencies) pairs where that amount is a valid one; null when it is not an amount. */
function amountMatches(text: string): { minor: string; codes: readonly string[] }[] | null {
  if (!/^\d{1,15}([.,]\d{1,4})?$/.test(text)) return null;
  const decimal = parseDecimal(text.replace(',', '.'));
  if (!decimal) return null;
  return [...CURRENCIES_BY_EXPONENT]
    .filter(([exponent]) => decimal.scale <= exponent)
    .map(([exponent, codes]) => ({ minor: (decimal.digits * 10n ** BigInt(exponent - decimal.scale)).toString(), codes }));
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function whereOf(filter: ShopFilter, params: Params): string[] {
  const where = [`s.created_at >= ${params.add(new Date(filter.from).toISOString())}`, `s.created_at < ${params.add(new Date(filter.to).toISOString())}`];
  if (filter.status) where.push(`s.status = ${params.add(filter.status)}`);
  if (filter.counter) where.push(`s.counter_id = ${params.add(filter.counter)}::uuid`);
  const search = filter.search?.trim() ?? '';
  if (!search) return where;
  const amounts = amountMatches(search);
  if (amounts) {
    const parts = amounts.map(({ minor, codes }) => `(s.amount_minor = ${params.add(minor)}::bigint AND s.currency = ANY(${params.add(codes)}::text[]))`);
    where.push(parts.length ? `(${parts.join(' OR ')})` : 'false');
  } else {
    const like = params.add(`%${escapeLike(search)}%`);
    where.push(`(s.note ILIKE ${like} OR s.invoice_id ILIKE ${like} OR s.sale_id ILIKE ${like} OR s.cashier ILIKE ${like} OR c.name ILIKE ${like})`);
  }
  return where;
}

const FROM = 'shop.sales s JOIN shop.counters c ON c.counter_id = s.counter_id';

/** A page of the list, newest first, keyed on (created_at, sale_id) like the counter's. */
export function shopPageQuery(filter: ShopFilter & { limit: number; before?: { createdAt: string; id: string } }): ShopQuery {
  const params = new Params();
  const where = whereOf(filter, params);
  if (filter.before) where.push(`(s.created_at, s.sale_id) < (${params.add(new Date(filter.before.createdAt).toISOString())}::timestamptz, ${params.add(filter.before.id)})`);
  const limit = params.add(filter.limit);
  return { text: `SELECT s.source, c.name AS counter FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY s.created_at DESC, s.sale_id DESC LIMIT ${limit}`, values: params.values };
}

/** The selection's figures per status, mode and currency (the counter's SelectionGroup). */
export function shopSelectionQuery(filter: ShopFilter): ShopQuery {
  const params = new Params();
  const where = whereOf(filter, params);
  return {
    text: `SELECT s.status, s.sandbox, s.currency, count(*)::bigint AS count, sum(s.amount_minor)::bigint AS amount,
        sum(coalesce(s.recognised_minor, s.amount_minor))::bigint AS recognised, sum(s.refunded_minor)::bigint AS refunded
      FROM ${FROM} WHERE ${where.join(' AND ')} GROUP BY s.status, s.sandbox, s.currency ORDER BY s.status, s.sandbox, s.currency`,
    values: params.values,
  };
}

/** Every sale created in the range, oldest first: what a day close sums. */
export function shopSalesInQuery(range: { from: string; to: string; counter?: string }): ShopQuery {
  const params = new Params();
  const where = whereOf(range, params);
  return { text: `SELECT s.counter_id, s.source, c.name AS counter FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY s.created_at, s.sale_id, s.counter_id`, values: params.values };
}

export const SHOP_COUNTERS = 'SELECT counter_id, name, last_push_at, last_event_id FROM shop.counters ORDER BY name, counter_id';
