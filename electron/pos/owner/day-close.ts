// The day close as a preview (dayClose, any range; nothing stored): what the sales created in the
// range add to the books as they stand now, by the same rules as a Z-report (books.ts), and the
// sales that still need the owner. Sums the same rows as the CSV export of the range, from the totals
// kept per hour, day and month (migration 0130) rather than row by row.
import type { DayClose } from '../../../shared/api';
import { SALE_STATUSES, type Sale } from '../../../shared/sale';
import type { Ledger, StatusCounts, TotalsGroup } from '../store/ledger';
import { booksOf, summarize, type BookEntry } from './books';

/** A group of the kept totals as one line of the books, adding up `count` sales. */
export function entryOfGroup(group: TotalsGroup): BookEntry {
  const { status, currency, sandbox, amountMinor, grossMinor, tipMinor, refundMinor, token, blockchain, cryptoReceived, cryptoRefunded } = group;
  return { books: { status, currency, sandbox, amountMinor, grossMinor, tipMinor, refundMinor, token, blockchain, cryptoReceived, cryptoRefunded }, sign: 1, count: group.count };
}

export function dayClose(ledger: Ledger, range: { from: string; to: string }): DayClose {
  // The kept totals (a few rows for any range), summed by the same rules as the sales one by one.
  return dayCloseOfGroups(range, ledger.totalsIn(range), ledger.reviewIn(range));
}

/** A sale as a group of one, counted as the kept totals count it (migration 0130's triggers). */
function groupOfSale(sale: Sale): TotalsGroup {
  const live = !sale.sandbox && sale.recognisedMinor !== null;
  return {
    ...booksOf(sale),
    count: 1,
    overpaid: live && sale.overpaid ? 1 : 0,
    chainConfirmed: live && sale.confirmation === 'chain-confirmed' ? 1 : 0,
    recovered: live && sale.confirmation === 'recovered' ? 1 : 0,
  };
}

/** The day close from the sales themselves (the whole shop's rows, read from PostgreSQL), by the same rules. */
export function dayCloseOfSales(sales: readonly Sale[], range: { from: string; to: string }): DayClose {
  return dayCloseOfGroups(range, sales.map(groupOfSale), sales.filter((sale) => sale.status === 'review'));
}

function dayCloseOfGroups(range: { from: string; to: string }, groups: readonly TotalsGroup[], review: Sale[]): DayClose {
  const figures = summarize(groups.map(entryOfGroup));
  const counts = Object.fromEntries(SALE_STATUSES.map((status) => [status, 0])) as StatusCounts;
  const chain = { overpaid: 0, confirmed: 0, recovered: 0 };
  for (const group of groups) {
    counts[group.status] += group.count;
    chain.overpaid += group.overpaid;
    chain.confirmed += group.chainConfirmed;
    chain.recovered += group.recovered;
  }
  return {
    from: range.from,
    to: range.to,
    // Money is the live sales' alone; the sandbox's are reported apart.
    paidCount: figures.live.paidCount,
    overpaidCount: chain.overpaid,
    chainConfirmedCount: chain.confirmed,
    recoveredCount: chain.recovered,
    gross: figures.live.gross,
    sandboxPaidCount: figures.sandbox.paidCount,
    // Net of refunds, as History says it: what the test sales took.
    sandboxPaidTotals: figures.sandbox.net,
    crypto: figures.crypto.map((row) => ({ token: row.token, blockchain: row.blockchain, amount: row.received })),
    counts,
    review,
    figures,
  };
}
