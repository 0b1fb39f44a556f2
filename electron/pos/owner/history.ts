// The history screen: a keyset-paged list (newest first) and the counts and paid totals of a range.
// The ledger answers the queries (store/history-queries.ts); this file shapes the answers.
import type { PosArgs, PosValue } from '../../../shared/api';
import type { Ledger, PaidTotal } from '../store/ledger';

export const HISTORY_PAGE_DEFAULT = 100;
export const HISTORY_PAGE_MAX = 200;

export function historyPage(ledger: Ledger, args: PosArgs<'historyPage'>): PosValue<'historyPage'> {
  const limit = Math.min(args.limit ?? HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX);
  // One row more than shown says whether there is a next page.
  const rows = ledger.historyPage({ ...args, limit: limit + 1 });
  const sales = rows.slice(0, limit);
  const last = sales[sales.length - 1];
  return { sales, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
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
export function historySummary(ledger: Ledger, args: PosArgs<'historySummary'>): PosValue<'historySummary'> {
  const paid = ledger.paidTotals(args);
  return { counts: ledger.statusCounts(args), paidTotals: asMoney(paid.live), sandboxPaidCount: countOf(paid.sandbox), sandboxPaidTotals: asMoney(paid.sandbox) };
}
