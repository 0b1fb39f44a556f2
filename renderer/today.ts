// Today's sales as the counter shows them: the local calendar day, newest first, one row per sale.
import type { Result } from '../shared/result';
import { countsAsMoney, type Sale } from '../shared/sale';

export interface DayRange {
  /** Local midnight that starts the day, as an ISO instant. */
  from: string;
  /** The next local midnight, as an ISO instant (exclusive). */
  to: string;
}

/** The local day containing `now`; built from calendar fields so DST days are 23 or 25 h long. */
export function dayRange(now: Date): DayRange {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export type DayPlace = 'before' | 'inside' | 'after';

/** Where a sale's creation falls relative to the day; 'after' means the day has rolled over. */
export function placeInDay(sale: Sale, range: DayRange): DayPlace {
  const created = Date.parse(sale.createdAt);
  if (created < Date.parse(range.from)) return 'before';
  if (created >= Date.parse(range.to)) return 'after';
  return 'inside';
}

/**
 * True when `incoming` is at least as recent as `known`. Events and method replies can cross on the
 * wire; a stale copy must never turn a paid sale back into a pending one.
 */
export function isAtLeastAsRecent(incoming: Sale, known: Sale | null | undefined): boolean {
  if (!known) return true;
  const incomingAt = Date.parse(incoming.updatedAt);
  const knownAt = Date.parse(known.updatedAt);
  if (Number.isNaN(incomingAt) || Number.isNaN(knownAt)) return true;
  return incomingAt >= knownAt;
}

const newestFirst = (a: Sale, b: Sale): number => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** Inserts or replaces a sale by id, keeping whichever copy is more recent. */
export function upsertSale(sales: readonly Sale[], sale: Sale): Sale[] {
  const index = sales.findIndex((known) => known.id === sale.id);
  if (index === -1) return [...sales, sale].sort(newestFirst);
  if (!isAtLeastAsRecent(sale, sales[index])) return sales as Sale[];
  const next = [...sales];
  next[index] = sale;
  return next.sort(newestFirst);
}

/** Where a sale goes in a newest-first list: after every sale created at or after it (as a stable sort puts it). */
function placeFor(sales: readonly Sale[], sale: Sale): number {
  const created = Date.parse(sale.createdAt);
  let low = 0;
  let high = sales.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (Date.parse((sales[middle] as Sale).createdAt) >= created) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Many sales at once (a frame's batch), as upsertSale would one by one: a known sale is replaced in
 * place (its creation time never changes), a new one inserted where it sorts; no full sort of the day.
 */
export function upsertSales(sales: readonly Sale[], incoming: readonly Sale[]): Sale[] {
  const indexOf = new Map(sales.map((sale, index) => [sale.id, index]));
  const next = [...sales];
  const added: Sale[] = [];
  for (const sale of incoming) {
    const at = indexOf.get(sale.id);
    if (at === undefined) added.push(sale);
    else if (isAtLeastAsRecent(sale, next[at])) next[at] = sale;
  }
  for (const sale of added) {
    const known = next.findIndex((row) => row.id === sale.id);
    if (known >= 0) {
      if (isAtLeastAsRecent(sale, next[known])) next[known] = sale;
      continue;
    }
    next.splice(placeFor(next, sale), 0, sale);
  }
  return next;
}

/**
 * A freshly listed day, merged with copies that events delivered while the list was in flight: in
 * one pass, as upsertSale would one by one (a day of 20,000 sales merged sale by sale is 20,000 sorts).
 */
export function mergeListed(listed: readonly Sale[], known: readonly Sale[], range: DayRange): Sale[] {
  return upsertSales(
    [...listed].sort(newestFirst),
    known.filter((sale) => placeInDay(sale, range) === 'inside'),
  );
}

/** The most sales listSales answers in one call. */
export const LIST_PAGE_SALES = 1000;

export type ListSales = (query: { from: string; to: string; limit: number }) => Promise<Result<Sale[]>>;

/**
 * The whole day, newest first, a page at a time (issue 14: a day has 20,000 sales, a call answers
 * 1,000). `to` is exclusive, so each next page ends just after the oldest sale's millisecond: sales
 * sharing it come twice and are kept once.
 */
export async function readDay(list: ListSales, range: DayRange): Promise<Result<Sale[]>> {
  const sales: Sale[] = [];
  const seen = new Set<string>();
  let to = range.to;
  for (;;) {
    const page = await list({ from: range.from, to, limit: LIST_PAGE_SALES });
    if (!page.ok) return page;
    let added = 0;
    for (const sale of page.value) {
      if (seen.has(sale.id)) continue;
      seen.add(sale.id);
      sales.push(sale);
      added += 1;
    }
    const oldest = page.value[page.value.length - 1];
    // A short page is the last; a page of nothing new (1,000 sales in one millisecond) ends it too.
    if (!oldest || page.value.length < LIST_PAGE_SALES || added === 0) return { ok: true, value: sales };
    to = new Date(Date.parse(oldest.createdAt) + 1).toISOString();
  }
}

export interface PaidTotal {
  currency: string;
  minor: number;
  count: number;
}

/**
 * What the day has taken (net of refunds), per currency (a shop that switched currency mid-day sees both): live
 * sales by default; `sandbox: true` totals the sandbox's test sales, which moved no real money.
 */
export function paidTotals(sales: readonly Sale[], options: { sandbox?: boolean } = {}): PaidTotal[] {
  const sandbox = options.sandbox ?? false;
  const totals = new Map<string, PaidTotal>();
  for (const sale of sales) {
    // Paid, or paid and (partly) refunded: what it counts as takings, net of its refunds.
    if (!countsAsMoney(sale.status) || sale.sandbox !== sandbox) continue;
    const total = totals.get(sale.currency) ?? { currency: sale.currency, minor: 0, count: 0 };
    total.minor += (sale.recognisedMinor ?? sale.amountMinor) - sale.refundedMinor;
    total.count += 1;
    totals.set(sale.currency, total);
  }
  return [...totals.values()];
}
