// The day close as a preview (dayClose, any range; nothing stored): what the sales created in the
// range add to the books as they stand now, by the same rules as a Z-report (books.ts), and the
// sales that still need the owner. Sums the same rows as the CSV export of the range.
import type { DayClose } from '../../../shared/api';
import { SALE_STATUSES, type Sale } from '../../../shared/sale';
import type { Ledger, StatusCounts } from '../store/ledger';
import { booksOf, summarize } from './books';

/** Paid sales per chain confirmation, and overpaid ones: live sales that count as money. */
function chainCounts(sales: readonly Sale[]): { overpaid: number; confirmed: number; recovered: number } {
  const counts = { overpaid: 0, confirmed: 0, recovered: 0 };
  for (const sale of sales) {
    if (sale.sandbox || sale.recognisedMinor === null) continue;
    if (sale.overpaid) counts.overpaid += 1;
    if (sale.confirmation === 'chain-confirmed') counts.confirmed += 1;
    else if (sale.confirmation === 'recovered') counts.recovered += 1;
  }
  return counts;
}

export function dayClose(ledger: Ledger, range: { from: string; to: string }): DayClose {
  const sales = ledger.salesIn(range);
  const figures = summarize(sales.map((sale) => ({ books: booksOf(sale), sign: 1 as const })));
  const counts = Object.fromEntries(SALE_STATUSES.map((status) => [status, 0])) as StatusCounts;
  for (const sale of sales) counts[sale.status] += 1;
  const chain = chainCounts(sales);
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
    review: sales.filter((sale) => sale.status === 'review'),
    figures,
  };
}
