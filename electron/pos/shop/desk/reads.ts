// The whole shop's history, history totals and day-close preview, read with the owner desk's role.
// The rows come from PostgreSQL; the shaping is the counter's own (owner/history.ts, owner/day-close.ts),
// given a view that answers its one read with those rows, so a figure means the same in both scopes.
import type { PosArgs, PosValue, ShopCounter } from '../../../../shared/api';
import type { Sale } from '../../../../shared/sale';
import { dayCloseOfSales } from '../../owner/day-close';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, historyPage, summarizeGroups } from '../../owner/history';
import type { Ledger, SelectionGroup } from '../../store/ledger';
import { rowToSale, type SaleRow } from '../../store/sale-rows';
import type { ShopQueryable } from '../shop-client';
import { SHOP_COUNTERS, shopPageQuery, shopSalesInQuery, shopSelectionQuery, type ShopFilter } from './queries';

/** A counter's row as it sent it (without the webhook URL, which stayed on the counter) → the Sale the counter itself would show. */
export function saleOfSource(source: Record<string, unknown>): Sale {
  return rowToSale({ webhook_url: null, ...source } as unknown as SaleRow);
}

/** The counter's shaping functions read the ledger through these methods alone; here they read rows already fetched. */
function viewOf(parts: Partial<Pick<Ledger, 'historyPage'>>): Ledger {
  return parts as Ledger;
}

function filterOf(args: { from: string; to: string; status?: ShopFilter['status']; search?: string; counter?: string }): ShopFilter {
  return { from: args.from, to: args.to, status: args.status, search: args.search, counter: args.counter };
}

export async function shopHistoryPage(db: ShopQueryable, args: PosArgs<'historyPage'>): Promise<PosValue<'historyPage'>> {
  const limit = Math.min(args.limit ?? HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX);
  const query = shopPageQuery({ ...filterOf(args), limit: limit + 1, ...(args.before ? { before: args.before } : {}) });
  const { rows } = await db.query<{ source: Record<string, unknown>; counter: string }>(query.text, query.values);
  const sales = rows.map((row) => ({ ...saleOfSource(row.source), counter: row.counter }));
  return historyPage(viewOf({ historyPage: () => sales }), { ...args, limit });
}

export async function shopHistorySummary(db: ShopQueryable, args: PosArgs<'historySummary'>): Promise<PosValue<'historySummary'>> {
  const query = shopSelectionQuery(filterOf(args));
  const { rows } = await db.query<{ status: SelectionGroup['status']; sandbox: boolean; currency: string; count: string; amount: string; recognised: string; refunded: string }>(query.text, query.values);
  const groups: SelectionGroup[] = rows.map((row) => ({
    status: row.status,
    sandbox: row.sandbox,
    currency: row.currency,
    count: Number(row.count),
    amountMinor: Number(row.amount),
    recognisedMinor: Number(row.recognised),
    refundedMinor: Number(row.refunded),
  }));
  return summarizeGroups(groups);
}

/** The sales created in the range across every counter (or one), oldest first, with their counter. */
export async function shopSalesIn(db: ShopQueryable, range: { from: string; to: string; counter?: string }): Promise<{ counterId: string; sale: Sale }[]> {
  const query = shopSalesInQuery(range);
  const { rows } = await db.query<{ counter_id: string; source: Record<string, unknown> }>(query.text, query.values);
  return rows.map((row) => ({ counterId: row.counter_id, sale: saleOfSource(row.source) }));
}

export async function shopDayClose(db: ShopQueryable, args: PosArgs<'dayClose'>): Promise<PosValue<'dayClose'>> {
  const sales = (await shopSalesIn(db, args)).map((row) => row.sale);
  return dayCloseOfSales(sales, { from: args.from, to: args.to });
}

export async function shopCounters(db: ShopQueryable): Promise<ShopCounter[]> {
  const { rows } = await db.query<{ counter_id: string; name: string; last_push_at: Date | null; last_event_id: string }>(SHOP_COUNTERS);
  return rows.map((row) => ({ counterId: row.counter_id, name: row.name, lastPushAt: row.last_push_at?.toISOString() ?? null, lastEventId: Number(row.last_event_id) }));
}
