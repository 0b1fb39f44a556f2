// The history screen: a keyset-paged list (newest first) and the figures of the whole selection.
// The ledger answers the queries (store/history-queries.ts); this file shapes the answers.
import type { PosArgs, PosValue } from '../../../shared/api';
import { addMoney, type Money } from '../../../shared/books';
import { countsAsMoney, SALE_STATUSES } from '../../../shared/sale';
import type { Ledger, SelectionGroup, StatusCounts } from '../store/ledger';

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

/** Without a search, the kept totals answer (a few rows for any range); a search reads the matching rows. */
function selectionOf(ledger: Ledger, args: PosArgs<'historySummary'>): SelectionGroup[] {
  if (args.search?.trim()) return ledger.selection(args);
  return ledger.totalsIn(args).map((group) => ({ ...group, recognisedMinor: group.grossMinor, refundedMinor: group.refundMinor }));
}

/**
 * The figures of the sales matching every filter (range, status, search): how many per status, what
 * their Amount column adds up to, and among them the live takings net of refunds; the sandbox's apart.
 */
export function historySummary(ledger: Ledger, args: PosArgs<'historySummary'>): PosValue<'historySummary'> {
  return summarizeGroups(selectionOf(ledger, args));
}

/** The history's figures from groups of sales (the counter's kept totals, or the whole shop's rows grouped by PostgreSQL). */
export function summarizeGroups(groups: readonly SelectionGroup[]): PosValue<'historySummary'> {
  const counts = Object.fromEntries(SALE_STATUSES.map((status) => [status, 0])) as StatusCounts;
  const amounts: Money[] = [];
  const takings = { live: [] as Money[], sandbox: [] as Money[] };
  const refunds: Money[] = [];
  const paid = { live: 0, sandbox: 0 };
  let sandboxCount = 0;
  for (const group of groups) {
    counts[group.status] += group.count;
    if (group.sandbox) sandboxCount += group.count;
    amounts.push({ currency: group.currency, amountMinor: group.amountMinor });
    if (!countsAsMoney(group.status)) continue;
    const mode = group.sandbox ? 'sandbox' : 'live';
    paid[mode] += group.count;
    takings[mode].push({ currency: group.currency, amountMinor: group.recognisedMinor - group.refundedMinor });
    if (!group.sandbox) refunds.push({ currency: group.currency, amountMinor: group.refundedMinor });
  }
  return {
    counts,
    count: SALE_STATUSES.reduce((sum, status) => sum + counts[status], 0),
    sandboxCount,
    amountTotals: addMoney(amounts),
    paidCount: paid.live,
    paidTotals: addMoney(takings.live),
    refundTotals: addMoney(refunds),
    sandboxPaidCount: paid.sandbox,
    sandboxPaidTotals: addMoney(takings.sandbox),
  };
}
