// The day close: what was paid (per fiat currency and, exactly, per token and network; live sales
// only, the sandbox's apart), how many sales ended in each status, and what still needs the owner.
// Sums the same rows, with the same rules, as the CSV export of the range.
import type { DayClose } from '../../../shared/api';
import type { Blockchain } from '../../../shared/mitilena';
import type { Ledger } from '../store/ledger';
import { DecimalSum, cryptoReceived, cryptoToken } from './figures';
import { asMoney, countOf } from './history';

export function dayClose(ledger: Ledger, range: { from: string; to: string }): DayClose {
  // Money is the live sales' alone; the sandbox's paid sales are reported apart.
  const paid = ledger.paidTotals(range);
  const crypto = new Map<string, { token: string; blockchain: Blockchain; sum: DecimalSum }>();
  // The same paid rows also say how the chain backs them (counted here: no second pass over the rows).
  const chain = { confirmed: 0, recovered: 0 };
  for (const row of ledger.paidCrypto(range)) {
    if (row.confirmation === 'chain-confirmed') chain.confirmed += 1;
    else if (row.confirmation === 'recovered') chain.recovered += 1;
    const amount = cryptoReceived(row.paid_crypto_amount, row.crypto_amount);
    if (amount === null) continue;
    const token = cryptoToken(row.crypto_symbol, row.blockchain);
    const key = `${token}\u0000${row.blockchain}`;
    let entry = crypto.get(key);
    if (!entry) {
      entry = { token, blockchain: row.blockchain, sum: new DecimalSum() };
      crypto.set(key, entry);
    }
    entry.sum.add(amount);
  }
  return {
    from: range.from,
    to: range.to,
    paidCount: countOf(paid.live),
    overpaidCount: paid.live.reduce((sum, row) => sum + row.overpaid, 0),
    chainConfirmedCount: chain.confirmed,
    recoveredCount: chain.recovered,
    gross: asMoney(paid.live),
    sandboxPaidCount: countOf(paid.sandbox),
    sandboxPaidTotals: asMoney(paid.sandbox),
    crypto: [...crypto.values()]
      .sort((a, b) => a.token.localeCompare(b.token) || a.blockchain.localeCompare(b.blockchain))
      .map((entry) => ({ token: entry.token, blockchain: entry.blockchain, amount: entry.sum.toString() })),
    counts: ledger.statusCounts(range),
    review: ledger.salesInReview(range),
  };
}
